package io.tabsynth.plugins.evaluators;

import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Attribute inference: an attacker who knows a real person's quasi-identifiers predicts their sensitive
 * attribute with a gradient-boosting model trained on the synthetic data; the same attack trained on the
 * holdout (real people who are not in the training data) is the baseline of what the attacker could learn
 * anyway. Each attack model learns from at most 5,000 rows; both predict the training rows (up to 5,000). {@code risk} = max(0, synthetic-trained accuracy −
 * holdout-trained accuracy): what the synthetic data gives away beyond population-level knowledge.
 */
final class AttributeInference {
    private static final int MAX_ROWS = 5000;
    private static final int MAX_KNOWLEDGE = 5_000;

    private AttributeInference() {
    }

    static Map<String, Object> of(Frame train, Frame holdout, Frame synthetic, List<String> quasi, String sensitive) {
        List<String> cols = new ArrayList<>();
        quasi.forEach(q -> cols.add(q.trim()));
        if (cols.contains(sensitive)) {
            throw new BadInputException("the sensitive column '" + sensitive + "' is also a quasi-identifier");
        }
        cols.add(sensitive);
        Frame victims = train.select(cols);
        if (victims.rowCount() > MAX_ROWS) {
            victims = victims.head(MAX_ROWS);
        }
        Frame syn = synthetic.select(cols).head(MAX_KNOWLEDGE);
        Frame hold = holdout.select(cols).head(MAX_KNOWLEDGE);
        Schema schema = victims.schema();
        Features truthEncoding = new Features(victims, schema, sensitive);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sensitive", sensitive);
        if (!truthEncoding.classification) {
            out.put("note", "attribute inference is measured for categorical sensitive columns");
            return out;
        }
        int[] truth = truthEncoding.labels(victims);
        double synAcc = attack(syn, victims, schema, sensitive, truthEncoding, truth);
        double holdAcc = attack(hold, victims, schema, sensitive, truthEncoding, truth);
        int[] counts = new int[truthEncoding.classes.size()];
        for (int t : truth) {
            if (t >= 0) {
                counts[t]++;
            }
        }
        int majority = 0;
        for (int c : counts) {
            majority = Math.max(majority, c);
        }
        out.put("syntheticTrainedAccuracy", synAcc);
        out.put("holdoutTrainedAccuracy", holdAcc);
        out.put("majorityClassAccuracy", truth.length == 0 ? 0.0 : majority / (double) truth.length);
        out.put("risk", Math.max(0, synAcc - holdAcc));
        out.put("victims", victims.rowCount());
        return out;
    }

    private static double attack(Frame knowledge, Frame victims, Schema schema, String sensitive, Features truthEncoding,
                                 int[] truth) {
        Features fs = new Features(knowledge, schema, sensitive);
        int[] pred = Models.classify(knowledge, victims, fs, List.of("gradientBoosting")).get("gradientBoosting");
        return Metrics.accuracy(truth, fs.relabel(pred, truthEncoding));
    }
}
