package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CTGAN's generator: residual blocks {@code h ↦ [ReLU(BatchNorm(Linear(h))), h]} (two of width 256 by
 * default), then a Linear layer to the encoded row, whose spans are activated by tanh (mode scalars) or
 * Gumbel-softmax with temperature τ (mode indicators, categories). Forward and backward are written out;
 * batch normalisation uses batch statistics while training and running averages when sampling.
 */
public final class GeneratorNetwork {
    final List<ResidualBlock> blocks = new ArrayList<>();
    final INDArray wOut;
    final INDArray bOut;
    private final List<DataTransformer.Span> spans;
    private final double tau;
    /** Gumbel noise values per row: the softmax spans' total width. */
    private final int noiseWidth;
    /** The widest span's width. */
    private final int widestSpan;
    /** 1/τ when it is a whole number, else 0. */
    private final int wholePower;

    /**
     * @param in     width of the input (embedding plus conditional vector)
     * @param widths the residual blocks' widths
     * @param spans  the encoded row's spans (its width is the last span's end)
     * @param tau    Gumbel-softmax temperature
     */
    public GeneratorNetwork(int in, int[] widths, List<DataTransformer.Span> spans, double tau, DataType type, Rng rng) {
        int width = in;
        for (int w : widths) {
            blocks.add(new ResidualBlock(width, w, type, rng));
            width += w;
        }
        DataTransformer.Span last = spans.get(spans.size() - 1);
        int out = last.start() + last.width();
        this.wOut = Critic.uniform(width, out, width, type, rng);
        this.bOut = Critic.uniform(1, out, width, type, rng);
        this.spans = List.copyOf(spans);
        this.tau = tau;
        this.widestSpan = this.spans.stream().mapToInt(DataTransformer.Span::width).max().orElse(0);
        long power = Math.round(1 / tau);
        this.wholePower = power >= 1 && power <= 16 && Math.abs(1 / tau - power) < 1e-9 ? (int) power : 0;
        this.noiseWidth = this.spans.stream()
                .filter(sp -> sp.activation() == DataTransformer.Activation.SOFTMAX).mapToInt(DataTransformer.Span::width).sum();
    }

    /** The Gumbel-softmax temperature. */
    double tau() {
        return tau;
    }

    /** What backpropagation needs from a forward pass: the blocks' passes, then the last hidden layer, logits and output. */
    public record Pass(List<ResidualBlock.Pass> blocks, INDArray hidden, INDArray logits, INDArray output) {
    }

    /**
     * Gumbel noise for the softmax spans of each row (see {@link #forward(INDArray, float[], boolean)}), held as
     * E = −log U, an Exp(1) variate: the noise is g = −log E, and the softmax needs only exp(g/τ) = E^(−1/τ),
     * which saves a logarithm per value.
     */
    float[] gumbel(Rng rng, int rows) {
        float[] e = new float[rows * noiseWidth];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) -Math.log(rng.nextOpenDouble());
        }
        return e;
    }

    /** exp(g/τ) = E^(−1/τ) for Gumbel noise held as E; by multiplication when 1/τ is a whole number (τ = 0.2). */
    private double noiseFactor(double e) {
        if (wholePower > 0) {
            double p = e;
            for (int i = 1; i < wholePower; i++) {
                p *= e;
            }
            return 1 / p;
        }
        return Math.pow(e, -1 / tau);
    }

    /** Forward pass drawing its Gumbel noise from {@code rng} (none when {@code rng} is null). */
    public Pass forward(INDArray x, Rng rng, boolean training) {
        return forward(x, rng == null ? null : gumbel(rng, (int) x.rows()), training);
    }

    /**
     * Forward pass on a batch {@code x} (rows × in). Training mode uses batch statistics and updates the running
     * ones; otherwise the running ones are used. {@code gumbel} (from {@link #gumbel}) is the noise added to the
     * softmax spans' logits, row by row in span order; null for a plain softmax.
     */
    public Pass forward(INDArray x, float[] gumbel, boolean training) {
        int n = (int) x.rows();
        List<ResidualBlock.Pass> passes = new ArrayList<>();
        INDArray h = x;
        Values in = Values.of(x);
        for (ResidualBlock blk : blocks) {
            ResidualBlock.Pass p = blk.forward(h, in, training);
            passes.add(p);
            h = p.output();
            in = p.values();
        }
        Values logits = Values.of(Gemm.nn(h, wOut));
        Values output = activate(logits, n, gumbel);
        int width = (int) wOut.columns();
        return new Pass(passes, h, logits.matrix(n, width), output.matrix(n, width));
    }

    /**
     * Sets the batch-norm running statistics to the mean of the batch statistics over {@code inputs}: for
     * weights that were never trained with running statistics of their own (a running average of weights).
     */
    void calibrate(List<INDArray> inputs) {
        for (int k = 0; k < inputs.size(); k++) {
            INDArray h = inputs.get(k);
            Values in = Values.of(h);
            for (ResidualBlock blk : blocks) {
                ResidualBlock.Pass p = blk.forward(h, in, true, 1.0 / (k + 1));
                h = p.output();
                in = p.values();
            }
        }
    }

    /**
     * Adds the output bias to {@code logits} in place and returns the activated output: tanh for scalars,
     * Gumbel-softmax for one-hot spans. The spans are many and narrow, which suits a loop better than many small
     * array operations; rows are independent and run in parallel.
     */
    private Values activate(Values logits, int rows, float[] gumbel) {
        Values y = Values.zeros(logits.type(), logits.length());
        double[] bias = Values.of(bOut).toDoubles();
        java.util.stream.IntStream.range(0, rows).parallel().forEach(r -> activateRow(logits, bias, gumbel, y, r));
        return y;
    }

    /** Row {@code r} of {@link #activate}. */
    private void activateRow(Values l, double[] bias, float[] gumbel, Values y, int r) {
        int base = r * (int) wOut.columns();
        int noise = r * noiseWidth;
        double[] e = new double[widestSpan];
        for (DataTransformer.Span s : spans) {
            int from = base + s.start();
            if (s.activation() == DataTransformer.Activation.TANH) {
                double v = l.get(from) + bias[s.start()];
                l.set(from, v);
                y.set(from, Math.tanh(v));
                continue;
            }
            // softmax((l + g) / τ) ∝ exp((l − max l) / τ) · exp(g / τ), worked out in double: with E ≥ 1e-16 the
            // noise factor reaches 1e80, past the float range of the output, so only the normalised values are
            // stored
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < s.width(); i++) {
                double v = l.get(from + i) + bias[s.start() + i];
                l.set(from + i, v);
                e[i] = v;
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < s.width(); i++) {
                double t = Math.exp((e[i] - max) / tau);
                if (gumbel != null) {
                    t *= noiseFactor(gumbel[noise++]);
                }
                e[i] = t;
                sum += t;
            }
            for (int i = 0; i < s.width(); i++) {
                y.set(from + i, e[i] / sum);
            }
        }
    }

    /** Parameter gradients, shaped like the parameters: per block w, b, gamma, beta; then wOut, bOut. */
    public record Gradients(List<INDArray[]> blocks, INDArray wOut, INDArray bOut) {
    }

    /**
     * Backpropagates {@code dOut}, the loss's gradient with respect to the activated output (rows × at least the
     * output's width: columns past it, such as the conditional vector's, are ignored), and {@code dLogits}, a
     * gradient with respect to the logits (e.g. the conditional cross-entropy's; may be null).
     */
    public Gradients backward(Pass p, INDArray dOut, INDArray dLogits) {
        DataType type = p.output().dataType();
        int n = (int) p.output().rows();
        int width = (int) p.output().columns();
        Values d = logitGradient(Values.of(p.output()), Values.of(dOut), (int) dOut.columns(), n);
        Values extra = dLogits == null ? null : Values.of(dLogits);
        double[] gbOut = new double[width];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < width; j++) {
                int at = r * width + j;
                if (extra != null) {
                    d.set(at, d.get(at) + extra.get(at));
                }
                gbOut[j] += d.get(at);
            }
        }
        INDArray dl = d.matrix(n, width);
        // weight gradients go to the second thread; the gradient flowing back stays on this one
        java.util.concurrent.Future<INDArray> gwOut = Overlap.start(() -> Gemm.tn(p.hidden(), dl));
        INDArray dh = Gemm.nt(dl, wOut);
        List<ResidualBlock.Gradients> back = new ArrayList<>();
        for (int k = blocks.size() - 1; k >= 0; k--) {
            ResidualBlock.Gradients g = blocks.get(k).backward(p.blocks().get(k), dh, k > 0);
            back.add(0, g);
            dh = g.input();
        }
        List<INDArray[]> grads = new ArrayList<>();
        for (ResidualBlock.Gradients g : back) {
            grads.add(new INDArray[] {Overlap.join(g.w()), g.b(), g.gamma(), g.beta()});
        }
        return new Gradients(grads, Overlap.join(gwOut), Values.row(type, gbOut));
    }

    /**
     * The gradient with respect to the logits from {@code g}, the one with respect to the output {@code y} (whose
     * rows are {@code stride} wide): tanh' for scalars, the softmax's Jacobian over τ for one-hot spans.
     */
    private Values logitGradient(Values y, Values g, int stride, int n) {
        Values d = Values.zeros(y.type(), y.length());
        // rows are independent: they run in parallel, each written by one thread
        java.util.stream.IntStream.range(0, n).parallel().forEach(r -> logitGradientRow(y, g, stride, d, r));
        return d;
    }

    /** Row {@code r} of {@link #logitGradient}. */
    private void logitGradientRow(Values y, Values g, int stride, Values d, int r) {
        int base = r * (int) wOut.columns();
        for (DataTransformer.Span s : spans) {
            int from = base + s.start();
            int src = r * stride + s.start();
            if (s.activation() == DataTransformer.Activation.TANH) {
                double v = y.get(from);
                d.set(from, g.get(src) * (1 - v * v));
                continue;
            }
            double dot = 0;
            for (int i = 0; i < s.width(); i++) {
                dot += g.get(src + i) * y.get(from + i);
            }
            for (int i = 0; i < s.width(); i++) {
                d.set(from + i, (g.get(src + i) - dot) * y.get(from + i) / tau);
            }
        }
    }
}
