package io.tabsynth.engine.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.privacy.RecordedFit;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.spi.privacy.ZcdpConversion;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guarantee a lineage chain proves: read from the fits' results.privacy, stated in words and as fields. */
class PrivacyGuaranteeTest {
    private static final Artifact REAL = new Artifact(Artifact.REAL_DATA_ROLE, Path.of("real.csv"), "aa", "bb", 500);
    private static final Artifact MODEL = new Artifact(Artifact.MODEL_ROLE, Path.of("m.model"), "cc", null, -1);
    private static final Artifact SAMPLE = new Artifact("output", Path.of("s.csv"), "dd", "ee", 300);

    /** What dp-marginals records under results.privacy (docs/privacy.md, "The record"). */
    private static Map<String, Object> privacy(double epsilon, double delta, String rho, String noise) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("epsilon", epsilon);
        p.put("delta", delta);
        p.put("rhoBudget", rho);
        p.put("rho", rho);
        p.put("selectionDelta", delta / 20);
        p.put("noise", noise);
        p.put("mechanisms", List.of());
        return p;
    }

    private static Step fit(String generator, Map<String, Object> privacy) {
        Step.Builder b = Step.builder("fit").by(generator, "dp", "0.1.0").parameter("epsilon", "1").seed(1L).input(REAL)
                .output(MODEL);
        if (privacy != null) {
            b.result("privacy", privacy);
        }
        return b.build();
    }

    private static Step sample() {
        return Step.builder("sample").by("dp-marginals", "dp", "0.1.0").parameter("rows", "300")
                .parameter("condition.city", "Ashford").seed(7L).input(MODEL).output(SAMPLE).build();
    }

    private static Step bigSample() {
        return Step.builder("sample").by("dp-marginals", "dp", "0.1.0").parameter("rows", "26048").seed(7L).input(MODEL)
                .output(SAMPLE).build();
    }

    @Test
    void aSecureDpFitStatesEpsilonDeltaAndTheFactor() {
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(fit("dp-marginals", privacy(1, 1e-6, "1/41", "secure")),
                sample()), List.of());
        assertTrue(g.isPrivate());
        assertEquals(1.0, g.epsilon());
        assertEquals(Math.E, g.factor(), 1e-12);
        assertEquals("Differential privacy: any one person's presence in the real data changes the probability of "
                + "any output by at most a factor e^ε = 2.72 (ε = 1), except with probability δ = 0.000001 (one in "
                + "1,000,000). This holds whatever else is known about that person, for anything made from this "
                + "dataset; the evaluation's statistics of the real data in this card and its certificate (real pair "
                + "strengths, counts of unique values, group base rates) are not covered.", g.summary());
        JsonNode j = g.toJson();
        assertEquals("differential-privacy", j.path("kind").asText());
        assertEquals(1.0, j.path("epsilon").asDouble());
        assertEquals(1e-6, j.path("delta").asDouble());
        assertEquals(1.0 / 41, j.path("rho").asDouble(), 1e-15);
        assertEquals("1/41", j.path("rhoExact").asText());
        assertEquals("0.02439 (the exact fraction is the certificate's rhoExact)", g.rows().get(4)[1]);
        assertEquals("secure", j.path("noise").asText());
        assertEquals("one row added or removed", j.path("neighbouring").asText());
        assertEquals("sampling 300 rows (seed 7), on condition city = Ashford", j.path("postProcessing").path(1).asText());
        assertTrue(j.path("treatedAsPublic").path(0).asText().startsWith("the schema: column names"));
        String card = String.join("\n", g.paragraphs());
        assertTrue(card.contains("one row added or removed") && card.contains("costs no privacy")
                && card.contains("Treated as public"), card);
        assertTrue(j.path("treatedAsPublic").get(j.path("treatedAsPublic").size() - 1).asText().endsWith(
                "group base rates): not covered by the guarantee, as they were computed from the real data outside "
                        + "the privacy budget"), j.toString());
    }

    @Test
    void largeAndSmallEpsilonsReadWell() {
        PrivacyGuarantee ten = PrivacyGuarantee.of(List.of(fit("dp-marginals", privacy(10, 1e-6, "3/2", "secure")),
                bigSample()), List.of());
        assertEquals("22,026", ten.rows().get(2)[1]);
        assertEquals("sampling 26,048 rows (seed 7)", ten.toJson().path("postProcessing").path(1).asText());
        assertTrue(PrivacyGuarantee.of(List.of(fit("dp-marginals", privacy(0.1, 1e-9, "1/3000", "secure"))), List.of())
                .summary().contains("e^ε = 1.11 (ε = 0.1), except with probability δ = 0.000000001 (one in "
                        + "1,000,000,000)"));
    }

    @Test
    void aHugeFactorIsWrittenAsAPowerOfTenNotAnOverflowedWholeNumber() {
        PrivacyGuarantee hundred = PrivacyGuarantee.of(List.of(fit("dp-marginals",
                privacy(100, 1e-6, "300", "secure"))), List.of());
        assertEquals("about 2.7·10^43", hundred.rows().get(2)[1]);
        assertTrue(hundred.summary().contains("e^ε = about 2.7·10^43 (ε = 100)"), hundred.summary());
        assertEquals(2.688e43, hundred.toJson().path("factor").asDouble(), 1e40);
        PrivacyGuarantee thousand = PrivacyGuarantee.of(List.of(fit("dp-marginals",
                privacy(1000, 1e-6, "30000", "secure"))), List.of());
        assertEquals("about 2.0·10^434", thousand.rows().get(2)[1]);
        assertFalse(thousand.toJson().has("factor"));
    }

    @Test
    void otherFitsOnTheSameRealDataAreStatedBesideTheGuarantee() {
        Step dp = fit("dp-marginals", privacy(1, 1e-6, "1/41", "secure"));
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(dp, sample()), List.of());
        Path ledger = Path.of("ledger.jsonl");
        g.inContextOf(new SpentBudget(Path.of("real.csv"), "aa", "bb", List.of(ledger),
                List.of(new RecordedFit(ledger, 1, dp, REAL))));
        assertEquals(1, g.plainStatements().size(), "one fit alone needs no context");
        Step copula = fit("gaussian-copula", null);
        g.inContextOf(new SpentBudget(Path.of("real.csv"), "aa", "bb", List.of(ledger), List.of(
                new RecordedFit(ledger, 1, dp, REAL), new RecordedFit(ledger, 2, dp, REAL),
                new RecordedFit(ledger, 3, copula, REAL))));
        String context = g.plainStatements().get(1);
        assertTrue(context.startsWith("The budget ledger records 3 fits on the same real data (real.csv): together: "
                + "(epsilon "), context);
        assertTrue(context.contains("so the data has no formal privacy guarantee"), context);
        assertTrue(g.summary().contains("e^ε = 2.72 (ε = 1)"), "the dataset's own guarantee stays");
        assertTrue(String.join("\n", g.paragraphs()).contains(context));
        assertEquals(context, g.toJson().path("realDataLedger").asText());
    }

    @Test
    void seededNoiseMakesNoClaim() {
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(fit("dp-marginals", privacy(1, 1e-6, "1/41", "seeded")),
                sample()), List.of());
        assertFalse(g.isPrivate());
        JsonNode j = g.toJson();
        assertEquals("none", j.path("kind").asText());
        assertEquals("seeded", j.path("noise").asText());
        assertFalse(j.has("epsilon"));
        assertTrue(g.summary().startsWith("No formal privacy guarantee: the dp-marginals model was fitted with seeded "
                + "noise (noise=seeded), which anyone with the seed can recompute"), g.summary());
        assertTrue(g.summary().endsWith(PrivacyGuarantee.ATTACKS_ARE_NOT_A_GUARANTEE));
    }

    @Test
    void aFitWithoutPrivacyGivesNone() {
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(fit("gaussian-copula", null), sample()), List.of());
        assertEquals("none", g.kind());
        assertTrue(g.summary().contains("No formal privacy guarantee: it was made by gaussian-copula, which is not "
                + "differentially private (it adds no privacy noise)."),
                g.summary());
        assertTrue(g.summary().contains("they are not a guarantee about what any attacker could do"));
    }

    @Test
    void aChainThatCannotBeFollowedGivesNone() {
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(sample()), List.of("record 1 (sample) used the model m.model"));
        assertEquals("none", g.kind());
        assertTrue(g.toJson().path("reason").asText().contains("cannot be followed back to the fit"));
    }

    @Test
    void aPrivacyRecordWithoutItsFiguresShowsNoGuarantee() {
        Map<String, Object> partial = privacy(1, 1e-6, "1/41", "secure");
        partial.remove("rho");
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(fit("dp-marginals", partial), sample()), List.of());
        assertEquals("none", g.kind());
        assertTrue(g.summary().contains("the dp-marginals model's privacy record does not state its rho"), g.summary());
    }

    @Test
    void stepsThatReadNoRealDataAreNotFits() {
        Step note = Step.builder("approve").by("governance", "core", "0.1.0").input(SAMPLE).build();
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(fit("dp-marginals", privacy(1, 1e-6, "1/41", "secure")),
                sample(), note), List.of());
        assertTrue(g.isPrivate(), g.summary());
        Step checkpoint = Step.builder("checkpoint").by("ctgan", "ctgan", "0.1.0").input(REAL).output(MODEL).build();
        assertEquals("none", PrivacyGuarantee.of(List.of(checkpoint, sample()), List.of()).kind());
        Step rules = Step.builder("fit").by("rules", "rules", "0.1.0").output(MODEL).build();
        PrivacyGuarantee none = PrivacyGuarantee.of(List.of(rules, sample()), List.of());
        assertEquals("no step in its lineage learned from real data", none.toJson().path("reason").asText());
        assertEquals(null, PrivacyGuarantee.lastLearning(List.of(rules, sample())));
    }

    @Test
    void constraintsGivenAtFitBreakTheGuarantee() {
        Step constrained = Step.builder("fit").by("dp-marginals", "dp", "0.1.0").input(REAL).output(MODEL)
                .result("privacy", privacy(1, 1e-6, "1/41", "secure")).result("constraints", Map.of("a", 1)).build();
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(constrained, sample()), List.of());
        assertEquals("none", g.kind());
        assertTrue(g.summary().contains("the dp-marginals model was fitted under constraints, whose transforms were chosen "
                + "from the real data"), g.summary());
    }

    @Test
    void aSampleFittedInMemoryCarriesItsOwnPrivacyRecord() {
        Step synth = Step.builder("sample").by("dp-marginals", "dp", "0.1.0")
                .parameter("rows", "300").seed(3L).input(REAL).output(SAMPLE)
                .result("privacy", privacy(0.5, 1e-6, "1/100", "secure")).build();
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(synth), List.of());
        assertTrue(g.isPrivate());
        assertEquals(0.5, g.epsilon());
        assertEquals("sampling 300 rows (seed 3)", g.toJson().path("postProcessing").path(1).asText());
    }

    @Test
    void twoDpFitsInOneChainCompose() {
        Step second = Step.builder("fit").by("dp-marginals", "dp", "0.1.0").input(SAMPLE.as(Artifact.REAL_DATA_ROLE))
                .output(MODEL).result("privacy", privacy(1, 1e-6, "1/41", "secure")).build();
        PrivacyGuarantee g = PrivacyGuarantee.of(List.of(fit("dp-marginals", privacy(1, 1e-6, "1/41", "secure")),
                sample(), second, sample()), List.of());
        assertTrue(g.isPrivate());
        assertEquals(2e-6, g.delta(), 1e-18);
        assertEquals(ZcdpConversion.epsilon(2.0 / 41, 2e-6 - 1e-7), g.epsilon(), 1e-12);
        assertEquals("2/41", g.toJson().path("rhoExact").asText());
        assertTrue(g.epsilon() > 1, "composition costs more than either fit");
    }
}
