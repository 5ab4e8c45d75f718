package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On the UCI Adult training split (../shared/datasets, present in CI, absent in a fresh clone: then skipped),
 * every column shape (SDMetrics' KS complement for numbers, TV complement for categories) of a synthetic
 * sample of the default mixture of copulas is at least 0.97 (for comparison SDV 1.38's Gaussian copula scored 0.59
 * on capital-gain and 0.36 on capital-loss in ../shared/reference), and relationships are kept, those that one latent
 * axis per column could not carry included.
 */
class AdultIntegrationTest {
    private static Frame real;
    private static Frame syn;

    /** Fits adult once for every test; a test without the data is skipped with the reason printed. */
    private static void fitted() {
        Path data = Path.of(System.getProperty("tabsynth.shared.datasets", "../../../shared/datasets"), "adult-train.csv");
        if (!Files.exists(data)) {
            System.out.println("AdultIntegrationTest skipped: " + data + " not found (shared datasets are not in a fresh clone)");
            Assumptions.abort("shared dataset " + data + " is absent");
        }
        if (real == null) {
            real = FrameReader.read(data);
            syn = new GaussianCopula().fit(real, GaussianCopulaTest.defaults(), FitContext.of(42))
                    .sampleFrame(real.rowCount(), 7);
        }
    }

    @Test
    void categoryRelationshipsOnAdult() {
        fitted();
        // education determines education-num; with the labels counted most frequent first the copula kept V 0.04
        double education = LabelOrderTest.cramersV(syn, "education", "education-num");
        assertTrue(education >= 0.9, "education ~ education-num Cramér's V (real 1.0): " + education);
        // relationship ~ marital-status: most frequent first kept 0.33 of its 0.49 (bias-corrected, fidelity.relationships)
        double realMarital = LabelOrderTest.cramersV(real, "relationship", "marital-status");
        double marital = LabelOrderTest.cramersV(syn, "relationship", "marital-status");
        System.out.println(String.format(Locale.ROOT, "adult Cramér's V: education ~ education-num %.3f (real 1), "
                + "relationship ~ marital-status %.3f (real %.3f)", education, marital, realMarital));
        assertTrue(marital >= 0.8 * realMarital, "relationship ~ marital-status keeps 80 % of " + realMarital + ": " + marital);
    }

    @Test
    void relationshipsOneAxisLostOnAdult() {
        fitted();
        // pairs a single copula kept little of (bias-corrected V in fidelity.relationships: occupation ~ sex 0.11 of
        // 0.42, age ~ hours-per-week 0.05 of 0.19, age ~ education-num 0.03 of 0.15): the mixture keeps 65 % (here the
        // plain V, which counts chance association too: 0.69 to 0.88 of each).
        // workclass ~ occupation (their shared "?") is not among them: how much of it is kept depends on the groups
        StringBuilder report = new StringBuilder();
        double worst = 1;
        for (String[] pair : new String[][] {{"occupation", "sex"}, {"age", "hours-per-week"}, {"race", "native-country"},
                {"age", "education-num"}, {"relationship", "sex"}}) {
            double r = MixtureTest.strength(real, real, pair[0], pair[1]);
            double s = MixtureTest.strength(real, syn, pair[0], pair[1]);
            report.append(String.format(Locale.ROOT, "%s ~ %s %.3f of %.3f; ", pair[0], pair[1], s, r));
            worst = Math.min(worst, s / r);
        }
        System.out.println("adult Cramér's V kept: " + report);
        assertTrue(worst >= 0.65, "each keeps 65 %: " + report);
    }

    @Test
    void columnShapesOnAdult() {
        fitted();
        StringBuilder report = new StringBuilder();
        double worst = 1;
        for (ColumnSpec c : real.schema().columns()) {
            double score = c.kind().isNumeric()
                    ? ksComplement(GaussianCopulaTest.values(real, c.name()), GaussianCopulaTest.values(syn, c.name()))
                    : tvComplement(real.strings(c.name()).asList(), syn.strings(c.name()).asList());
            report.append(String.format(Locale.ROOT, "%s=%.4f ", c.name(), score));
            worst = Math.min(worst, score);
        }
        System.out.println("adult column shapes: " + report);
        assertTrue(worst >= 0.97, "every column shape >= 0.97: " + report);
    }

    static double ksComplement(double[] a, double[] b) {
        return 1 - io.tabsynth.spi.stats.TwoSample.ks(a, b);
    }

    static double tvComplement(java.util.List<String> a, java.util.List<String> b) {
        Map<String, Double> p = new HashMap<>();
        a.forEach(v -> p.merge(v, 1.0 / a.size(), Double::sum));
        b.forEach(v -> p.merge(v, -1.0 / b.size(), Double::sum));
        return 1 - 0.5 * p.values().stream().mapToDouble(Math::abs).sum();
    }
}
