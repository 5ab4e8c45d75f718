package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.random.Rng;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * CTGAN's critic: Linear → LeakyReLU (slope 0.2 by default) → Dropout (0.5 by default), twice, then Linear to
 * one score, on PacGAN inputs (a row is {@code pac} encoded rows with their conditional vectors, side by side).
 *
 * <p>The WGAN-GP penalty λ·mean((‖∇ₓD(x̂)‖ − 1)²) needs the gradient of a gradient. For this network it is
 * derived by hand: LeakyReLU is piecewise linear, so with the slopes and dropout masks of the forward pass
 * held fixed the input gradient is a product of the weights, ∇ₓD = ((G₂ ⊙ w₃ᵀ) W₂ᵀ ⊙ G₁) W₁ᵀ, and the
 * penalty's parameter gradients follow by the chain rule through that product (tested against finite
 * differences). The biases do not enter it.
 */
public final class Critic {
    final INDArray w1;
    final INDArray b1;
    final INDArray w2;
    final INDArray b2;
    final INDArray w3;
    final INDArray b3;
    private final double dropout;
    /** LeakyReLU's slope for negative inputs. */
    private final double slope;

    /** Parameter gradients, shaped like the parameters. */
    public record Gradients(INDArray w1, INDArray b1, INDArray w2, INDArray b2, INDArray w3, INDArray b3) {
    }

    /**
     * One forward pass with what backpropagation needs: the slopes times dropout masks {@code g1}, {@code g2}
     * (LeakyReLU's derivative, masked and scaled), the activations and the scores.
     */
    public record Pass(INDArray x, INDArray a1, INDArray g1, INDArray a2, INDArray g2, INDArray y) {
    }

    /**
     * A critic for inputs of width {@code in}, hidden width {@code hidden}, with the given dropout probability and
     * LeakyReLU slope, initialised like PyTorch's Linear.
     */
    public Critic(int in, int hidden, double dropout, double slope, DataType type, Rng rng) {
        this.w1 = uniform(in, hidden, in, type, rng);
        this.b1 = uniform(1, hidden, in, type, rng);
        this.w2 = uniform(hidden, hidden, hidden, type, rng);
        this.b2 = uniform(1, hidden, hidden, type, rng);
        this.w3 = uniform(hidden, 1, hidden, type, rng);
        this.b3 = uniform(1, 1, hidden, type, rng);
        this.dropout = dropout;
        this.slope = slope;
    }

    /** U(−1/√fanIn, 1/√fanIn), as torch.nn.Linear initialises weights and biases. */
    static INDArray uniform(int rows, int cols, int fanIn, DataType type, Rng rng) {
        double bound = 1 / Math.sqrt(fanIn);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (2 * rng.nextDouble() - 1) * bound;
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(type);
    }

    /** Dropout masks of one pass: per hidden layer, rows × hidden values, 0 (dropped) or 1 / (1 − p) (kept). */
    public record Masks(float[] first, float[] second) {
    }

    /** Masks for a pass over {@code rows} rows, first layer then second, element by element; null without dropout. */
    public Masks masks(Rng rng, int rows) {
        if (dropout == 0) {
            return null;
        }
        int hidden = (int) w1.columns();
        float keep = (float) (1 / (1 - dropout));
        float[][] m = new float[2][rows * hidden];
        for (float[] layer : m) {
            for (int i = 0; i < layer.length; i++) {
                layer[i] = keep * (float) Values.step(rng.nextDouble() - dropout);
            }
        }
        return new Masks(m[0], m[1]);
    }

    /** The forward pass with dropout masks drawn from {@code rng} (none when {@code rng} is null: evaluation mode). */
    public Pass forward(INDArray x, Rng rng) {
        return forward(x, rng == null ? null : masks(rng, (int) x.rows()));
    }

    /** The forward pass with the given dropout masks (null: evaluation mode). */
    public Pass forward(INDArray x, Masks masks) {
        INDArray[] l1 = hidden(x, w1, b1, masks == null ? null : masks.first());
        INDArray[] l2 = hidden(l1[1], w2, b2, masks == null ? null : masks.second());
        INDArray y = Gemm.nn(l2[1], w3).addiRowVector(b3);
        return new Pass(x, l1[1], l1[0], l2[1], l2[0], y);
    }

    /**
     * A hidden layer z = xW + b in one pass after the product: LeakyReLU's derivative at z times the dropout mask
     * (the layer's slopes g) and the activation a = z ⊙ g. Returns {g, a}.
     */
    private INDArray[] hidden(INDArray x, INDArray w, INDArray b, float[] mask) {
        Values z = Values.of(Gemm.nn(x, w));
        double[] bias = Values.of(b).toDoubles();
        int rows = (int) x.rows();
        int width = bias.length;
        Values g = Values.zeros(x.dataType(), z.length());
        Values a = Values.zeros(x.dataType(), z.length());
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                int i = r * width + j;
                double v = z.get(i) + bias[j];
                double s = slope + (1 - slope) * Values.step(v);
                if (mask != null) {
                    s *= mask[i];
                }
                g.set(i, s);
                a.set(i, v * s);
            }
        }
        return new INDArray[] {g.matrix(rows, width), a.matrix(rows, width)};
    }

    /** Parameter gradients of Σᵢ dyᵢ·yᵢ (dy is the loss's gradient with respect to the scores), and ∂/∂x. */
    public Gradients backward(Pass p, INDArray dy, INDArray[] dx) {
        INDArray gw3 = Gemm.tn(p.a2(), dy);
        INDArray gb3 = dy.sum(true, 0);
        INDArray dz2 = Gemm.nt(dy, w3).muli(p.g2());
        INDArray gw2 = Gemm.tn(p.a1(), dz2);
        INDArray gb2 = dz2.sum(true, 0);
        INDArray dz1 = Gemm.nt(dz2, w2).muli(p.g1());
        INDArray gw1 = Gemm.tn(p.x(), dz1);
        INDArray gb1 = dz1.sum(true, 0);
        if (dx != null) {
            dx[0] = Gemm.nt(dz1, w1);
        }
        return new Gradients(gw1, gb1, gw2, gb2, gw3, gb3);
    }

    /** ∂/∂x of Σᵢ dyᵢ·yᵢ alone, without the parameter gradients (what the generator's step needs). */
    public INDArray inputBackward(Pass p, INDArray dy) {
        INDArray dz2 = Gemm.nt(dy, w3).muli(p.g2());
        INDArray dz1 = Gemm.nt(dz2, w2).muli(p.g1());
        return Gemm.nt(dz1, w1);
    }

    /** ∇ₓD for every input row, with the pass's slopes and masks. */
    public INDArray inputGradient(Pass p) {
        INDArray u = p.g2().mulRowVector(w3.transpose());
        INDArray t = Gemm.nt(u, w2).muli(p.g1());
        return Gemm.nt(t, w1);
    }

    /** The gradient penalty's value and its gradients with respect to the weights (the biases get none). */
    public record Penalty(double value, INDArray w1, INDArray w2, INDArray w3) {
        /** Adds the penalty's gradients to {@code g} in place. */
        void addTo(Gradients g) {
            g.w1().addi(w1);
            g.w2().addi(w2);
            g.w3().addi(w3);
        }
    }

    /** The gradient penalty λ·mean((‖∇ₓD‖ − 1)²) over the pass's rows, with its parameter gradients. */
    public Penalty penalty(Pass p, double lambda) {
        INDArray u = p.g2().mulRowVector(w3.transpose());
        INDArray v = Gemm.nt(u, w2);
        INDArray t = v.mul(p.g1());
        INDArray g = Gemm.nt(t, w1);
        long m = g.rows();
        INDArray norms = g.norm2(1).reshape(m, 1);
        INDArray gap = norms.sub(1);
        double value = lambda * gap.mul(gap).sumNumber().doubleValue() / m;
        // dP/dg_i = (2λ/m)(‖g_i‖ − 1) g_i / ‖g_i‖
        INDArray r = g.mulColumnVector(gap.div(Transforms.max(norms, 1e-12)).muli(2 * lambda / m));
        INDArray gw1 = Gemm.tn(r, t);
        INDArray dv = Gemm.nn(r, w1).muli(p.g1());
        INDArray gw2 = Gemm.tn(dv, u);
        INDArray du = Gemm.nn(dv, w2);
        INDArray gw3 = du.mul(p.g2()).sum(true, 0).transpose();
        return new Penalty(value, gw1, gw2, gw3);
    }

    /** Zero gradients shaped like the parameters. */
    public Gradients zeros() {
        return new Gradients(Nd4j.zerosLike(w1), Nd4j.zerosLike(b1), Nd4j.zerosLike(w2), Nd4j.zerosLike(b2),
                Nd4j.zerosLike(w3), Nd4j.zerosLike(b3));
    }
}
