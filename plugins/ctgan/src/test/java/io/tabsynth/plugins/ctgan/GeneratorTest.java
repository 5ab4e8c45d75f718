package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.engine.random.Rng;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generator's hand-written backward pass (residual blocks, batch norm, tanh, Gumbel-softmax) against finite differences. */
class GeneratorTest {
    @Test
    void gradientsMatchFiniteDifferences() {
        Rng rng = new Rng(5);
        List<DataTransformer.Span> spans = List.of(new DataTransformer.Span(0, 1, DataTransformer.Activation.TANH),
                new DataTransformer.Span(1, 3, DataTransformer.Activation.SOFTMAX),
                new DataTransformer.Span(4, 2, DataTransformer.Activation.SOFTMAX));
        Generator g = new Generator(5, new int[] {4, 3}, spans, 0.2, DataType.DOUBLE, rng);
        INDArray x = CriticTest.random(7, 5, rng);
        INDArray r = CriticTest.random(7, 6, rng);
        INDArray q = CriticTest.random(7, 6, rng);
        Generator.Pass pass = g.forward(x, new Rng(9), true);
        Generator.Gradients grads = g.backward(pass, r, q);
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

    /** Σ output ⊙ r + Σ logits ⊙ q, with the same Gumbel noise as the pass being checked. */
    private static double loss(Generator g, INDArray x, INDArray r, INDArray q) {
        Generator.Pass p = g.forward(x, new Rng(9), true);
        return p.output().mul(r).sumNumber().doubleValue() + p.logits().mul(q).sumNumber().doubleValue();
    }
}
