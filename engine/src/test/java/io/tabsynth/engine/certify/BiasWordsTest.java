package io.tabsynth.engine.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.fairness.Remediation;
import io.tabsynth.engine.lineage.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sections (f) and (g) of the data card: the fairness evaluation for people, and what a remediation cost. */
class BiasWordsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A report's fairness section for a remediated sample of loans, with --compare and, if asked, a holdout. */
    private static ObjectNode report(boolean compared, boolean holdout) {
        ObjectNode report = JSON.createObjectNode();
        report.putObject("fidelity").put("score", 0.875);
        ObjectNode fairness = report.putObject("fairness");
        fairness.put("score", 0.620).put("target", "approved").put("positiveClass", "yes");
        ObjectNode sex = fairness.putObject("protected").putObject("sex");
        ObjectNode female = sex.putObject("groups").putObject("F");
        female.put("realShare", 0.305).put("syntheticShare", 0.500).put("realBaseRate", 0.259)
                .put("syntheticBaseRate", 0.492);
        ObjectNode male = (ObjectNode) sex.path("groups");
        male = male.putObject("M");
        male.put("realShare", 0.695).put("syntheticShare", 0.500).put("realBaseRate", 0.594).putNull("syntheticBaseRate");
        if (compared) {
            female.put("comparedShare", 0.299).put("comparedBaseRate", 0.271);
            male.put("comparedShare", 0.701).put("comparedBaseRate", 0.582);
        }
        sex.put("groupShareDifference", 0.195).put("realDisparateImpact", 0.436).put("syntheticDisparateImpact", 1.0);
        if (compared) {
            sex.put("comparedDisparateImpact", 0.465);
        }
        if (holdout) {
            model(sex, "syntheticTrainedModel", 0.045, 0.253, 0.653);
            model(sex, "realTrainedModel", 0.174, 0.067, 0.705);
            if (compared) {
                model(sex, "comparedTrainedModel", 0.162, 0.063, 0.687);
            }
        }
        sex.put("score", 0.620);
        return report;
    }

    private static void model(ObjectNode column, String name, double dp, double eo, double f1) {
        column.putObject(name).put("demographicParityDifference", dp).put("equalizedOddsDifference", eo).put("f1", f1);
    }

    @Test
    void sectionFIsSentencesAndATableNotTheReportsJson() {
        BiasExamination f = new BiasExamination(report(true, true).path("fairness"));
        String text = String.join("\n", f.paragraphs());
        assertFalse(text.contains("{") || text.contains("realShare"), text);
        assertTrue(text.contains("By sex: disparate impact of the real data 0.436, of the sample compared with it"
                + " (--compare) 0.465, of this data 1.000; the group shares differ from the real data's by 0.195"), text);
        assertTrue(text.contains("trained on this data 0.045, 0.253, 0.653, on the compared sample 0.162, 0.063, 0.687,"
                + " on the real data 0.174, 0.067, 0.705."), text);
        // the score is fidelity to the real data's group figures: the card says so beside it
        assertTrue(text.contains("Fairness score 0.620 out of 1. It measures how faithfully this data keeps the real"
                + " data's group shares and disparate impact") && text.contains("not how fair the data is"), text);
        List<String[]> rows = f.rows();
        assertEquals(2, rows.size());
        assertEquals("sex = 'F'", rows.get(0)[0]);
        assertEquals("share of the rows: real 0.305, compared sample 0.299, this data 0.500; rate of approved = 'yes':"
                + " real 0.259, compared sample 0.271, this data 0.492", rows.get(0)[1]);
        assertTrue(rows.get(1)[1].endsWith("this data no rows"), rows.get(1)[1]);

        String plain = String.join("\n", new BiasExamination(report(false, false).path("fairness")).paragraphs());
        assertTrue(plain.contains("of the real data 0.436, of this data 1.000") && !plain.contains("Gradient-boosting"),
                plain);
        assertTrue(new BiasExamination(JSON.createObjectNode().path("fairness")).paragraphs().get(0)
                .startsWith("The report holds no fairness evaluation"));
    }

    private static Step remediatedSample() {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("fairness.target", "approved");
        params.put("fairness.positive", "yes");
        params.put("fairness.protected", "sex");
        params.put("fairness.ratio", "1");
        params.put("remediation.method", Remediation.METHOD);
        Map<String, Object> learned = Map.of("groupShares", Map.of("F", 0.3, "M", 0.7),
                "positiveRates", Map.of("F", 0.26, "M", 0.59), "disparateImpact", 0.44);
        Map<String, Object> achieved = Map.of("groupShares", Map.of("F", 0.3, "M", 0.7),
                "positiveRates", Map.of("F", 0.49, "M", 0.49), "disparateImpact", 1.0);
        return Step.builder("sample").by("gaussian-copula", "copula", "0.1.0").parameters(params)
                .results(Map.of("remediation.learned", learned, "remediation.achieved", achieved)).build();
    }

    private static String cost(ObjectNode report) {
        List<String> g = RemediationWords.of(remediatedSample(), report).measures();
        return g.get(g.size() - 1);
    }

    @Test
    void sectionGSaysPreciselyWhatTheReportLacksToMeasureTheCost() {
        // compared but no holdout: the trial's case; the comparison is there, the holdout is what is missing
        String noHoldout = cost(report(true, false));
        assertEquals("Cost: fidelity score of this data 0.875; the report holds a comparison with the plain sample"
                + " (--compare) but no real holdout (--holdout H) to score models trained on each, so the cost in"
                + " utility is not measured.", noHoldout);
        String noCompare = cost(report(false, true));
        assertTrue(noCompare.contains("no comparison with the plain sample (--compare PLAIN): a model trained on this"
                + " data was scored on the real holdout"), noCompare);
        String neither = cost(report(false, false));
        assertTrue(neither.contains("no comparison with the plain sample (--compare PLAIN) and no real holdout"
                + " (--holdout H)"), neither);
        String both = cost(report(true, true));
        assertTrue(both.startsWith("Cost: fidelity score of this data 0.875; a model trained on this data scores F1 0.653"
                + " on the real holdout against 0.687") && !both.contains("not measured"), both);
        ObjectNode bare = JSON.createObjectNode();
        assertEquals("Cost: not measured; the report holds no fidelity score (tabsynth evaluate --evaluators fidelity),"
                + " so the cost in fidelity is not measured; it holds no fairness evaluation of sex (tabsynth evaluate"
                + " --evaluators fairness --protected sex --target T --compare PLAIN --holdout H), so the cost in utility"
                + " is not measured.", cost(bare));
    }
}
