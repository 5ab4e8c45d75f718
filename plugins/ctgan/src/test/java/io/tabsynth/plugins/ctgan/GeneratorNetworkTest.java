package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator's hand-written backward pass (residual blocks, batch norm, tanh, Gumbel-softmax) against finite differences. */
class GeneratorNetworkTest {
    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(5);
        List<DataTransformer.Span> spans = List.of(new DataTransformer.Span(0, 1, DataTransformer.Activation.TANH),
                new DataTransformer.Span(1, 3, DataTransformer.Activation.SOFTMAX),
                new DataTransformer.Span(4, 2, DataTransformer.Activation.SOFTMAX));
        GeneratorNetwork g = new GeneratorNetwork(5, new int[] {4, 3}, spans, 0.2, DataType.DOUBLE, rng);
        INDArray x = CriticTest.random(7, 5, rng);
        INDArray r = CriticTest.random(7, 6, rng);
        INDArray q = CriticTest.random(7, 6, rng);
        GeneratorNetwork.Pass pass = g.forward(x, new Rng(9), true);
        GeneratorNetwork.Gradients grads = g.backward(pass, r, q);
        List<INDArray[]> pairs = new ArrayList<>();
        for (int k = 0; k < g.blocks.size(); k++) {
            ResidualBlock b = g.blocks.get(k);
            INDArray[] gk = grads.blocks().get(k);
            pairs.add(new INDArray[] {b.w, gk[0]});
            pairs.add(new INDArray[] {b.b, gk[1]});
            pairs.add(new INDArray[] {b.gamma, gk[2]});
            pairs.add(new INDArray[] {b.beta, gk[3]});
        }
        pairs.add(new INDArray[] {g.wOut, grads.wOut()});
        pairs.add(new INDArray[] {g.bOut, grads.bOut()});
        double h = 1e-6;
        for (INDArray[] pair : pairs) {
            for (int k = 0; k < pair[0].length(); k++) {
                double keep = pair[0].getDouble(k);
                pair[0].putScalar(k, keep + h);
                double up = loss(g, x, r, q);
                pair[0].putScalar(k, keep - h);
                double down = loss(g, x, r, q);
                pair[0].putScalar(k, keep);
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, pair[1].getDouble(k), 1e-5 * Math.max(1, Math.abs(numeric)));
            }
        }
    }

    @Test
    void calibrationSetsRunningStatisticsToTheMeanOfTheBatches() {
        Rng rng = new Rng(3);
        List<DataTransformer.Span> spans = List.of(new DataTransformer.Span(0, 2, DataTransformer.Activation.TANH));
        GeneratorNetwork g = new GeneratorNetwork(5, new int[] {4, 3}, spans, 0.2, DataType.DOUBLE, rng);
        List<INDArray> batches = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            batches.add(CriticTest.random(6 + k, 5, rng).muli(k + 1).addi(k));
        }
        g.calibrate(batches);
        ResidualBlock first = g.blocks.get(0);
        INDArray mean = null;
        INDArray var = null;
        for (INDArray x : batches) {
            INDArray z = x.mmul(first.w).addiRowVector(first.b);
            INDArray m = z.mean(0);
            INDArray v = z.var(true, 0);
            mean = mean == null ? m : mean.add(m);
            var = var == null ? v : var.add(v);
        }
        mean.divi(batches.size());
        var.divi(batches.size());
        for (int j = 0; j < 4; j++) {
            assertEquals(mean.getDouble(j), first.runningMean.getDouble(j), 1e-9, "mean of unit " + j);
            assertEquals(var.getDouble(j), first.runningVar.getDouble(j), 1e-9, "unbiased variance of unit " + j);
        }
    }

    @Test
    void extremeGumbelNoiseStaysInsideTheFloatRange() {
        // a uniform draw next to 1 gives E = −log U near 1e-16, whose noise factor E^(−1/τ) = 1e80 exceeds the float
        // range: the softmax must still come out finite and normalised (a training run once turned NaN on this)
        List<DataTransformer.Span> spans = List.of(new DataTransformer.Span(0, 1, DataTransformer.Activation.TANH),
                new DataTransformer.Span(1, 4, DataTransformer.Activation.SOFTMAX),
                new DataTransformer.Span(5, 3, DataTransformer.Activation.SOFTMAX));
        Rng rng = new Rng(11);
        GeneratorNetwork g = new GeneratorNetwork(6, new int[] {8, 8}, spans, 0.2, DataType.FLOAT, rng);
        INDArray x = CriticTest.random(5, 6, rng).castTo(DataType.FLOAT);
        float[] noise = g.gumbel(rng, 5);
        for (int i = 0; i < noise.length; i += 3) {
            noise[i] = 1.1e-16f;
        }
        INDArray y = g.forward(x, noise, true).output();
        for (int r = 0; r < 5; r++) {
            double first = 0;
            double second = 0;
            for (int j = 1; j < 8; j++) {
                double v = y.getDouble(r, j);
                assertTrue(Double.isFinite(v) && v >= 0 && v <= 1, "row " + r + " column " + j + ": " + v);
                if (j < 5) {
                    first += v;
                } else {
                    second += v;
                }
            }
            assertEquals(1, first, 1e-5);
            assertEquals(1, second, 1e-5);
        }
    }

    /** Σ output ⊙ r + Σ logits ⊙ q, with the same Gumbel noise as the pass being checked. */
    private static double loss(GeneratorNetwork g, INDArray x, INDArray r, INDArray q) {
        GeneratorNetwork.Pass p = g.forward(x, new Rng(9), true);
        return p.output().mul(r).sumNumber().doubleValue() + p.logits().mul(q).sumNumber().doubleValue();
    }
}
