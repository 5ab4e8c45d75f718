package io.tabsynth.plugins.ctgan;

import io.tabsynth.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * CTGAN's generator: residual blocks {@code h ↦ [ReLU(BatchNorm(Linear(h))), h]} (two of width 256 by
 * default), then a Linear layer to the encoded row, whose spans are activated by tanh (mode scalars) or
 * Gumbel-softmax with temperature τ (mode indicators, categories). Forward and backward are written out;
 * batch normalisation uses batch statistics while training and running averages when sampling.
 */
public final class Generator {
    static final double EPS = 1e-5;
    static final double MOMENTUM = 0.1;

    /** One residual block's parameters and running statistics. */
    static final class Block {
        final INDArray w;
        final INDArray b;
        final INDArray gamma;
        final INDArray beta;
        final INDArray runningMean;
        final INDArray runningVar;

        Block(int in, int out, DataType type, Rng rng) {
            w = Critic.uniform(in, out, in, type, rng);
            b = Critic.uniform(1, out, in, type, rng);
            gamma = Nd4j.ones(type, 1, out);
            beta = Nd4j.zeros(type, 1, out);
            runningMean = Nd4j.zeros(type, 1, out);
            runningVar = Nd4j.ones(type, 1, out);
        }
    }

    final List<Block> blocks = new ArrayList<>();
    final INDArray wOut;
    final INDArray bOut;
    private final List<DataTransformer.Span> spans;
    private final double tau;

    /**
     * @param in     width of the input (embedding plus conditional vector)
     * @param widths the residual blocks' widths
     * @param spans  the encoded row's spans (its width is the last span's end)
     * @param tau    Gumbel-softmax temperature
     */
    public Generator(int in, int[] widths, List<DataTransformer.Span> spans, double tau, DataType type, Rng rng) {
        int width = in;
        for (int w : widths) {
            blocks.add(new Block(width, w, type, rng));
            width += w;
        }
        DataTransformer.Span last = spans.get(spans.size() - 1);
        int out = last.start() + last.width();
        this.wOut = Critic.uniform(width, out, width, type, rng);
        this.bOut = Critic.uniform(1, out, width, type, rng);
        this.spans = List.copyOf(spans);
        this.tau = tau;
    }

    /** What backpropagation needs from a forward pass. */
    public record Pass(List<INDArray> inputs, List<INDArray> normalised, List<INDArray> inverseStd,
                       List<INDArray> preRelu, INDArray hidden, INDArray logits, INDArray output) {
    }

    /**
     * Forward pass on a batch {@code x} (rows × in). Training mode uses batch statistics, updates the running
     * ones and draws Gumbel noise from {@code rng}; with {@code rng} null it samples with running statistics.
     */
    public Pass forward(INDArray x, Rng rng, boolean training) {
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> normalised = new ArrayList<>();
        List<INDArray> inverseStd = new ArrayList<>();
        List<INDArray> preRelu = new ArrayList<>();
        INDArray h = x;
        for (Block blk : blocks) {
            inputs.add(h);
            INDArray z = Gemm.nn(h, blk.w).addiRowVector(blk.b);
            INDArray mean;
            INDArray var;
            if (training) {
                mean = z.mean(true, 0);
                INDArray centred = z.subRowVector(mean);
                var = centred.mul(centred).mean(true, 0);
                long n = z.rows();
                blk.runningMean.muli(1 - MOMENTUM).addi(mean.mul(MOMENTUM));
                blk.runningVar.muli(1 - MOMENTUM).addi(var.mul(MOMENTUM * n / Math.max(1, n - 1)));
            } else {
                mean = blk.runningMean;
                var = blk.runningVar;
            }
            INDArray inv = Transforms.pow(var.add(EPS), -0.5, false);
            INDArray xhat = z.subRowVector(mean).muliRowVector(inv);
            INDArray bn = xhat.mulRowVector(blk.gamma).addiRowVector(blk.beta);
            normalised.add(xhat);
            inverseStd.add(inv);
            preRelu.add(bn);
            INDArray relu = Transforms.relu(bn, true);
            h = Nd4j.hstack(relu, h);
        }
        INDArray logits = Gemm.nn(h, wOut).addiRowVector(bOut);
        INDArray out = activate(logits, rng);
        return new Pass(inputs, normalised, inverseStd, preRelu, h, logits, out);
    }

    /**
     * tanh for scalars; Gumbel-softmax for one-hot spans (plain softmax without noise when {@code rng} is null).
     * Done on a plain array: the spans are many and narrow, which suits a loop better than many small ND4J ops.
     */
    private INDArray activate(INDArray logits, Rng rng) {
        int rows = (int) logits.rows();
        int width = (int) logits.columns();
        double[] v = logits.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        // the Gumbel noise is drawn first, in row, span and element order; then rows are activated in parallel
        int softmaxWidth = 0;
        for (DataTransformer.Span s : spans) {
            softmaxWidth += s.activation() == DataTransformer.Activation.TANH ? 0 : s.width();
        }
        int noiseWidth = softmaxWidth;
        double[] gumbel = null;
        if (rng != null) {
            gumbel = new double[rows * noiseWidth];
            for (int i = 0; i < gumbel.length; i++) {
                gumbel[i] = rng.nextOpenDouble();
            }
        }
        double[] u = gumbel;
        java.util.stream.IntStream.range(0, rows).parallel().forEach(r -> {
            int base = r * width;
            int noise = r * noiseWidth;
            for (DataTransformer.Span s : spans) {
                int from = base + s.start();
                if (s.activation() == DataTransformer.Activation.TANH) {
                    v[from] = Math.tanh(v[from]);
                    continue;
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < s.width(); i++) {
                    double x = v[from + i];
                    if (u != null) {
                        x -= Math.log(-Math.log(u[noise++]));
                    }
                    x /= tau;
                    v[from + i] = x;
                    max = Math.max(max, x);
                }
                double sum = 0;
                for (int i = 0; i < s.width(); i++) {
                    v[from + i] = Math.exp(v[from + i] - max);
                    sum += v[from + i];
                }
                for (int i = 0; i < s.width(); i++) {
                    v[from + i] /= sum;
                }
            }
        });
        return Nd4j.create(v, new long[] {rows, width}, 'c').castTo(logits.dataType());
    }

    /** Parameter gradients, shaped like the parameters: per block w, b, gamma, beta; then wOut, bOut. */
    public record Gradients(List<INDArray[]> blocks, INDArray wOut, INDArray bOut) {
    }

    /**
     * Backpropagates {@code dOut} (the loss's gradient with respect to the activated output) and {@code dLogits}
     * (a gradient with respect to the raw logits, e.g. the conditional cross-entropy's; may be null).
     */
    public Gradients backward(Pass p, INDArray dOut, INDArray dLogits) {
        int rows = (int) dOut.rows();
        int outWidth = (int) dOut.columns();
        double[] y = p.output().castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] d = dOut.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int r = 0; r < rows; r++) {
            int base = r * outWidth;
            for (DataTransformer.Span s : spans) {
                int from = base + s.start();
                if (s.activation() == DataTransformer.Activation.TANH) {
                    d[from] *= 1 - y[from] * y[from];
                    continue;
                }
                double dot = 0;
                for (int i = 0; i < s.width(); i++) {
                    dot += d[from + i] * y[from + i];
                }
                for (int i = 0; i < s.width(); i++) {
                    d[from + i] = (d[from + i] - dot) * y[from + i] / tau;
                }
            }
        }
        INDArray dl = Nd4j.create(d, new long[] {rows, outWidth}, 'c').castTo(dOut.dataType());
        if (dLogits != null) {
            dl.addi(dLogits);
        }
        INDArray gwOut = Gemm.tn(p.hidden(), dl);
        INDArray gbOut = dl.sum(true, 0);
        INDArray dh = Gemm.nt(dl, wOut);
        List<INDArray[]> grads = new ArrayList<>();
        for (int k = blocks.size() - 1; k >= 0; k--) {
            Block blk = blocks.get(k);
            int width = (int) blk.w.columns();
            INDArray dRelu = dh.get(NDArrayIndex.all(), NDArrayIndex.interval(0, width));
            INDArray dbn = dRelu.mul(Transforms.sign(Transforms.relu(p.preRelu().get(k), true)));
            INDArray xhat = p.normalised().get(k);
            INDArray gGamma = dbn.mul(xhat).sum(true, 0);
            INDArray gBeta = dbn.sum(true, 0);
            INDArray dxhat = dbn.mulRowVector(blk.gamma);
            long n = dxhat.rows();
            // batch-norm backward with batch statistics
            INDArray dz = dxhat.mul(n).subiRowVector(dxhat.sum(true, 0))
                    .subi(xhat.mulRowVector(dxhat.mul(xhat).sum(true, 0)))
                    .muliRowVector(p.inverseStd().get(k)).divi(n);
            INDArray gw = Gemm.tn(p.inputs().get(k), dz);
            INDArray gb = dz.sum(true, 0);
            if (k > 0) {
                // the first block's input is noise and condition: no gradient needed there
                INDArray dIn = dh.get(NDArrayIndex.all(), NDArrayIndex.interval(width, dh.columns())).dup();
                dh = dIn.addi(Gemm.nt(dz, blk.w));
            }
            grads.add(0, new INDArray[] {gw, gb, gGamma, gBeta});
        }
        return new Gradients(grads, gwOut, gbOut);
    }
}
