package io.tabsynth.plugins.exporters;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.plugins.evaluators.FairnessEvaluator;
import io.tabsynth.plugins.evaluators.FidelityEvaluator;
import io.tabsynth.plugins.evaluators.PrivacyEvaluator;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** A category one real row holds is named nowhere in the report, JSON or HTML: it may be one person's value. */
class RareValuesInReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RARE_DIAGNOSIS = "Huntington_disease_JohnDoe";
    private static final String RARE_REGION = "embassy-staff";
    private static final Schema SCHEMA = Schema.of(ColumnSpec.of("diagnosis", ColumnKind.CATEGORICAL),
            ColumnSpec.of("region", ColumnKind.CATEGORICAL), ColumnSpec.of("age", ColumnKind.CONTINUOUS),
            ColumnSpec.of("outcome", ColumnKind.CATEGORICAL));

    /** Common diagnoses and regions; with {@code rareRow} the first row holds a diagnosis and a region no other row has. */
    static Frame clinic(int n, long seed, boolean rareRow) {
        Rng rng = new Rng(seed);
        String[] diagnosis = new String[n];
        String[] region = new String[n];
        double[] age = new double[n];
        String[] outcome = new String[n];
        for (int i = 0; i < n; i++) {
            diagnosis[i] = rng.nextDouble() < 0.6 ? "flu" : "asthma";
            region[i] = rng.nextDouble() < 0.5 ? "North" : "South";
            age[i] = 20 + 50 * rng.nextDouble();
            outcome[i] = rng.nextDouble() < 0.3 ? "admitted" : "home";
        }
        if (rareRow) {
            diagnosis[0] = RARE_DIAGNOSIS;
            region[0] = RARE_REGION;
        }
        return Frame.of(Table.create("clinic").addColumns(StringColumn.create("diagnosis", diagnosis),
                StringColumn.create("region", region), DoubleColumn.create("age", age),
                StringColumn.create("outcome", outcome)), SCHEMA);
    }

    @Test
    void aOneRowCategoryAppearsNowhereInTheJsonOrHtmlReport() throws IOException {
        EvaluationInput input = new EvaluationInput(clinic(400, 1, true), clinic(200, 2, false), clinic(400, 3, true), SCHEMA,
                Map.of("target", "outcome", "protected", "region"));
        ObjectNode report = JSON.createObjectNode();
        report.set("fidelity", HtmlReportTest.section(new FidelityEvaluator().evaluate(input)));
        report.set("privacy", HtmlReportTest.section(new PrivacyEvaluator().evaluate(input)));
        report.set("fairness", HtmlReportTest.section(new FairnessEvaluator().evaluate(input)));
        String json = JSON.writeValueAsString(report);
        String html = HtmlReportTest.page(report, input);
        for (String rare : new String[] {RARE_DIAGNOSIS, RARE_REGION}) {
            assertFalse(json.contains(rare), rare + " in the JSON report");
            assertFalse(html.contains(rare), rare + " in the HTML report");
        }
        assertTrue(html.contains("<title>(1 rare value)</title>") || html.contains(">(1 rare value)<"),
                "the rare category's share is shown under the rare-values label");
        assertTrue(json.contains("\"(1 rare value)\""), "the fairness groups hold the rare region under the label");
        assertTrue(html.contains("flu") && html.contains("North"), "common categories are still named");
    }
}
