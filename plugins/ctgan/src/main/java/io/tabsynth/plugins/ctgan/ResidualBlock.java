package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.random.Rng;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One of the generator's residual blocks, {@code h ↦ [ReLU(BatchNorm(hW + b)), h]}: its parameters, running
 * statistics, and forward and backward passes. After the matrix product, each pass is a few loops over plain
 * arrays (batch statistics; normalise, scale, ReLU and concatenate; the gradient's column sums; batch norm's
 * backward), each a small method the JIT compiles well.
 */
final class ResidualBlock {
    static final double EPS = 1e-5;
    static final double MOMENTUM = 0.1;

    final INDArray w;
    final INDArray b;
    final INDArray gamma;
    final INDArray beta;
    final INDArray runningMean;
    final INDArray runningVar;

    /** A block from {@code in} to {@code out} units (its output is out + in wide), initialised like PyTorch's. */
    ResidualBlock(int in, int out, DataType type, Rng rng) {
        w = Critic.uniform(in, out, in, type, rng);
        b = Critic.uniform(1, out, in, type, rng);
        gamma = Nd4j.ones(type, 1, out);
        beta = Nd4j.zeros(type, 1, out);
        runningMean = Nd4j.zeros(type, 1, out);
        runningVar = Nd4j.ones(type, 1, out);
    }

    /** Units the block adds. */
    int width() {
        return (int) w.columns();
    }

    /**
     * What backpropagation needs from a forward pass.
     *
     * @param input      the block's input (rows × in)
     * @param normalised the normalised pre-activations x̂ (rows × width)
     * @param inverseStd 1 / σ per unit
     * @param values     the output's values: per row the width activations, then the input
     * @param output     the same values as an array (rows × (width + in)), the next block's input
     */
    record Pass(INDArray input, Values normalised, double[] inverseStd, Values values, INDArray output) {
    }

    /**
     * Forward on {@code h} (rows × in), whose values {@code in} the caller already holds. Training uses the batch's
     * statistics and moves the running ones towards them; otherwise the running ones are used.
     */
    Pass forward(INDArray h, Values in, boolean training) {
        return forward(h, in, training, MOMENTUM);
    }

    /** As {@link #forward(INDArray, Values, boolean)}, moving the running statistics by {@code momentum} in training. */
    Pass forward(INDArray h, Values in, boolean training, double momentum) {
        int n = (int) h.rows();
        int width = width();
        int hw = (int) h.columns();
        Values z = Values.of(Gemm.nn(h, w));
        double[] bias = Values.of(b).toDoubles();
        double[] mean;
        double[] var;
        if (training) {
            mean = columnMeans(z, bias, n, width);
            var = columnVariances(z, bias, mean, n, width);
            Values rm = Values.of(runningMean);
            Values rv = Values.of(runningVar);
            for (int j = 0; j < width; j++) {
                rm.set(j, (1 - momentum) * rm.get(j) + momentum * mean[j]);
                rv.set(j, (1 - momentum) * rv.get(j) + momentum * var[j] * n / Math.max(1, n - 1));
            }
            rm.store(runningMean);
            rv.store(runningVar);
        } else {
            mean = Values.of(runningMean).toDoubles();
            var = Values.of(runningVar).toDoubles();
        }
        double[] inv = new double[width];
        for (int j = 0; j < width; j++) {
            inv[j] = 1 / Math.sqrt(var[j] + EPS);
        }
        Values xhat = Values.zeros(h.dataType(), n * width);
        Values out = Values.zeros(h.dataType(), n * (width + hw));
        normalise(z, bias, mean, inv, Values.of(gamma).toDoubles(), Values.of(beta).toDoubles(), xhat, out, n, width);
        for (int r = 0; r < n; r++) {
            // the residual connection: each row of the input after the block's activations
            in.copy(r * hw, out, r * (width + hw) + width, hw);
        }
        return new Pass(h, xhat, inv, out, out.matrix(n, width + hw));
    }

    /**
     * Parameter gradients and, when asked for, the gradient with respect to the block's input. The weights'
     * gradient is still being computed on the {@link Overlap} thread: join it before use.
     */
    record Gradients(Future<INDArray> w, INDArray b, INDArray gamma, INDArray beta, INDArray input) {
    }

    /**
     * Backward from {@code dOut}, the loss's gradient with respect to the block's output (rows × (width + in)),
     * with batch statistics; {@code wantInput} asks for the input's gradient too (the first block's input is
     * noise and condition, which need none).
     */
    Gradients backward(Pass p, INDArray dOut, boolean wantInput) {
        DataType type = dOut.dataType();
        int n = (int) dOut.rows();
        int width = width();
        int ow = (int) dOut.columns();
        Values d = Values.of(dOut);
        double[] gBeta = new double[width];
        double[] gGamma = new double[width];
        reluColumnSums(d, p.values(), p.normalised(), n, width, ow, gBeta, gGamma);
        double[] scale = Values.of(gamma).toDoubles();
        for (int j = 0; j < width; j++) {
            scale[j] *= p.inverseStd()[j] / n;
        }
        Values dz = Values.zeros(type, n * width);
        double[] gb = normaliseBackward(d, p.values(), p.normalised(), gBeta, gGamma, scale, dz, n, width, ow);
        INDArray dzm = dz.matrix(n, width);
        Future<INDArray> gw = Overlap.start(() -> Gemm.tn(p.input(), dzm));
        INDArray dIn = null;
        if (wantInput) {
            // the gradient through the residual connection, then the one through the weights added by gemm
            int iw = ow - width;
            Values skipped = Values.zeros(type, n * iw);
            for (int r = 0; r < n; r++) {
                d.copy(r * ow + width, skipped, r * iw, iw);
            }
            dIn = Gemm.nt(dzm, w, skipped.matrix(n, iw));
        }
        return new Gradients(gw, Values.row(type, gb), Values.row(type, gGamma), Values.row(type, gBeta), dIn);
    }

    private static double[] columnMeans(Values z, double[] bias, int n, int width) {
        double[] mean = new double[width];
        for (int r = 0; r < n; r++) {
            int at = r * width;
            for (int j = 0; j < width; j++) {
                mean[j] += z.get(at + j);
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] = mean[j] / n + bias[j];
        }
        return mean;
    }

    private static double[] columnVariances(Values z, double[] bias, double[] mean, int n, int width) {
        double[] shift = new double[width];
        for (int j = 0; j < width; j++) {
            shift[j] = mean[j] - bias[j];
        }
        double[] var = new double[width];
        for (int r = 0; r < n; r++) {
            int at = r * width;
            for (int j = 0; j < width; j++) {
                double c = z.get(at + j) - shift[j];
                var[j] += c * c;
            }
        }
        for (int j = 0; j < width; j++) {
            var[j] /= n;
        }
        return var;
    }

    /** x̂ = (z + b − μ) / σ and the activations ReLU(γ x̂ + β) into the first columns of {@code out}'s rows. */
    private static void normalise(Values z, double[] bias, double[] mean, double[] inv, double[] gamma,
                                  double[] beta, Values xhat, Values out, int n, int width) {
        int ow = out.length() / n;
        for (int r = 0; r < n; r++) {
            int at = r * width;
            int o = r * ow;
            for (int j = 0; j < width; j++) {
                double v = (z.get(at + j) + bias[j] - mean[j]) * inv[j];
                xhat.set(at + j, v);
                double a = v * gamma[j] + beta[j];
                // ReLU; a negative a becomes −0, so the backward pass can tell from the output alone
                out.set(o + j, a * Values.step(a));
            }
        }
    }

    /** Column sums of the gradient reaching β (where ReLU passed it: its output is not −0) and γ (times x̂). */
    private static void reluColumnSums(Values d, Values out, Values xhat, int n, int width, int ow,
                                       double[] gBeta, double[] gGamma) {
        for (int r = 0; r < n; r++) {
            int o = r * ow;
            int at = r * width;
            for (int j = 0; j < width; j++) {
                double v = d.get(o + j) * Values.step(out.get(o + j));
                gBeta[j] += v;
                gGamma[j] += v * xhat.get(at + j);
            }
        }
    }

    /**
     * Batch norm's backward with batch statistics: dz = γ/(nσ) (n·dy − Σdy − x̂ Σ(dy x̂)), dy being the gradient
     * ReLU passed. Fills {@code dz} and returns its column sums (the bias's gradient).
     */
    private static double[] normaliseBackward(Values d, Values out, Values xhat, double[] gBeta,
                                              double[] gGamma, double[] scale, Values dz, int n, int width,
                                              int ow) {
        double[] gb = new double[width];
        for (int r = 0; r < n; r++) {
            int o = r * ow;
            int at = r * width;
            for (int j = 0; j < width; j++) {
                double v = d.get(o + j) * Values.step(out.get(o + j));
                double u = (n * v - gBeta[j] - xhat.get(at + j) * gGamma[j]) * scale[j];
                dz.set(at + j, u);
                gb[j] += u;
            }
        }
        return gb;
    }
}
