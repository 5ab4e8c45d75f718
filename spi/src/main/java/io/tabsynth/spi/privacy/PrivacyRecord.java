package io.tabsynth.spi.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one differentially private fit spent, in the shape every DP generator gives its model's
 * {@code Model.privacy()} (and so the fit's lineage record and the budget ledger): the ε and δ asked for,
 * {@code rhoBudget}, the {@code rho} spent, the {@code selectionDelta} spent, {@code epsilonSpent} (the spent ρ
 * converted at the δ asked for), the {@code noise} source, the {@code guarantee} in words, the {@code split} of the
 * budget and every mechanism call ({@link MechanismCall#toMap()}) under {@code mechanisms}.
 */
public final class PrivacyRecord {
    private PrivacyRecord() {
    }

    /** The record of a fit that asked for (ε, δ), drew its noise from {@code bits} and charged {@code accountant}. */
    public static Map<String, Object> of(double epsilon, double delta, RandomBits bits, ZcdpAccountant accountant,
                                         String split) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epsilon", epsilon);
        out.put("delta", delta);
        out.put("rhoBudget", accountant.rhoBudget().toString());
        out.put("rho", accountant.rho().toString());
        out.put("selectionDelta", accountant.selectionDelta());
        out.put("epsilonSpent", accountant.calls().isEmpty() ? 0.0 : accountant.epsilon(delta));
        out.put("noise", bits.name());
        out.put("guarantee", bits.isPrivate() ? "(epsilon, delta)-differential privacy for each row"
                : "none: the noise was seeded and can be recomputed");
        out.put("split", split);
        List<Map<String, Object>> calls = new ArrayList<>();
        for (MechanismCall call : accountant.calls()) {
            calls.add(call.toMap());
        }
        out.put("mechanisms", calls);
        return out;
    }
}
