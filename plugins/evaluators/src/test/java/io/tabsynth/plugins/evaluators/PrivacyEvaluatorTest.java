package io.tabsynth.plugins.evaluators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Privacy metrics on data with known answers, and the pruned nearest-neighbour search against brute force. */
class PrivacyEvaluatorTest {
    static final Schema SCHEMA = Schema.of(ColumnSpec.of("a", ColumnKind.CONTINUOUS), ColumnSpec.of("b", ColumnKind.CONTINUOUS),
            ColumnSpec.of("c", ColumnKind.CATEGORICAL), ColumnSpec.of("d", ColumnKind.CATEGORICAL));

    static Frame draw(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] a = new double[n];
        double[] b = new double[n];
        String[] c = new String[n];
        String[] d = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian();
            b[i] = i % 17 == 0 ? Double.NaN : rng.nextDouble() * 10;
            c[i] = "c" + rng.nextInt(4);
            d[i] = i % 13 == 0 ? "" : "d" + rng.nextInt(3);
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("a", a), DoubleColumn.create("b", b),
                StringColumn.create("c", c), StringColumn.create("d", d)), SCHEMA);
    }

    static Result evaluate(Frame train, Frame holdout, Frame syn, Map<String, String> options) {
        return new PrivacyEvaluator().evaluate(new EvaluationInput(train, holdout, syn, SCHEMA, options));
    }

    @Test
    void prunedSearchEqualsBruteForce() {
        Frame base = draw(700, 1);
        Frame query = draw(300, 2);
        GowerSpace space = new GowerSpace(base, SCHEMA.columns());
        GowerSpace.Points b = space.points(base);
        GowerSpace.Points q = space.points(query);
        double[][] fast = space.nearestTwo(q, b);
        double[] one = space.nearest(q, b);
        for (int i = 0; i < q.size(); i++) {
            double best = Double.POSITIVE_INFINITY;
            double next = Double.POSITIVE_INFINITY;
            for (int r = 0; r < b.size(); r++) {
                double dist = gower(query, i, base, r, space);
                if (dist < best) {
                    next = best;
                    best = dist;
                } else if (dist < next) {
                    next = dist;
                }
            }
            assertEquals(best, fast[0][i], 1e-12, "nearest of query row " + i);
            assertEquals(next, fast[1][i], 1e-12, "second nearest of query row " + i);
            assertEquals(best, one[i], 1e-12);
        }
    }

    /** Gower's distance straight from its definition. */
    private static double gower(Frame x, int i, Frame y, int j, GowerSpace space) {
        double s = 0;
        double rangeA = range(y.doubles("a").asDoubleArray());
        double rangeB = range(y.doubles("b").asDoubleArray());
        s += Math.min(1, Math.abs(x.doubles("a").getDouble(i) - y.doubles("a").getDouble(j)) / rangeA);
        double bx = x.doubles("b").getDouble(i);
        double by = y.doubles("b").getDouble(j);
        s += Double.isNaN(bx) || Double.isNaN(by) ? (Double.isNaN(bx) && Double.isNaN(by) ? 0 : 1)
                : Math.min(1, Math.abs(bx - by) / rangeB);
        s += x.strings("c").get(i).equals(y.strings("c").get(j)) ? 0 : 1;
        s += x.strings("d").get(i).equals(y.strings("d").get(j)) ? 0 : 1;
        return s / space.dimensions();
    }

    private static double range(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        return hi - lo;
    }

    @Test
    void copiesOfTrainingRowsAreALeak() {
        Frame train = draw(1500, 3);
        Frame holdout = draw(500, 4);
        Result r = evaluate(train, holdout, train, Map.of());
        assertEquals(1500, r.details().get("exactMatches"));
        assertTrue((Double) r.details().get("membershipInferenceAuc") > 0.95, "members sit at distance 0");
        @SuppressWarnings("unchecked")
        Map<String, Object> dcr = (Map<String, Object>) r.details().get("dcr");
        assertTrue((Double) dcr.get("shareCloserToTrain") > 0.6);
        assertTrue(r.score() < 0.4, "score " + r.score());
        Map<?, ?> mia = (Map<?, ?>) r.details().get("membershipInference");
        assertTrue((Double) mia.get("densityRatioAttackAuc") > 0.6, "memorised rows raise the density ratio: " + mia);
    }

    @Test
    void independentDrawsDoNotLeak() {
        Frame train = draw(1500, 3);
        Frame holdout = draw(500, 4);
        Frame syn = draw(1500, 5);
        Result r = evaluate(train, holdout, syn, Map.of());
        assertEquals(0.5, (Double) r.details().get("membershipInferenceAuc"), 0.05);
        @SuppressWarnings("unchecked")
        Map<String, Object> dcr = (Map<String, Object>) r.details().get("dcr");
        assertEquals(0.75, (Double) dcr.get("shareExpected"), 1e-12, "1,500 of 2,000 pooled real rows are training rows");
        assertEquals(0.75, (Double) dcr.get("shareCloserToTrain"), 0.05);
        assertEquals(0.0, (Double) dcr.get("excess"), 1e-12);
        assertTrue(r.score() > 0.85, "score " + r.score());
        Map<?, ?> mia = (Map<?, ?>) r.details().get("membershipInference");
        assertEquals(0.5, (Double) mia.get("densityRatioAttackAuc"), 0.07);
    }

    /** The rows of {@code f} with every number moved a little: a by ±0.01 (its spread is 1), b by ±0.05 (of 10). */
    static Frame moved(Frame f, long seed) {
        Rng rng = new Rng(seed);
        double[] a = f.doubles("a").asDoubleArray();
        double[] b = f.doubles("b").asDoubleArray();
        for (int i = 0; i < a.length; i++) {
            a[i] += rng.nextInt(2) == 0 ? -0.01 : 0.01;
            b[i] += rng.nextInt(2) == 0 ? -0.05 : 0.05;
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("a", a), DoubleColumn.create("b", b),
                f.strings("c").copy(), f.strings("d").copy()), SCHEMA);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Result r, String key) {
        return (Map<String, Object>) r.details().get(key);
    }

    static List<String> red(Result r) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) r.details().get("findings");
        return findings.stream().filter(f -> f.get("level").equals("red")).map(f -> (String) f.get("metric")).toList();
    }

    @Test
    void copiesAndMovedCopiesAreRedWithAndWithoutAHoldoutFreshDrawsAreNot() {
        Frame train = draw(1500, 3);
        Frame moved = moved(train, 9);
        Frame fresh = draw(1500, 5);
        for (Frame holdout : new Frame[] {draw(500, 4), null}) {
            String baseline = holdout == null ? NearCopies.LEAVE_ONE_OUT_BASELINE : NearCopies.HOLDOUT_BASELINE;
            Result copy = evaluate(train, holdout, train, Map.of());
            Result near = evaluate(train, holdout, moved, Map.of());
            Result ok = evaluate(train, holdout, fresh, Map.of());
            assertEquals(0, near.details().get("exactMatches"), "no moved row is an exact copy");
            for (Result r : List.of(copy, near)) {
                Map<String, Object> nc = section(r, "nearCopies");
                assertEquals(baseline, nc.get("baseline"));
                assertTrue((Double) nc.get("excess") > 0.95, baseline + ": " + nc);
                assertTrue(red(r).contains("privacy.nearCopies.excess"), baseline + ": " + red(r));
            }
            assertTrue(copy.score() <= 0.1, baseline + ": copy scores " + copy.score());
            assertTrue(near.score() <= 0.3, baseline + ": moved copy scores " + near.score());
            assertEquals(0.0, (Double) section(ok, "nearCopies").get("excess"), 0.02, baseline + ": " + section(ok, "nearCopies"));
            assertTrue(ok.score() >= 0.85, baseline + ": fresh draws score " + ok.score() + " " + ok.details().get("findings"));
            assertEquals(List.of(), red(ok), baseline);
        }
    }

    @Test
    void nearCopiesCountRowsUnderTheBaselinesPercentiles() {
        double[] baseline = new double[100];
        for (int i = 0; i < 100; i++) {
            baseline[i] = i + 1;   // 1 .. 100: p1 = 1.99, p5 = 5.95, median = 50.5
        }
        double[] synthetic = new double[200];
        for (int i = 0; i < 200; i++) {
            synthetic[i] = i < 100 ? 0.5 : 200;   // half the rows under every threshold
        }
        NearCopies near = new NearCopies(synthetic, baseline, NearCopies.HOLDOUT_BASELINE);
        Map<?, ?> p5 = (Map<?, ?>) near.json().get("p5");
        assertEquals(5.95, (Double) p5.get("distance"), 1e-9);
        assertEquals(0.05, (Double) p5.get("baselineShare"), 1e-12, "rows 1..5 lie under 5.95");
        assertEquals(0.5, (Double) p5.get("syntheticShare"), 1e-12);
        double low = AttackRate.wilson(100, 200)[0];
        assertEquals((low - 0.05) / 0.95, (Double) p5.get("excess"), 1e-12);
        Map<?, ?> median = (Map<?, ?>) near.json().get("median");
        assertEquals(0.5, (Double) median.get("baselineShare"), 1e-12);
        assertEquals(0.0, (Double) median.get("excess"), 1e-12, "half under the median is what chance gives");
        assertEquals((low - 0.01) / 0.99, near.excess(), 1e-12, "the largest excess, at p1");
    }

    @Test
    void aRedComponentMakesTheScoreRedWhateverTheOthersSay() {
        Protection calm = Protection.oneSided("privacy.x", 0, 0.1, "x");
        Protection alarm = Protection.oneSided("privacy.y", 0.1, 0.1, "y");
        assertEquals(1.0, calm.protection(), 1e-12);
        assertEquals(Protection.RED_BELOW, alarm.protection(), 1e-12, "the red threshold is protection 0.5");
        assertEquals("red", Protection.oneSided("privacy.y", 0.11, 0.1, "y").finding().level());
        assertEquals("amber", Protection.oneSided("privacy.y", 0.05, 0.1, "y").finding().level());
        assertEquals("green", calm.finding().level());
        Protection auc = new Protection("privacy.auc", 0.2, 0.5, 0.75, true, "auc");
        assertEquals(0.4, auc.protection(), 1e-12, "an inverted attack is as telling");
        assertEquals(0.25, auc.finding().threshold(), 1e-12);
    }

    /** Rows with a number, an address learned as a category, a common plan and a key. */
    private static Frame people(int n, long seed, java.util.function.IntFunction<String> email) {
        Rng rng = new Rng(seed);
        double[] a = new double[n];
        String[] mail = new String[n];
        String[] plan = new String[n];
        String[] key = new String[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian();
            mail[i] = email.apply(i);
            plan[i] = "p" + rng.nextInt(3);
            key[i] = "K" + i;
        }
        return Frame.of(Table.create("t").addColumns(DoubleColumn.create("a", a), StringColumn.create("email", mail),
                StringColumn.create("plan", plan), StringColumn.create("key", key)), PEOPLE);
    }

    static final Schema PEOPLE = Schema.of(ColumnSpec.of("a", ColumnKind.CONTINUOUS),
            ColumnSpec.of("email", ColumnKind.CATEGORICAL), ColumnSpec.of("plan", ColumnKind.CATEGORICAL),
            ColumnSpec.of("key", ColumnKind.IDENTIFIER));

    @Test
    void valuesOnlyOneRealRowHasAreCaughtWhenReplayedInNewRows() {
        // 1,000 training rows, each with its own address except ten shared ones; the holdout shares 50 more
        Frame train = people(1000, 1, i -> i < 20 ? "shared" + i % 10 + "@x.org" : "person" + i + "@x.org");
        Frame holdout = people(500, 2, i -> i < 50 ? "person" + (100 + i) + "@x.org" : "other" + i + "@y.org");
        // new numbers and plans (no row is a copy), but addresses drawn from the training rows
        Rng pick = new Rng(3);
        Frame replaying = people(800, 4, i -> train.strings("email").get(pick.nextInt(1000)));
        Frame fresh = people(800, 4, i -> "user" + i + "@example.com");
        Result r = new PrivacyEvaluator().evaluate(new EvaluationInput(train, holdout, replaying, PEOPLE, Map.of()));
        Result ok = new PrivacyEvaluator().evaluate(new EvaluationInput(train, holdout, fresh, PEOPLE, Map.of()));
        assertEquals(0, r.details().get("exactMatches"));

        Map<?, ?> replay = (Map<?, ?>) r.details().get("uniqueValueReplay");
        Map<?, ?> email = (Map<?, ?>) ((Map<?, ?>) replay.get("columns")).get("email");
        assertEquals(1000 - 20 - 50, email.get("uniqueValues"), "shared and holdout addresses are not one person's");
        int expected = 0;
        Rng again = new Rng(3);
        for (int i = 0; i < 800; i++) {
            int row = again.nextInt(1000);
            expected += row >= 20 && (row < 100 || row >= 150) ? 1 : 0;
        }
        assertEquals(expected, email.get("rows"));
        assertEquals(expected, replay.get("rows"));
        assertEquals(expected / 800.0, (Double) replay.get("share"), 1e-12);
        assertTrue(expected > 700, "most picks are one person's address: " + expected);
        assertEquals(0, ((Map<?, ?>) ((Map<?, ?>) replay.get("columns")).get("plan")).get("uniqueValues"));
        assertTrue(!((Map<?, ?>) replay.get("columns")).containsKey("key"), "identifiers are left out");

        Map<?, ?> none = (Map<?, ?>) ok.details().get("uniqueValueReplay");
        assertEquals(0, none.get("rows"));
        assertTrue(r.score() < ok.score() - 0.1, "replay lowers the score: " + r.score() + " vs " + ok.score());
        // red components among calm ones (no exact copies, no membership leak): the score is red all the same
        assertTrue(red(r).contains("privacy.uniqueValueReplay.share"), red(r).toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> findings = (List<Map<String, Object>>) r.details().get("findings");
        // exact copies and linkability are calm; singling out may read amber here, since an address a person alone
        // has does single that person out (0.05 with one choice of control rows, below 0.05 with another)
        List<String> green = findings.stream().filter(f -> f.get("level").equals("green")).map(f -> (String) f.get("metric")).toList();
        assertTrue(green.containsAll(List.of("privacy.exactMatchExcess", "privacy.linkability.riskLowerBound")),
                "copies and linkability are calm: " + findings);
        assertTrue(r.score() < Protection.RED_BELOW, "score " + r.score());
    }

    @Test
    void rowsIdenticalByChanceAreNotCountedAsCopies() {
        // only two categorical columns are scored (12 combinations): every row is identical to some training row
        Schema few = Schema.of(ColumnSpec.of("c", ColumnKind.CATEGORICAL), ColumnSpec.of("d", ColumnKind.CATEGORICAL));
        java.util.function.LongFunction<Frame> draw = seed -> {
            Frame f = draw(1000, seed);
            return Frame.of(Table.create("t").addColumns(f.strings("c"), f.strings("d")), few);
        };
        Frame train = draw.apply(3);
        for (Frame holdout : new Frame[] {draw.apply(4), null}) {
            Result r = new PrivacyEvaluator().evaluate(new EvaluationInput(train, holdout, draw.apply(5), few, Map.of()));
            assertEquals(1.0, (Double) r.details().get("exactMatchShare"), 0.001);
            assertEquals(1.0, (Double) r.details().get("exactMatchBaseline"), 0.001, "chance explains them");
            assertTrue(r.score() > 0.85, "score " + r.score() + " " + r.details());
        }
        // with a unique number per row, identical rows are copies: the baseline is zero
        Result copied = evaluate(draw(1500, 3), draw(500, 4), draw(1500, 3), Map.of());
        assertEquals(0.0, (Double) copied.details().get("exactMatchBaseline"));
        assertTrue((Double) copied.details().get("exactMatchExcess") > 0.99, copied.details().toString());
        // 300 combinations of two columns over 600 rows: most rows equal another by chance (baseline near 0.85),
        // so five synthetic rows that all equal training rows prove nothing, while 600 such rows would
        Schema pq = Schema.of(ColumnSpec.of("p", ColumnKind.CATEGORICAL), ColumnSpec.of("q", ColumnKind.CATEGORICAL));
        Rng rng = new Rng(11);
        String[] p = new String[600];
        String[] q = new String[600];
        for (int i = 0; i < 600; i++) {
            p[i] = "p" + rng.nextInt(3);
            q[i] = "q" + rng.nextInt(100);
        }
        Frame six = Frame.of(Table.create("t").addColumns(StringColumn.create("p", p), StringColumn.create("q", q)), pq);
        Result five = new PrivacyEvaluator().evaluate(new EvaluationInput(six, null, six.head(5), pq, Map.of()));
        assertEquals(1.0, (Double) five.details().get("exactMatchShare"));
        double baseline = (Double) five.details().get("exactMatchBaseline");
        assertTrue(baseline > 0.7 && baseline < 0.95, "baseline " + baseline);
        assertEquals(0.0, (Double) five.details().get("exactMatchExcess"), "five rows are within chance");
        Result all = new PrivacyEvaluator().evaluate(new EvaluationInput(six, null, six, pq, Map.of()));
        assertTrue((Double) all.details().get("exactMatchExcess") > 0.9, "600 of 600 are not: " + all.details());
    }

    @Test
    void distancesOfALargeSyntheticSetAreSummarisedFromASampleCopiesFromEveryRow() {
        Frame train = draw(1500, 3);
        // 12,000 fresh rows and, at the end, 40 copies of training rows
        Frame syn = Frame.concat(SCHEMA, List.of(draw(11_960, 6), train.head(40)));
        Result r = evaluate(train, null, syn, Map.of());
        assertEquals(40, r.details().get("exactMatches"), "copies are counted over every row");
        Map<?, ?> dcr = (Map<?, ?>) r.details().get("dcr");
        assertEquals(10_000, dcr.get("rows"), "an adult-sized synthetic file is summarised from a sample");
        GowerSpace space = new GowerSpace(train, SCHEMA.columns());
        double[] all = space.nearest(space.points(syn), space.points(train));
        java.util.Arrays.sort(all);
        Map<?, ?> summary = (Map<?, ?>) dcr.get("syntheticToTrain");
        assertEquals(all[all.length / 2], (Double) summary.get("median"), 0.003, "the sample's median is all rows'");
        assertEquals(all[all.length / 20], (Double) summary.get("p5"), 0.003);
    }

    @Test
    void attributeInferenceSeesMemorisedRows() {
        Frame train = draw(1500, 3);
        Frame holdout = draw(1500, 4);
        Map<String, String> options = Map.of("quasi", "a,c", "sensitive", "d");
        Map<?, ?> copied = (Map<?, ?>) evaluate(train, holdout, train, options).details().get("attributeInference");
        Map<?, ?> fresh = (Map<?, ?>) evaluate(train, holdout, draw(1500, 5), options).details().get("attributeInference");
        // d is independent of a and c, so only memorised rows let an attacker beat the holdout-trained baseline.
        assertTrue((Double) copied.get("risk") > 0.9, "copies leak d: " + copied);
        assertEquals(1.0, (Double) copied.get("successRate"), 1e-12, "each target's copy is found at distance 0");
        double[] interval = (double[]) copied.get("riskInterval");
        assertTrue(interval[0] > 0.9 && interval[0] <= (Double) copied.get("risk"), "interval " + interval[0]);
        assertEquals(interval[0], (Double) copied.get(AttackRate.RISK_LOW), 1e-12);
        double c = (Double) copied.get("controlRate");
        assertEquals(((Double) copied.get("successRate") - c) / (1 - c), (Double) copied.get("risk"), 1e-12,
                "Anonymeter's normalised risk");
        assertEquals(List.of("a", "b", "c"), copied.get("auxiliaryColumns"), "the attacker knows every other column");
        assertEquals(0.0, (Double) fresh.get("risk"), 0.05, "fresh draws do not: " + fresh);
    }

    @Test
    void singlingOutAndLinkabilitySeeCopiesNotFreshDraws() {
        Frame train = draw(1500, 3);
        Frame holdout = draw(1500, 4);
        Map<?, ?> copiedSo = (Map<?, ?>) evaluate(train, holdout, train, Map.of()).details().get("singlingOut");
        Map<?, ?> freshSo = (Map<?, ?>) evaluate(train, holdout, draw(1500, 5), Map.of()).details().get("singlingOut");
        assertTrue((Double) copiedSo.get("risk") > 0.5, "a predicate that singles out a copied row singles out the real one: " + copiedSo);
        assertEquals(0.0, (Double) freshSo.get("risk"), 0.1, "fresh draws: " + freshSo);
        double[] ci = (double[]) copiedSo.get("successRateInterval");
        assertTrue(ci[0] <= (Double) copiedSo.get("successRate") && (Double) copiedSo.get("successRate") <= ci[1]);

        Map<?, ?> copiedLink = (Map<?, ?>) evaluate(train, holdout, train, Map.of()).details().get("linkability");
        Map<?, ?> freshLink = (Map<?, ?>) evaluate(train, holdout, draw(1500, 5), Map.of()).details().get("linkability");
        assertTrue((Double) copiedLink.get("risk") > 0.5, "both halves of a copied row point to the same row: " + copiedLink);
        assertEquals(0.0, (Double) freshLink.get("risk"), 0.1, "fresh draws: " + freshLink);
    }

    @Test
    void wilsonIntervalOfKnownCounts() {
        double[] ci = AttackRate.wilson(50, 100);
        assertEquals(0.4038, ci[0], 1e-3);
        assertEquals(0.5962, ci[1], 1e-3);
    }

    @Test
    void kAnonymityAndLDiversityOfAKnownTable() {
        Schema schema = Schema.of(ColumnSpec.of("zip", ColumnKind.CATEGORICAL), ColumnSpec.of("sex", ColumnKind.CATEGORICAL),
                ColumnSpec.of("illness", ColumnKind.CATEGORICAL));
        Frame f = Frame.of(Table.create("t").addColumns(
                StringColumn.create("zip", "10", "10", "10", "20", "20", "30"),
                StringColumn.create("sex", "F", "F", "F", "M", "M", "F"),
                StringColumn.create("illness", "flu", "flu", "cold", "flu", "flu", "cold")), schema);
        Result r = new PrivacyEvaluator().evaluate(new EvaluationInput(f, null, f, schema,
                Map.of("quasi", "zip,sex", "sensitive", "illness")));
        @SuppressWarnings("unchecked")
        Map<String, Object> k = (Map<String, Object>) r.details().get("kAnonymity");
        assertEquals(1, k.get("syntheticK"), "zip 30 / F is alone");
        assertEquals(3, k.get("syntheticGroups"));
        assertEquals(1.0, (Double) k.get("syntheticShareInGroupsUnder5"));
        assertEquals(1, k.get("syntheticL"), "the zip 20 group has only flu");
        assertEquals(List.of("zip", "sex"), k.get("quasiIdentifiers"));
        assertTrue(r.details().get("note").toString().contains("no holdout"));
    }

    @Test
    void aucCountsTiesAsHalf() {
        assertEquals(1.0, PrivacyEvaluator.auc(new double[] {0, 0}, new double[] {1, 2}), 1e-12);
        assertEquals(0.0, PrivacyEvaluator.auc(new double[] {3}, new double[] {1, 2}), 1e-12);
        assertEquals(0.5, PrivacyEvaluator.auc(new double[] {1, 1}, new double[] {1, 1}), 1e-12);
    }
}
