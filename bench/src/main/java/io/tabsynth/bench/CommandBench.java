package io.tabsynth.bench;

import io.tabsynth.engine.data.io.TablesawStartup;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What lineage adds to a whole {@code tabsynth sample} command, as a user waits for it: each run is a fresh
 * JVM (same Java, options and class path as this one) that opens the engine with its plugins, loads the
 * model file and samples the rows into a file, either as {@code tabsynth sample} does (digests, signed
 * record, ledger, sidecar) or with the same sampling and atomic write and no lineage at all. The two kinds
 * alternate so that a change in the machine's load falls on both; each is summarised by its median.
 */
public final class CommandBench {
    private static final String WITH = "lineage";
    private static final String WITHOUT = "plain";

    /**
     * Measured figures.
     *
     * @param runs       fresh JVMs of each kind
     * @param rows       rows each sampled
     * @param with       median wall time of a run with lineage, seconds (JVM start-up included)
     * @param without    median wall time of a run without lineage, seconds
     * @param withCpu    median CPU time of a run with lineage, seconds, all threads (JIT and GC included)
     * @param withoutCpu median CPU time of a run without lineage, seconds
     */
    public record Result(int runs, long rows, double with, double without, double withCpu, double withoutCpu) {
        /** The share of a run's time that lineage adds. */
        public double overhead() {
            return (with - without) / without;
        }

        /** The figures as one line of the bench table. */
        public String line() {
            return String.format(Locale.ROOT, "command       fresh JVM loading the model and sampling %,d rows (median of %d"
                    + " each): %.3f s with lineage, %.3f s without: lineage adds %.1f %% (CPU %.2f s against %.2f s)%n",
                    rows, runs, with, without, 100 * overhead(), withCpu, withoutCpu);
        }
    }

    private CommandBench() {
    }

    /**
     * Saves the model to a temporary folder and times {@code runs} fresh JVMs of each kind sampling {@code rows}
     * rows from it (plugins from {@code plugins}, null for the class path alone); the runs record into their
     * own ledger in that folder, which is removed afterwards.
     */
    public static Result run(Engine engine, FittedModel model, long rows, long seed, Path plugins, int runs) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tabsynth-command-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Path file = dir.resolve("bench.model");
            engine.save(model, file);
            List<FreshJvm.Timing> with = new ArrayList<>();
            List<FreshJvm.Timing> without = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                without.add(child(WITHOUT, file, rows, seed, plugins, dir));
                with.add(child(WITH, file, rows, seed, plugins, dir));
            }
            return new Result(runs, rows, FreshJvm.median(with, FreshJvm.Timing::wall),
                    FreshJvm.median(without, FreshJvm.Timing::wall), FreshJvm.median(with, FreshJvm.Timing::cpu),
                    FreshJvm.median(without, FreshJvm.Timing::cpu));
        } finally {
            EndToEndBench.deleteTree(dir);
        }
    }

    /** One fresh JVM sampling as {@code kind} says: its wall and CPU time. */
    private static FreshJvm.Timing child(String kind, Path model, long rows, long seed, Path plugins, Path dir) {
        return FreshJvm.run(CommandBench.class, List.of(kind, model.toString(), Long.toString(rows), Long.toString(seed),
                plugins == null ? "" : plugins.toString(), dir.resolve(kind + "-sample.csv").toString(),
                dir.resolve("ledger.jsonl").toString()), dir.resolve(kind + ".log"));
    }

    /**
     * A run: {@code KIND MODEL ROWS SEED PLUGINS OUT LEDGER}, KIND {@code lineage} or {@code plain}, PLUGINS
     * empty for none.
     */
    public static void main(String[] args) {
        TablesawStartup.loadTableClass(); // as the tabsynth command does
        String kind = args[0];
        Path plugins = args[4].isEmpty() ? null : Path.of(args[4]);
        Path out = Path.of(args[5]);
        try (Engine engine = Engine.open(plugins, true, Lineage.standard(Path.of(args[6])))) {
            FittedModel model = engine.load(Path.of(args[1]));
            long rows = Long.parseLong(args[2]);
            long seed = Long.parseLong(args[3]);
            if (kind.equals(WITH)) {
                engine.sample(model, rows, seed, out, Progress.NONE);
            } else {
                EndToEndBench.writeWithoutLineage(engine, model, rows, seed, out);
            }
        }
        FreshJvm.reportCpu();
    }
}
