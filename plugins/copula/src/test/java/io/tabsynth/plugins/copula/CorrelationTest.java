package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {
    @Test
    void eigenDecompositionReconstructsTheMatrix() {
        double[][] m = {{4, 1, 2}, {1, 3, 0.5}, {2, 0.5, 5}};
        double[][] v = new double[3][3];
        double[] values = Correlation.eigen(m, v);
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                double s = 0;
                for (int k = 0; k < 3; k++) {
                    s += v[a][k] * values[k] * v[b][k];
                }
                assertEquals(m[a][b], s, 1e-10);
            }
        }
        assertEquals(12, values[0] + values[1] + values[2], 1e-10, "trace is the sum of eigenvalues");
    }

    @Test
    void repairMakesAnIndefiniteMatrixAValidCorrelation() {
        // Pairwise-complete estimates can be jointly impossible: a~b and b~c strongly positive, a~c strongly negative.
        double[][] bad = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
        assertThrows(IllegalStateException.class, () -> Correlation.cholesky(bad));
        double[][] fixed = Correlation.repair(bad);
        Correlation.cholesky(fixed);
        double[] values = Correlation.eigen(fixed, new double[3][3]);
        for (double v : values) {
            assertTrue(v > 0, "positive definite after repair: " + v);
        }
        for (int a = 0; a < 3; a++) {
            assertEquals(1, fixed[a][a], 1e-12);
            for (int b = 0; b < 3; b++) {
                assertEquals(fixed[a][b], fixed[b][a], 1e-12);
                assertEquals(Math.signum(bad[a][b]), Math.signum(fixed[a][b]), "signs of the estimates are kept");
            }
        }
    }

    @Test
    void validMatricesAreLeftAlone() {
        double[][] ok = {{1, 0.3}, {0.3, 1}};
        assertEquals(ok, Correlation.repair(ok));
    }

    @Test
    void latentCorrelationUndoesDiscretisation() {
        // A binary split of a normal at 0 has conditional-mean scores ±0.798; its Pearson correlation with the
        // continuous partner is attenuated by exactly that RMS, which latent() divides out (the biserial correction).
        int n = 200_000;
        io.tabsynth.spi.random.Rng rng = new io.tabsynth.spi.random.Rng(5);
        double[] x = new double[n];
        double[] y = new double[n];
        double m = Math.sqrt(2 / Math.PI);
        for (int i = 0; i < n; i++) {
            double e = rng.nextGaussian();
            double f = 0.7 * e + Math.sqrt(1 - 0.49) * rng.nextGaussian();
            x[i] = e;
            y[i] = f < 0 ? -m : m;
        }
        double[][] r = Correlation.latent(new double[][] {x, y});
        assertEquals(0.7, r[0][1], 0.01);
    }
}
