package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.random.Rng;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-derived WGAN-GP gradients against finite differences, in double precision, with the forward
 * pass's LeakyReLU slopes and dropout masks held fixed (the penalty is differentiated where they are).
 */
class CriticTest {
    static INDArray random(int rows, int cols, Rng rng) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c');
    }

    @Test
    void inputGradientAndPenaltyGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(7);
        Critic c = new Critic(12, 9, 0.5, 0.2, DataType.DOUBLE, rng);
        INDArray x = random(6, 12, rng);
        Critic.Pass pass = c.forward(x, new Rng(3));
        // input gradient: backward with dy = 1 per row equals the closed form
        INDArray[] dx = new INDArray[1];
        c.backward(pass, Nd4j.ones(DataType.DOUBLE, 6, 1), dx);
        INDArray g = c.inputGradient(pass);
        for (int i = 0; i < g.length(); i++) {
            assertEquals(dx[0].getDouble(i), g.getDouble(i), 1e-10);
        }
        double lambda = 10;
        Critic.Gradients grads = c.zeros();
        c.penalty(pass, lambda).addTo(grads);
        double h = 1e-6;
        for (INDArray[] pair : new INDArray[][] {{c.w1, grads.w1()}, {c.w2, grads.w2()}, {c.w3, grads.w3()}}) {
            INDArray param = pair[0];
            for (int k = 0; k < param.length(); k += Math.max(1, (int) param.length() / 25)) {
                double keep = param.getDouble(k);
                param.putScalar(k, keep + h);
                double up = c.penalty(samePass(c, pass), lambda).value();
                param.putScalar(k, keep - h);
                double down = c.penalty(samePass(c, pass), lambda).value();
                param.putScalar(k, keep);
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, pair[1].getDouble(k), 1e-5 * Math.max(1, Math.abs(numeric)), "entry " + k);
            }
        }
    }

    /** A pass with the same input, slopes and masks, reading the critic's current weights. */
    private static Critic.Pass samePass(Critic c, Critic.Pass p) {
        return new Critic.Pass(p.x(), p.a1(), p.g1(), p.a2(), p.g2(), p.y());
    }

    @Test
    void scoreGradientsMatchFiniteDifferences() {
        Rng rng = new Rng(11);
        Critic c = new Critic(8, 7, 0.0, 0.2, DataType.DOUBLE, rng);
        INDArray x = random(5, 8, rng);
        INDArray dy = random(5, 1, rng);
        Critic.Gradients grads = c.backward(c.forward(x, (Critic.Masks) null), dy, null);
        double h = 1e-6;
        INDArray[][] pairs = {{c.w1, grads.w1()}, {c.b1, grads.b1()}, {c.w2, grads.w2()}, {c.b2, grads.b2()},
                {c.w3, grads.w3()}, {c.b3, grads.b3()}};
        for (INDArray[] pair : pairs) {
            for (int k = 0; k < pair[0].length(); k += Math.max(1, (int) pair[0].length() / 20)) {
                double keep = pair[0].getDouble(k);
                pair[0].putScalar(k, keep + h);
                double up = c.forward(x, (Critic.Masks) null).y().mul(dy).sumNumber().doubleValue();
                pair[0].putScalar(k, keep - h);
                double down = c.forward(x, (Critic.Masks) null).y().mul(dy).sumNumber().doubleValue();
                pair[0].putScalar(k, keep);
                assertEquals((up - down) / (2 * h), pair[1].getDouble(k), 1e-6);
            }
        }
    }

    @Test
    void aFloatCriticDrawsTheSameSlopesAndMasksAsADoubleOne() {
        Critic d = new Critic(12, 9, 0.5, 0.2, DataType.DOUBLE, new Rng(7));
        Critic f = new Critic(12, 9, 0.5, 0.2, DataType.FLOAT, new Rng(7));
        INDArray x = random(40, 12, new Rng(8));
        Critic.Pass pd = d.forward(x, new Rng(3));
        Critic.Pass pf = f.forward(x.castTo(DataType.FLOAT), new Rng(3));
        int zeros = 0;
        for (int i = 0; i < pd.g1().length(); i++) {
            assertEquals(pd.g1().getDouble(i), pf.g1().getDouble(i), 1e-6);
            zeros += pd.g1().getDouble(i) == 0 ? 1 : 0;
        }
        for (int i = 0; i < pd.g2().length(); i++) {
            assertEquals(pd.g2().getDouble(i), pf.g2().getDouble(i), 1e-6);
        }
        assertEquals(0.5, zeros / (double) pd.g1().length(), 0.15, "dropout drops about half the units");
    }
}
