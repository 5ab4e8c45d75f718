package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --fairness and --rebalance on sample and synth: exact shares, same bytes, dependence kept, lineage, bad options. */
class FairnessRemediationTest {
    private static final String FEMALE = " Female";
    private static final String MALE = " Male";
    private static final String HIGH = " >50K";
    private static final String[] FAIRNESS = {"--fairness", "target=income", "positive= >50K", "protected=sex"};

    @TempDir
    Path dir;
    Path real;
    Path ledger;
    Path model;

    /**
     * A biased table: a third women, 10% of them earn {@code >50K} against 40% of men; hours depend on income (about
     * 48 for {@code >50K}, 36 otherwise) and not on sex.
     */
    static String biasedTable(int rows, long seed) {
        Rng rng = new Rng(seed);
        StringBuilder b = new StringBuilder("sex,income,hours,region\n");
        for (int i = 0; i < rows; i++) {
            boolean female = rng.nextDouble() < 1 / 3.0;
            boolean high = rng.nextDouble() < (female ? 0.1 : 0.4);
            long hours = Math.round((high ? 48 : 36) + 4 * rng.nextGaussian());
            b.append(female ? FEMALE : MALE).append(',').append(high ? HIGH : " <=50K").append(',').append(hours)
                    .append(',').append(rng.nextDouble() < 0.5 ? "north" : "south").append('\n');
        }
        return b.toString();
    }

    @BeforeEach
    void fit() throws Exception {
        real = dir.resolve("real.csv");
        ledger = dir.resolve("ledger.jsonl");
        model = dir.resolve("m.model");
        Files.writeString(real, biasedTable(3000, 11));
        Cli fit = Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger);
        assertEquals(0, fit.code(), fit.err());
    }

    private Frame read(Path file) {
        try (Engine e = Engine.classpath()) {
            return e.read(file, null);
        }
    }

    private Cli sample(Path out, int rows, long seed, String... extra) {
        List<Object> args = new ArrayList<>(List.of("sample", "--model", model, "--rows", rows, "--seed", seed, "--out",
                out, "--ledger", ledger));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray());
    }

    private static double rate(Frame f, String group) {
        int n = 0;
        int high = 0;
        for (int r = 0; r < f.rowCount(); r++) {
            if (f.strings("sex").get(r).equals(group)) {
                n++;
                high += f.strings("income").get(r).equals(HIGH) ? 1 : 0;
            }
        }
        return high / (double) n;
    }

    private static double share(Frame f, String group) {
        return f.strings("sex").countOccurrences(group) / (double) f.rowCount();
    }

    /** Mean hours of the rows of one income class. */
    private static double meanHours(Frame f, String income) {
        double sum = 0;
        int n = 0;
        for (int r = 0; r < f.rowCount(); r++) {
            if (f.strings("income").get(r).equals(income)) {
                sum += f.longs("hours").get(r);
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void parityIsExactUpToRoundingAndTheRestIsKept() throws Exception {
        Path plainFile = dir.resolve("plain.csv");
        Path fairFile = dir.resolve("fair.csv");
        assertEquals(0, sample(plainFile, 2000, 5).code());
        Cli fair = sample(fairFile, 2000, 5, FAIRNESS);
        assertEquals(0, fair.code(), fair.err());
        Frame plain = read(plainFile);
        Frame remediated = read(fairFile);
        assertEquals(2000, remediated.rowCount());
        assertTrue(rate(plain, FEMALE) / rate(plain, MALE) < 0.5, "the plain sample keeps the bias");
        // each group's count of >50K rows is its allocation, so the rates differ by rounding alone
        double femaleRows = share(remediated, FEMALE) * 2000;
        assertEquals(rate(remediated, MALE), rate(remediated, FEMALE), 1 / femaleRows);
        // the overall >50K share stays as learned, and so do the group shares (no rebalancing asked)
        double plainHigh = plain.strings("income").countOccurrences(HIGH) / 2000.0;
        double fairHigh = remediated.strings("income").countOccurrences(HIGH) / 2000.0;
        assertEquals(plainHigh, fairHigh, 0.04);
        assertEquals(share(plain, FEMALE), share(remediated, FEMALE), 0.04);
        // hours still depend on income as learned: a column conditioned on the target keeps its dependence
        double plainGap = meanHours(plain, HIGH) - meanHours(plain, " <=50K");
        double fairGap = meanHours(remediated, HIGH) - meanHours(remediated, " <=50K");
        assertTrue(plainGap > 8, "plain gap " + plainGap);
        assertEquals(plainGap, fairGap, 1.5);

        Path again = dir.resolve("again.csv");
        assertEquals(0, sample(again, 2000, 5, FAIRNESS).code());
        assertArrayEquals(Files.readAllBytes(fairFile), Files.readAllBytes(again), "same seed, same bytes");
        Path other = dir.resolve("other.csv");
        assertEquals(0, sample(other, 2000, 6, FAIRNESS).code());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(fairFile), Files.readAllBytes(other)));

        Cli show = Cli.run("lineage", "show", fairFile);
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("fairness.target") && show.out().contains("remediation.achievedDisparateImpact") && show.out().contains("joint allocation"), show.out());
        assertEquals(0, Cli.run("lineage", "verify", fairFile).code());
    }

    @Test
    void rebalanceGivesStatedSharesAndCombinesWithParity() throws Exception {
        Path equal = dir.resolve("equal.csv");
        Cli even = sample(equal, 1001, 3, "--rebalance", "sex");
        assertEquals(0, even.code(), even.err());
        Frame f = read(equal);
        // 1001 rows in two groups: 501 and 500, largest remainder to the first in text order
        assertEquals(501, f.strings("sex").countOccurrences(FEMALE));
        assertEquals(500, f.strings("sex").countOccurrences(MALE));

        Path stated = dir.resolve("stated.csv");
        Cli both = sample(stated, 1000, 3, "--rebalance", "sex=' Female':0.6", "--fairness", "target=income",
                "positive=' >50K'", "protected=sex");
        assertEquals(0, both.code(), both.err());
        Frame s = read(stated);
        assertEquals(600, s.strings("sex").countOccurrences(FEMALE));
        assertEquals(rate(s, MALE), rate(s, FEMALE), 1 / 400.0);

        Path ratio = dir.resolve("ratio.csv");
        assertEquals(0, sample(ratio, 1000, 3, "--fairness", "target=income", "positive= >50K", "protected=sex",
                "ratio=0.8").code());
        Frame r = read(ratio);
        assertEquals(0.8, rate(r, FEMALE) / rate(r, MALE), 0.02);
    }

    @Test
    void synthAndTheRulesGeneratorTakeTheOptionsToo() throws Exception {
        Path out = dir.resolve("synth.csv");
        Cli synth = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 800, "--seed", 2,
                "--out", out, "--ledger", ledger, "--rebalance", "sex");
        assertEquals(0, synth.code(), synth.err());
        assertEquals(400, read(out).strings("sex").countOccurrences(FEMALE));

        Path spec = dir.resolve("spec.json");
        assertEquals(0, Cli.run("rules", "infer", "--data", real, "--out", spec, "--ledger", ledger).code());
        Path designed = dir.resolve("designed.csv");
        Cli rules = Cli.run("synth", "--generator", "rules", "--param", "spec=" + spec, "--rows", 600, "--seed", 4,
                "--out", designed, "--ledger", ledger, "--fairness", "target=income", "positive= >50K", "protected=sex");
        assertEquals(0, rules.code(), rules.err());
        Frame d = read(designed);
        assertEquals(600, d.rowCount());
        assertEquals(rate(d, MALE), rate(d, FEMALE), 2.0 / Math.min(d.strings("sex").countOccurrences(FEMALE),
                d.strings("sex").countOccurrences(MALE)));
    }

    @Test
    void evaluateComparesWithThePlainSampleAndTheCardSaysWhatChangedAndWhatItCost() throws Exception {
        Path plainFile = dir.resolve("plain.csv");
        Path fairFile = dir.resolve("fair.csv");
        Path holdout = Files.writeString(dir.resolve("holdout.csv"), biasedTable(1000, 12));
        assertEquals(0, sample(plainFile, 3000, 5).code());
        assertEquals(0, sample(fairFile, 3000, 5, FAIRNESS).code());
        Path report = dir.resolve("report.json");
        Cli eval = Cli.run("evaluate", "--real", real, "--holdout", holdout, "--synthetic", fairFile, "--compare", plainFile,
                "--evaluators", "fidelity,fairness", "--target", "income", "--protected", "sex", "--option",
                "positive= >50K", "--report", report, "--html", dir.resolve("report.html"), "--ledger", ledger);
        assertEquals(0, eval.code(), eval.err());
        // the score is likeness to the real data's group figures: printed with what it measures, so parity's low
        // score does not read as unfairness
        assertTrue(eval.out().matches("(?s).*fairness +0\\.\\d{4}  \\(how closely group shares and disparate impact"
                + " follow the real data's, not how fair the data is; disparate impact by sex: real 0\\.\\d{3},"
                + " synthetic (1\\.000|0\\.9\\d\\d)\\).*"), eval.out());
        assertTrue(Files.readString(dir.resolve("report.html")).contains("compared (--compare)"), "the chart has the third bars");
        com.fasterxml.jackson.databind.JsonNode sex = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(report.toFile()).path("fairness").path("protected").path("sex");
        assertTrue(sex.path("realDisparateImpact").asDouble() < 0.5, sex.toString());
        assertTrue(sex.path("comparedDisparateImpact").asDouble() < 0.6, sex.toString());
        assertTrue(sex.path("syntheticDisparateImpact").asDouble() > 0.97, sex.toString());
        assertTrue(sex.path("comparedTrainedModel").has("f1") && sex.path("syntheticTrainedModel").has("f1"), sex.toString());

        Path card = dir.resolve("card.md");
        Cli certify = Cli.run("certify", fairFile, "--report", report, "--out", dir.resolve("cert.json"), "--card", card,
                "--ledger", ledger);
        assertEquals(0, certify.code(), certify.err());
        String md = Files.readString(card);
        assertFalse(md.contains("\"realShare\""), "section (f) is for people, not the report's JSON");
        assertTrue(md.contains("| sex = ' Female' | share of the rows: real 0."), md);
        assertTrue(md.contains("It measures how faithfully this data keeps the real data's group shares"), md);
        for (String words : new String[] {"By sex: disparate impact of the real data",
                "Mitigation applied when sampling: the share of rows with income = ' >50K' was set equal (demographic"
                        + " parity) across the groups of sex", "Why: the model had learned a disparate impact of",
                "Achieved in this data: disparate impact", "Cost: fidelity score of this data",
                "a model trained on this data scores F1"}) {
            assertTrue(md.contains(words), words + "\n" + md);
        }
    }

    @Test
    void badOptionsExitTwoNamingWhatIsWrongAndWriteNothing() {
        Path out = dir.resolve("none.csv");
        assertBad(sample(out, 100, 1, "--fairness", "target=incme", "positive= >50K", "protected=sex"),
                "--fairness target 'incme' is not a column (did you mean 'income'?)");
        assertBad(sample(out, 100, 1, "--fairness", "target=income", "positive=>50K", "protected=sex"),
                "positive='>50K' is not a value of 'income' the model draws (did you mean ' >50K'?)");
        assertBad(sample(out, 100, 1, "--rebalance", "sex=Female:0.5"),
                "'Female' is not a value of 'sex' the model draws (did you mean ' Female'?)");
        assertBad(sample(out, 100, 1, "--fairness", "target=income", "positive= >50K", "protected=sex", "ratio=1.5"),
                "must be above 0 and at most 1");
        assertBad(sample(out, 100, 1, "--fairness", "target=income", "protected=sex"), "--fairness needs positive=");
        assertBad(sample(out, 100, 1, "--rebalance", "sex=' Female':0.7,' Male':0.6"), "add up to 1.3, more than 1");
        assertBad(sample(out, 100, 1, "--fairness", "target=hours", "positive=40", "protected=region",
                "--rebalance", "sex"), "name two columns");
        // men are favoured; at 5% of the rows they cannot carry the overall >50K share at ten times women's rate
        assertBad(sample(out, 100, 1, "--fairness", "target=income", "positive= >50K", "protected=sex", "ratio=0.1",
                "--rebalance", "sex=' Male':0.05"), "cannot be met");
        assertBad(sample(out, 100, 1, "--rebalance", "sex", "--condition", "sex= Male"), "use one or the other");
    }

    @Test
    void numericColumnsAreRefusedBeforeAnyRowIsDrawn() {
        Path out = dir.resolve("none.csv");
        // hours is an integer column: no group of it, and no value of it, is a class to make parity for
        assertBad(sample(out, 100, 2, "--fairness", "target=hours", "positive=50", "protected=sex"),
                "--fairness target 'hours' is not categorical: it is an integer column");
        // refused from the schema, not after rejection sampling failed to find one of its values
        assertBad(sample(out, 100, 2, "--rebalance", "hours"), "--rebalance 'hours' is not categorical");
    }

    @Test
    void aPositiveValueTooRareForTheRowsAskedIsRefusedRatherThanMadeUp() throws Exception {
        StringBuilder table = new StringBuilder(biasedTable(3000, 11));
        for (int i = 0; i < 9; i++) {
            table.append(i % 2 == 0 ? FEMALE : MALE).append(", rare,40,north\n");
        }
        Path rareReal = Files.writeString(dir.resolve("rare.csv"), table.toString());
        Path rareModel = dir.resolve("rare.model");
        assertEquals(0, Cli.run("fit", "--data", rareReal, "--generator", "gaussian-copula", "--seed", 1, "--model",
                rareModel, "--ledger", ledger).code());
        Path out = dir.resolve("none.csv");
        // about 3 in 1,000 rows are ' rare': 20 rows would hold none, and parity among zeros says nothing
        assertBad(Cli.run("sample", "--model", rareModel, "--rows", 20, "--seed", 2, "--out", out, "--ledger", ledger,
                "--fairness", "target=income", "positive=' rare'", "protected=sex"), "cannot be met in 20 rows");
        Path enough = dir.resolve("enough.csv");
        Cli many = Cli.run("sample", "--model", rareModel, "--rows", 2000, "--seed", 2, "--out", enough, "--ledger",
                ledger, "--fairness", "target=income", "positive=' rare'", "protected=sex");
        assertEquals(0, many.code(), many.err());
        assertTrue(read(enough).strings("income").countOccurrences(" rare") > 0);
    }

    private void assertBad(Cli run, String message) {
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().contains(message), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
        assertFalse(Files.exists(dir.resolve("none.csv")));
    }
}
