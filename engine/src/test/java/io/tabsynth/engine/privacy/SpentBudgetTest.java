package io.tabsynth.engine.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.FitPrivacy;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.privacy.PrivacyCost;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ZcdpConversion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Composition across fits (ρ's and selection δ's add; the total converts at δ less the selections) and limits. */
class SpentBudgetTest {
    private static final String DATA = "a".repeat(64);

    @TempDir
    Path dir;

    private static RecordedFit fit(String generator, Map<String, Object> privacy) {
        Step.Builder b = Step.builder("fit").by(generator, "p", "1")
                .input(new Artifact(Artifact.REAL_DATA_ROLE, Path.of("real.csv"), DATA, null, Artifact.NOT_DATA))
                .output(new Artifact("model", Path.of(generator + ".model"), "b".repeat(64), null, Artifact.NOT_DATA));
        if (privacy != null) {
            b.result(FitPrivacy.RESULT, privacy);
        }
        Step step = b.build();
        return new RecordedFit(Path.of("ledger.jsonl"), 0, step, step.inputs().get(0));
    }

    private static Map<String, Object> privacy(String rho, double selectionDelta, String noise) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epsilon", 1.0);
        p.put("delta", 1e-6);
        p.put("rho", rho);
        p.put("selectionDelta", selectionDelta);
        p.put("noise", noise);
        return p;
    }

    @Test
    void theRhosOfPrivateFitsAddExactlyAndConvertAtDeltaLessTheSelections() {
        SpentBudget b = new SpentBudget(Path.of("real.csv"), DATA, null, List.of(), List.of(
                fit("dp-marginals", privacy("1/30", 1e-7, "secure")),
                fit("dp-marginals", privacy("1/70", 2e-7, "secure"))));
        assertEquals(Rational.of(1, 30).add(Rational.of(1, 70)), b.spent().rho());
        assertEquals(Rational.of(1, 21), b.spent().rho(), "1/30 + 1/70 = 1/21, exactly");
        assertEquals(3e-7, b.spent().selectionDelta(), 1e-20);
        assertEquals(2e-6, b.deltaAsked(), 1e-20);
        assertEquals(ZcdpConversion.epsilon(1.0 / 21, 2e-6 - 3e-7), SpentBudget.epsilon(b.spent(), 2e-6), 1e-15);
        assertTrue(b.formalGuarantee());
    }

    @Test
    void fitsWithoutAGuaranteeAddNothingAndTakeTheGuaranteeAway() {
        SpentBudget b = new SpentBudget(Path.of("real.csv"), DATA, null, List.of(), List.of(
                fit("dp-marginals", privacy("1/10", 0, "secure")),
                fit("dp-marginals", privacy("1/10", 0, "seeded")),
                fit("gaussian-copula", null)));
        assertEquals(Rational.of(1, 10), b.spent().rho());
        assertEquals(1, b.privateFits().size());
        assertEquals(List.of(FitPrivacy.SEEDED_NOISE, FitPrivacy.NOT_PRIVATE),
                b.withoutGuarantee().stream().map(RecordedFit::guarantee).toList());
        assertFalse(b.formalGuarantee());
        assertTrue(b.statement(1e-6).contains("the data has no formal privacy guarantee"), b.statement(1e-6));
    }

    @Test
    void noEpsilonHoldsWhenTheSelectionsAloneReachDelta() {
        PrivacyCost cost = new PrivacyCost(Rational.of(1, 100), 1e-6);
        assertEquals(Double.POSITIVE_INFINITY, SpentBudget.epsilon(cost, 1e-6));
        assertEquals(0, SpentBudget.epsilon(new PrivacyCost(Rational.ZERO, 0), 1e-6));
        PrivacyCost both = SpentBudget.plus(cost, new PrivacyCost(Rational.of(1, 50), 1e-7));
        assertEquals(Rational.of(3, 100), both.rho());
        assertEquals(1.1e-6, both.selectionDelta(), 1e-20);
    }

    @Test
    void limitsComeFromThePolicyWithTheirDataAndDelta() throws Exception {
        Path policy = dir.resolve("p.json");
        Files.writeString(policy, "{\"checks\": [], \"privacyBudget\": [{\"maxEpsilon\": 3},"
                + " {\"maxEpsilon\": 1, \"delta\": 1e-8, \"data\": \"" + DATA + "\"}]}");
        List<BudgetLimit> limits = BudgetLimit.read(policy);
        assertEquals(List.of(new BudgetLimit(3, BudgetLimit.DEFAULT_DELTA, null, policy),
                new BudgetLimit(1, 1e-8, DATA, policy)), limits);
        assertTrue(limits.get(0).appliesTo(Set.of("c".repeat(64)), "visits.csv"));
        assertFalse(limits.get(1).appliesTo(Set.of("c".repeat(64)), "visits.csv"));
        assertTrue(limits.get(1).appliesTo(Set.of(DATA), "visits.csv"));

        Files.writeString(policy, "{\"checks\": []}");
        assertEquals(List.of(), BudgetLimit.read(policy));
        Files.writeString(policy, "{\"privacyBudget\": [{\"maxEpsilon\": 1, \"data\": \"adult.csv\"}]}");
        BudgetLimit byName = BudgetLimit.read(policy).get(0);
        assertTrue(byName.appliesTo(Set.of(DATA), "adult.csv"));
        assertFalse(byName.appliesTo(Set.of(DATA), "visits.csv"));
        Files.writeString(policy, "{\"privacyBudget\": [{\"maxEpsilon\": 1, \"data\": \" \"}]}");
        BadInputException e = assertThrows(BadInputException.class, () -> BudgetLimit.read(policy));
        assertTrue(e.getMessage().contains("p.json: \"privacyBudget\" entry 1: \"data\" must be the SHA-256"),
                e.getMessage());
        Files.writeString(policy, "{\"privacyBudget\": {\"maxEpsilon\": 1, \"delta\": 2}}");
        e = assertThrows(BadInputException.class, () -> BudgetLimit.read(policy));
        assertTrue(e.getMessage().contains("\"delta\" must be a number between 0 and 1, found 2"), e.getMessage());
    }
}
