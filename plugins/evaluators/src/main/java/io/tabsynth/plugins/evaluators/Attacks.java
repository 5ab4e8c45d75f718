package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinTask;

/**
 * The privacy attacks that play an attacker against the synthetic data, each as the report shows it. They are
 * independent and deterministic, so they run side by side. Singling out runs with or without a holdout; the others
 * need one and are null without it, as is attribute inference without a sensitive column.
 *
 * @param singlingOut        {@link SinglingOut}
 * @param linkability        {@link Linkability}
 * @param densityRatioAuc    {@link DensityRatioAttack}'s AUC, NaN where the holdout is too small to split
 * @param attributeInference {@link AttributeInference}
 */
record Attacks(Map<String, Object> singlingOut, Map<String, Object> linkability, Double densityRatioAuc,
               Map<String, Object> attributeInference) {
    /** Seeds the singling-out attacker's choices of rows, columns and baseline values. */
    static final long SINGLING_OUT_SEED = 0x5140L;

    /**
     * @param holdout   rows the generator never saw, or null
     * @param quasi     the quasi-identifier option (may be null)
     * @param sensitive the sensitive column (may be null)
     */
    static Attacks run(Frame real, Frame holdout, Frame synthetic, List<ColumnSpec> scored, String quasi, String sensitive) {
        ForkJoinTask<Map<String, Object>> singlingOut = ForkJoinTask.adapt(
                () -> SinglingOut.of(real, holdout, synthetic, scored, SINGLING_OUT_SEED));
        if (holdout == null) {
            return new Attacks(singlingOut.invoke(), null, null, null);
        }
        ForkJoinTask<Map<String, Object>> linkability = ForkJoinTask.adapt(() -> Linkability.of(real, holdout, synthetic, scored));
        ForkJoinTask<Double> density = ForkJoinTask.adapt(() -> DensityRatioAttack.auc(real, holdout, synthetic, Schema.of(scored)));
        ForkJoinTask<Map<String, Object>> inference = ForkJoinTask.adapt(() -> sensitive == null ? null
                : AttributeInference.of(real, holdout, synthetic, scored, quasi, sensitive));
        ForkJoinTask.invokeAll(singlingOut, linkability, density, inference);
        return new Attacks(singlingOut.join(), linkability.join(), density.join(), inference.join());
    }
}
