package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.chart.BarChart;
import io.tabsynth.spi.chart.ValueAxis;
import io.tabsynth.spi.chart.Readable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.plugins.evaluators.PrivacyEvaluator;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The report page on data shaped like adult: verdicts with thresholds, rounded numbers, readable plots, size. */
class HtmlReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] RACES = {"White", "Black", "Asian-Pac-Islander", "Amer-Indian-Eskimo", "Other"};
    private static final String[] WORK = {"Private", "Self-emp-not-inc", "Local-gov", "State-gov", "Federal-gov"};
    private static final String[] MARITAL = {"Married-civ-spouse", "Never-married", "Divorced", "Separated", "Widowed"};
    private static final Schema ADULT_LIKE = Schema.of(ColumnSpec.of("age", ColumnKind.INTEGER),
            ColumnSpec.of("workclass", ColumnKind.CATEGORICAL), ColumnSpec.of("fnlwgt", ColumnKind.INTEGER),
            ColumnSpec.of("education-num", ColumnKind.INTEGER), ColumnSpec.of("marital-status", ColumnKind.CATEGORICAL),
            ColumnSpec.of("race", ColumnKind.CATEGORICAL), ColumnSpec.of("sex", ColumnKind.CATEGORICAL),
            ColumnSpec.of("capital-gain", ColumnKind.INTEGER), ColumnSpec.of("capital-loss", ColumnKind.INTEGER),
            ColumnSpec.of("hours-per-week", ColumnKind.INTEGER), ColumnSpec.of("native-country", ColumnKind.CATEGORICAL),
            ColumnSpec.of("income", ColumnKind.CATEGORICAL));
    private static final Pattern DECIMAL = Pattern.compile("\\d+\\.\\d+");
    /** Significant digits a reader needs at most: three for values, four for a plot coordinate such as 123.4. */
    private static final int MOST_DIGITS = 4;

    /** {@code n} rows like adult's: integer ages and hours, heavy-tailed gains, race with long labels. */
    static Frame adultLike(int n, long seed) {
        Rng rng = new Rng(seed);
        long[] age = new long[n];
        long[] fnlwgt = new long[n];
        long[] education = new long[n];
        long[] gain = new long[n];
        long[] loss = new long[n];
        long[] hours = new long[n];
        String[] work = new String[n];
        String[] marital = new String[n];
        String[] race = new String[n];
        String[] sex = new String[n];
        String[] country = new String[n];
        String[] income = new String[n];
        for (int i = 0; i < n; i++) {
            age[i] = 17 + (long) Math.min(73, Math.abs(rng.nextGaussian() * 14 + 20));
            fnlwgt[i] = 12_285 + (long) Math.abs(rng.nextGaussian() * 105_000 + 170_000);
            education[i] = 1 + rng.nextInt(16);
            gain[i] = rng.nextDouble() < 0.92 ? 0 : (long) Math.min(99_999, Math.exp(7 + 1.2 * rng.nextGaussian()));
            loss[i] = rng.nextDouble() < 0.95 ? 0 : 1_500 + rng.nextInt(1_000);
            hours[i] = Math.max(1, Math.min(99, Math.round(40 + 12 * rng.nextGaussian())));
            work[i] = WORK[Math.min(WORK.length - 1, (int) Math.abs(rng.nextGaussian() * 1.5))];
            marital[i] = MARITAL[rng.nextInt(MARITAL.length)];
            race[i] = RACES[Math.min(RACES.length - 1, (int) Math.abs(rng.nextGaussian() * 1.3))];
            sex[i] = rng.nextDouble() < 0.67 ? "Male" : "Female";
            country[i] = rng.nextDouble() < 0.9 ? "United-States" : "Country-" + rng.nextInt(40);
            income[i] = rng.nextDouble() < 0.1 + 0.004 * (age[i] - 17) + 0.02 * education[i] ? ">50K" : "<=50K";
        }
        return Frame.of(Table.create("adult-like").addColumns(LongColumn.create("age", age), StringColumn.create("workclass", work),
                LongColumn.create("fnlwgt", fnlwgt), LongColumn.create("education-num", education),
                StringColumn.create("marital-status", marital), StringColumn.create("race", race), StringColumn.create("sex", sex),
                LongColumn.create("capital-gain", gain), LongColumn.create("capital-loss", loss),
                LongColumn.create("hours-per-week", hours), StringColumn.create("native-country", country),
                StringColumn.create("income", income)), ADULT_LIKE);
    }

    /** The page for a report that holds the privacy evaluator's result, as {@code tabsynth evaluate} writes it. */
    private static String privacyPage(EvaluationInput input) throws IOException {
        ObjectNode report = JSON.createObjectNode();
        report.set("privacy", section(new PrivacyEvaluator().evaluate(input)));
        return page(report, input);
    }

    /** An evaluator's result as a section of the report: its score, then its details. */
    static ObjectNode section(Result r) {
        ObjectNode section = JSON.createObjectNode();
        section.put("score", r.score());
        r.details().forEach((k, v) -> section.set(k, JSON.valueToTree(v)));
        return section;
    }

    static String page(JsonNode report, EvaluationInput input) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new HtmlReport().export(report, input, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Each finding is a row of its level's class with its metric, its rounded value and its red threshold. */
    private static void assertVerdictRows(String html, JsonNode findings) {
        assertTrue(findings.size() >= 3, "the evaluator judged several metrics: " + findings);
        for (JsonNode f : findings) {
            String op = f.path("redWhen").asText().split(" ")[0];
            String row = "<tr class=\"" + f.path("level").asText() + "\"><td>" + f.path("metric").asText() + "</td><td>"
                    + Readable.number(f.path("value").asDouble()) + "</td><td class=\"level\">" + f.path("level").asText()
                    + "</td><td>" + op.replace(">", "&gt;").replace("<", "&lt;") + " " + Readable.number(f.path("threshold").asDouble())
                    + "</td>";
            assertTrue(html.contains(row), "the page shows " + row);
        }
    }

    @Test
    void aCopyIsRedAndAFreshDrawGreenEachWithItsThreshold() throws IOException {
        Frame train = adultLike(900, 1);
        Frame holdout = adultLike(450, 2);
        EvaluationInput copy = new EvaluationInput(train, holdout, train, ADULT_LIKE, Map.of());
        EvaluationInput fresh = new EvaluationInput(train, holdout, adultLike(900, 3), ADULT_LIKE, Map.of());
        Result copied = new PrivacyEvaluator().evaluate(copy);
        Result drawn = new PrivacyEvaluator().evaluate(fresh);
        String copyPage = privacyPage(copy);
        String freshPage = privacyPage(fresh);

        JsonNode copyFindings = JSON.valueToTree(copied.details().get("findings"));
        assertVerdictRows(copyPage, copyFindings);
        assertTrue(copyPage.contains("<h2 id=\"privacy\">Privacy: <span class=\"red level\">red</span></h2>"),
                "a copy makes the privacy headline red");
        assertTrue(copyPage.contains("<tr class=\"red\"><td>privacy.exactMatchExcess</td>"), "the copies are a red row");
        assertTrue(copyPage.contains("<tr class=\"red\"><td>privacy.singlingOut."), "singling out of a copy is red");
        assertTrue(copyPage.contains("<tr class=\"red\"><td>privacy.linkability."), "linkability of a copy is red");
        assertTrue(copyPage.contains("<tr class=\"red\"><td>privacy</td>"), "the scores table's privacy row is red");

        JsonNode freshFindings = JSON.valueToTree(drawn.details().get("findings"));
        assertVerdictRows(freshPage, freshFindings);
        assertTrue(freshPage.contains("<h2 id=\"privacy\">Privacy: <span class=\"green level\">green</span></h2>"),
                "a fresh draw's privacy headline is green: " + freshFindings);
        assertFalse(freshPage.contains("<tr class=\"red\">"), "no red row for a fresh draw");
        for (String label : List.of("singling out risk (lower bound)", "linkability risk (lower bound)")) {
            assertTrue(freshPage.contains("<td>" + label + "</td>"), "the table lists " + label);
        }
    }

    @Test
    void fidelityWarningsAndTheWeakestLevelHeadTheSection() throws IOException {
        Frame real = adultLike(300, 4);
        ObjectNode fidelity = JSON.createObjectNode();
        fidelity.put("score", 0.9978421);
        fidelity.put("pairsScored", 0);
        fidelity.put("pairsTotal", 10);
        fidelity.putObject("relationships").put("score", 0.41234567);
        fidelity.putArray("findings").addObject().put("metric", "fidelity.pairsScoredShare").put("value", 0.0)
                .put("level", "warning").put("redWhen", "< 0.3333").put("threshold", 1 / 3.0)
                .put("why", "0 of 10 column pairs reach SDMetrics' relationship threshold");
        ObjectNode report = JSON.createObjectNode();
        report.set("fidelity", fidelity);
        String html = page(report, new EvaluationInput(real, null, adultLike(300, 5), ADULT_LIKE, Map.of()));
        assertTrue(html.contains("<h2 id=\"fidelity\">Fidelity: <span class=\"warning level\">warning</span></h2>"), html);
        assertTrue(html.contains("<tr class=\"warning\"><td>fidelity.pairsScoredShare</td><td>0</td><td class=\"level\">warning"
                + "</td><td>&lt; 0.333</td><td>0 of 10 column pairs"), "the warning with its threshold");
        assertTrue(html.contains("<td>column pairs with a relationship SDMetrics scores</td><td>0 of 10</td>"));
        assertTrue(html.contains("<td>relationship retention (weighted by real strength)</td><td>0.412</td>"));
        assertTrue(html.contains("<td>score</td><td>0.998</td>"));
    }

    @Test
    void noNumberOnThePageCarriesMoreDigitsThanAReaderNeeds() throws IOException {
        Frame train = adultLike(900, 6);
        EvaluationInput input = new EvaluationInput(train, adultLike(450, 7), adultLike(900, 8), ADULT_LIKE, Map.of());
        String html = privacyPage(input);
        Matcher m = DECIMAL.matcher(html);
        int decimals = 0;
        while (m.find()) {
            String digits = m.group().replace(".", "").replaceFirst("^0+", "");
            decimals++;
            assertTrue(digits.length() <= MOST_DIGITS, "unrounded number " + m.group() + " near: "
                    + html.substring(Math.max(0, m.start() - 80), Math.min(html.length(), m.end() + 40)));
        }
        assertTrue(decimals > 20, "the page has numbers to check");
        assertEquals("0.364", Readable.number(0.36374887731739514));
        assertEquals("26,048", Readable.number(26_048));
        assertEquals("0.0123", Readable.number(0.012345));
        assertEquals("0", Readable.number(1e-12));
    }

    @Test
    void integerColumnsAreBinnedOnWholeNumbers() {
        double[] hours = new double[500];
        double[] ages = new double[500];
        Rng rng = new Rng(9);
        for (int i = 0; i < hours.length; i++) {
            hours[i] = 30 + rng.nextInt(21);
            ages[i] = 17 + rng.nextInt(74);
        }
        Bins narrow = Bins.of(hours);
        assertEquals(21, narrow.labels().size(), "one bin per whole number from 30 to 50");
        assertEquals("30", narrow.labels().get(0));
        assertEquals("50", narrow.labels().get(20));
        Bins wide = Bins.of(ages);
        assertFalse(wide.logScale());
        Pattern range = Pattern.compile("(\\d+)–(\\d+)");
        int expectedStart = 17;
        for (String label : wide.labels()) {
            Matcher m = range.matcher(label);
            assertTrue(m.matches(), "a bin of whole numbers: " + label);
            assertEquals(expectedStart, Integer.parseInt(m.group(1)), "bins follow each other without gaps or overlaps");
            expectedStart = Integer.parseInt(m.group(2)) + 1;
        }
        assertTrue(expectedStart > 90, "the last bin holds 90");
        double[] shares = wide.shares(ages);
        assertEquals(1.0, Arrays.stream(shares).sum(), 1e-9);
        double[] one = wide.shares(new double[] {20});
        assertEquals(1.0, one[Integer.parseInt(range.matcher(wide.labels().get(0)).results().findFirst().orElseThrow()
                .group(2)) >= 20 ? 0 : 1], 1e-9, "20 falls into the bin whose range holds it");
    }

    @Test
    void heavyTailsGetALogAxisAndLongLabelsAreShortenedAndTurned() throws IOException {
        Frame real = adultLike(2000, 10);
        String html = page(JSON.createObjectNode().set("fidelity", JSON.createObjectNode().put("score", 0.9)),
                new EvaluationInput(real, null, adultLike(2000, 11), ADULT_LIKE, Map.of()));
        assertTrue(html.contains("<title>capital-gain, log scale</title>"), "capital gains (mostly 0) on a log axis");
        assertFalse(html.contains("<title>age, log scale</title>"), "ages are not heavy-tailed");
        assertTrue(html.contains("<title>Amer-Indian-Eskimo</title>Amer-Indian-E…"), "a long label shortened, whole on hover");
        assertTrue(html.contains("rotate(-40)\" text-anchor=\"end\"><title>Asian-Pac-Islander</title>"),
                "race's labels are turned so that they do not run into each other");
        assertTrue(html.contains("viewBox=\"0 0 460 320\"") && html.contains(".plot svg{width:100%;height:auto"),
                "charts scale with the window");
    }

    @Test
    void datetimeColumnsAreLabelledWithDatesNotDaysSince1970() {
        // days since 1970 of 2023-01-01 .. 2023-12-31, with times of day in between
        double[] days = new double[3650];
        for (int i = 0; i < days.length; i++) {
            days[i] = java.time.LocalDate.of(2023, 1, 1).toEpochDay() + i * 0.1;
        }
        Bins bins = Bins.ofDays(days);
        assertEquals("2023-01-01", bins.labels().get(0).substring(0, 10), bins.labels().toString());
        assertTrue(bins.labels().stream().allMatch(l -> l.matches("2023-\\d\\d-\\d\\d.*")), bins.labels().toString());
        assertTrue(bins.labels().stream().noneMatch(l -> l.contains("19,")), "no epoch days: " + bins.labels());
    }

    @Test
    void labelsThatFitSideBySideAreWrittenWhole() {
        String models = new BarChart("F1", "model", List.of("gradientBoosting", "randomForest", "logisticRegression"))
                .add("trained on synthetic", new double[] {0.6, 0.5, 0.6}).svg();
        for (String model : List.of("gradientBoosting", "randomForest", "logisticRegression")) {
            assertTrue(models.contains("</title>" + model + "</text>"), "three names fit side by side, written whole: " + model);
        }
        assertFalse(models.contains("rotate("), "and not turned");
    }

    @Test
    void turnedLabelsNeverRunIntoEachOther() {
        // fnlwgt on adult: 20 bins of six-digit ranges, which ran together when every bar was labelled
        List<String> ranges = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ranges.add(Readable.number(12_285 + 73_622.0 * i) + "–" + Readable.number(12_285 + 73_622.0 * (i + 1) - 1));
        }
        String svg = new BarChart("fnlwgt", "fnlwgt", ranges).add("real", Collections.nCopies(20, 0.05)).svg();
        Matcher turned = Pattern.compile("translate\\(([\\d.]+) [\\d.]+\\) rotate\\((-?\\d+)\\)").matcher(svg);
        List<Double> xs = new ArrayList<>();
        double angle = 0;
        while (turned.find()) {
            xs.add(Double.parseDouble(turned.group(1)));
            angle = Math.toRadians(-Integer.parseInt(turned.group(2)));
        }
        assertTrue(xs.size() >= 8 && xs.size() < ranges.size(), "some of the 20 bins labelled, not all: " + xs.size());
        for (int i = 1; i < xs.size(); i++) {
            double apart = (xs.get(i) - xs.get(i - 1)) * Math.sin(angle);
            assertTrue(apart >= 16, "turned labels a line and a half of 11-pixel text apart or more: " + apart);
        }
        assertTrue(svg.contains("<title>real 12,285–85,906: "), "every bar keeps its range on hover");
    }

    @Test
    void correlationsThatRoundToZeroReadZero() {
        String svg = HeatMap.svg("synthetic − real", List.of("a", "b"), new double[][] {{0, -0.004}, {-0.004, 0.0261}});
        assertFalse(svg.contains(">-0.00</text>"), svg);
        assertTrue(svg.contains(">0.00</text>") && svg.contains(">0.03</text>"), svg);
    }

    private static List<String> ticks(ValueAxis axis) {
        return axis.ticks().stream().map(Readable::number).toList();
    }

    @Test
    void shareAxesTickOnRoundValuesAndHeavyTailsOnPowersOfTen() {
        assertEquals(List.of("0", "0.025", "0.05", "0.075", "0.1"), ticks(ValueAxis.linear(0.0804, 4)));
        assertEquals(List.of("0", "0.25", "0.5", "0.75", "1"), ticks(ValueAxis.linear(0.918, 4)));
        ValueAxis log = ValueAxis.log(0.918);
        assertEquals(List.of("0.0001", "0.001", "0.01", "0.1", "1"), ticks(log));
        assertEquals(0.5, log.position(0.01), 1e-9, "0.01 halfway between 0.0001 and 1");
        assertEquals(0.0, log.position(0), 1e-9, "no bar for a share of 0");
        String svg = new BarChart("gains", "gain", List.of("0", "1,000")).logValues(true).add("real", new double[] {0.95, 0.001})
                .svg();
        assertTrue(svg.contains(">0.001</text>") && svg.contains(">0.1</text>"), "ticks at powers of ten: " + svg);
    }

    @Test
    void aReportOnAnAdultSizedTableStaysUnderOneMegabyteAndIsTheSameEachTime() throws IOException {
        Frame real = adultLike(26_048, 12);
        ObjectNode report = JSON.createObjectNode();
        report.set("fidelity", JSON.createObjectNode().put("score", 0.9));
        String html = page(report, new EvaluationInput(real, adultLike(6_513, 13), adultLike(26_048, 14), ADULT_LIKE, Map.of()));
        assertEquals(html, page(report, new EvaluationInput(real, adultLike(6_513, 13), adultLike(26_048, 14), ADULT_LIKE, Map.of())),
                "the same data give the same page");
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 1_000_000, "the page has " + bytes + " bytes");
        assertTrue(html.contains("<svg"), "with its plots");
    }
}
