package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.random.Rng;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code --policy baseline} finds the shipped charter; it fails a copy, a copy with every number moved a little and
 * a file shuffled column by column, and passes a Gaussian-copula sample, all without a holdout.
 */
class BaselinePolicyTest {
    private static final int ROWS = 1500;

    @TempDir
    Path dir;

    /** Every number moved a little: ages by one year, amounts by 0.5 %. */
    static Frame moved(Frame f, long seed) {
        Rng rng = new Rng(seed);
        Table t = f.table().copy();
        LongColumn age = t.longColumn("age");
        for (int i = 0; i < t.rowCount(); i++) {
            age.set(i, age.getLong(i) + (rng.nextInt(2) == 0 ? -1 : 1));
            for (String amount : new String[] {"income", "monthly_spend", "savings"}) {
                DoubleColumn c = t.doubleColumn(amount);
                c.set(i, c.getDouble(i) * (rng.nextInt(2) == 0 ? 0.995 : 1.005));
            }
        }
        return Frame.of(t, f.schema());
    }

    /** Each column permuted on its own. */
    static Frame shuffled(Frame f, long seed) {
        Rng rng = new Rng(seed);
        Table t = Table.create("shuffled");
        for (Column<?> c : f.table().columns()) {
            t.addColumns(c.subset(rng.permutation(f.rowCount())).setName(c.name()));
        }
        return Frame.of(t, f.schema());
    }

    @Test
    void theBaselineFailsCopiesAndShuffledFilesAndPassesACopulaSample() throws Exception {
        Frame data = DemoData.customers(ROWS, 5);
        Path real = dir.resolve("real.csv");
        Path moved = dir.resolve("moved.csv");
        Path shuffled = dir.resolve("shuffled.csv");
        try (Engine e = Engine.classpath()) {
            e.write(data, real);
            e.write(moved(data, 9), moved);
            e.write(shuffled(data, 10), shuffled);
        }
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", ROWS, "--seed", 6,
                "--out", syn).code());
        Path report = dir.resolve("report.json");
        String[][] expected = {
                {real.toString(), "FAIL privacy.nearCopies.excess < 0.1"},
                {moved.toString(), "FAIL privacy.nearCopies.excess < 0.1"},
                {shuffled.toString(), "FAIL fidelity.relationships.score >= 0.4"}};
        for (String[] c : expected) {
            Cli r = Cli.run("evaluate", "--real", real, "--synthetic", c[0], "--evaluators", "fidelity,privacy",
                    "--policy", "baseline", "--report", report);
            assertEquals(3, r.code(), c[0] + ": " + r.out() + r.err());
            assertTrue(r.out().contains(c[1]), r.out());
            assertTrue(r.err().contains("warning: "), "red findings are printed: " + r.err());
        }
        Cli sample = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity,privacy",
                "--policy", "baseline", "--report", report);
        assertEquals(0, sample.code(), sample.out() + sample.err());
        assertTrue(sample.out().contains("PASS fidelity.relationships.score >= 0.4"), sample.out());
        for (String line : sample.out().split("\n")) {
            if (line.startsWith("PASS") || line.startsWith("FAIL")) {
                String actual = line.substring(line.indexOf("actual ") + "actual ".length()).trim();
                assertTrue(actual.replace("0.", "").replace(".", "").replaceFirst("^0+", "").length() <= 6,
                        "a value for reading, not 0.9722466204002662: " + line);
            }
        }

        Cli unknown = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--policy", "strictest", "--report", report);
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("--policy strictest: no such file, and tabsynth ships no policy of that name "
                + "(shipped: baseline)"), unknown.err());
    }
}
