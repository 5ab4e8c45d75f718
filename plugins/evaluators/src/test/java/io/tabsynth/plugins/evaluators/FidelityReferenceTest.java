package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Our fidelity scores equal SDMetrics 0.29's published QualityReport of SDV's Gaussian copula sample of adult
 * (../shared/reference): every column shape, every pair score and real association, and the totals, within
 * 1e-9 (floating-point summation order is the only difference). Skipped when the shared files are absent.
 */
class FidelityReferenceTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void matchesSdmetricsOnAdult() throws Exception {
        Path shared = Path.of(System.getProperty("tabsynth.shared.datasets", "../../../shared/datasets")).getParent();
        Path real = shared.resolve("datasets/adult-train.csv");
        Path syn = shared.resolve("reference/sdv-gaussiancopula-adult-train.csv");
        Path thresholded = shared.resolve("reference/sdmetrics-quality-sdv-gaussiancopula-adult-train.json");
        Path allPairs = shared.resolve("reference/sdmetrics-quality-allpairs-sdv-gaussiancopula-adult-train.json");
        if (!Files.exists(real) || !Files.exists(allPairs)) {
            System.out.println("FidelityReferenceTest skipped: " + shared + " has no adult data or SDMetrics reference");
            Assumptions.abort("shared reference files are absent");
        }
        Frame r = FrameReader.read(real);
        Frame s = FrameReader.read(syn);
        Result result = new FidelityEvaluator().evaluate(new EvaluationInput(r, null, s, r.schema(), Map.of()));
        JsonNode ref = new ObjectMapper().readTree(Files.readAllBytes(thresholded));
        JsonNode all = new ObjectMapper().readTree(Files.readAllBytes(allPairs));

        assertEquals(ref.path("score").asDouble(), result.score(), TOLERANCE, "overall");
        assertEquals(ref.path("properties").path("Column Shapes").asDouble(), (Double) result.details().get("columnShapes"), TOLERANCE);
        assertEquals(ref.path("properties").path("Column Pair Trends").asDouble(),
                (Double) result.details().get("columnPairTrends"), TOLERANCE, "pairs with a real relationship");
        assertEquals(all.path("properties").path("Column Pair Trends").asDouble(),
                (Double) result.details().get("columnPairTrendsAllPairs"), TOLERANCE, "all pairs");

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> columns = (Map<String, Map<String, Object>>) result.details().get("columns");
        for (JsonNode c : ref.path("columnShapes")) {
            Map<String, Object> ours = columns.get(c.path("column").asText());
            assertEquals(c.path("metric").asText(), ours.get("metric"));
            assertEquals(c.path("score").asDouble(), (Double) ours.get("score"), TOLERANCE, c.path("column").asText());
        }
        Map<String, Map<String, Object>> pairs = new HashMap<>();
        for (Object o : (List<?>) result.details().get("pairs")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) o;
            pairs.put(p.get("column1") + "|" + p.get("column2"), p);
        }
        assertEquals(105, pairs.size());
        for (JsonNode p : all.path("columnPairTrends")) {
            Map<String, Object> ours = pairs.get(p.path("column1").asText() + "|" + p.path("column2").asText());
            String name = p.path("column1").asText() + " x " + p.path("column2").asText();
            assertEquals(p.path("metric").asText(), ours.get("metric"), name);
            assertEquals(p.path("score").asDouble(), (Double) ours.get("score"), TOLERANCE, name);
        }
        for (JsonNode p : ref.path("columnPairTrends")) {
            Map<String, Object> ours = pairs.get(p.path("column1").asText() + "|" + p.path("column2").asText());
            String name = p.path("column1").asText() + " x " + p.path("column2").asText();
            assertEquals(p.path("meetsThreshold").asBoolean(), ours.get("meetsThreshold"), name);
            if (!p.path("realAssociation").isNull()) {
                assertEquals(p.path("realAssociation").asDouble(), (Double) ours.get("realAssociation"), TOLERANCE, name);
            }
            if (!p.path("realCorrelation").isNull()) {
                assertEquals(p.path("realCorrelation").asDouble(), (Double) ours.get("realCorrelation"), TOLERANCE, name);
            }
        }
    }
}
