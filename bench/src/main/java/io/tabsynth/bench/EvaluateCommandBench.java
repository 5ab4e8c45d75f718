package io.tabsynth.bench;

import io.tabsynth.engine.data.io.TablesawStartup;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.EvaluateRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A whole {@code tabsynth evaluate} as a user waits for it: each run is a fresh JVM that opens the engine with its
 * plugins, reads the real, holdout and synthetic files, runs every installed evaluator, writes the report and
 * records the step in a ledger of its own, JVM start-up included. Summarised by the median and the fastest run.
 */
public final class EvaluateCommandBench {
    /**
     * Measured figures.
     *
     * @param runs    fresh JVMs
     * @param wall    median wall time of a run, seconds
     * @param fastest the fastest run's wall time, seconds
     * @param cpu     median CPU time of a run, seconds, all threads
     * @param cores   processors the JVM saw
     * @param load    the one-minute load average when the runs ended (NaN where the system does not say)
     */
    public record Result(int runs, double wall, double fastest, double cpu, int cores, double load) {
        /** The figures as one line of the bench table. */
        public String line() {
            return String.format(Locale.ROOT, "evaluate      fresh JVM running every evaluator and writing the report "
                    + "(median of %d): %.2f s wall (fastest %.2f s), %.2f s CPU; %d cores, load average %.2f%n",
                    runs, wall, fastest, cpu, cores, load);
        }
    }

    /** The system property in which the launcher names the JVM options it gives {@code tabsynth evaluate}. */
    static final String LAUNCHER_OPTIONS = "tabsynth.evaluateJvmOptions";

    private EvaluateCommandBench() {
    }

    /**
     * Times {@code runs} fresh JVMs evaluating {@code synthetic} against {@code real} (and {@code holdout}, may be
     * null) with the evaluator options; plugins from {@code plugins}, null for the class path alone.
     */
    public static Result run(Path real, Path holdout, Path synthetic, Map<String, String> options, Path plugins, int runs) {
        Path dir;
        try {
            dir = Files.createTempDirectory("tabsynth-evaluate-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<String> args = new ArrayList<>(List.of(plugins == null ? "" : plugins.toString(),
                    dir.resolve("ledger.jsonl").toString(), dir.resolve("report.json").toString(), real.toString(),
                    holdout == null ? "" : holdout.toString(), synthetic.toString()));
            options.forEach((k, v) -> args.add(k + "=" + v));
            List<FreshJvm.Timing> timings = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                timings.add(FreshJvm.run(EvaluateCommandBench.class, launcherOptions(), args, dir.resolve("evaluate.log")));
            }
            double fastest = timings.stream().mapToDouble(FreshJvm.Timing::wall).min().orElse(Double.NaN);
            return new Result(runs, FreshJvm.median(timings, FreshJvm.Timing::wall), fastest,
                    FreshJvm.median(timings, FreshJvm.Timing::cpu), Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            EndToEndBench.deleteTree(dir);
        }
    }

    /**
     * The JVM options the launcher gives an evaluate command (its {@value #LAUNCHER_OPTIONS} property, options
     * separated by spaces; none when the bench was not started by the launcher), so that each run is timed as
     * {@code tabsynth evaluate} runs.
     */
    static List<String> launcherOptions() {
        String given = System.getProperty(LAUNCHER_OPTIONS, "").strip();
        return given.isEmpty() ? List.of() : List.of(given.split(" +"));
    }

    /** A run: {@code PLUGINS LEDGER REPORT REAL HOLDOUT SYNTHETIC [key=value ...]}, PLUGINS and HOLDOUT empty for none. */
    public static void main(String[] args) {
        TablesawStartup.loadTableClass(); // as the tabsynth command does
        Path plugins = args[0].isEmpty() ? null : Path.of(args[0]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 6; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        try (Engine engine = Engine.open(plugins, true, Lineage.standard(Path.of(args[1])))) {
            engine.evaluate(new EvaluateRequest(Path.of(args[3]), args[4].isEmpty() ? null : Path.of(args[4]),
                    Path.of(args[5]), null, List.of(), options, null, Path.of(args[2]), null));
        }
        FreshJvm.reportCpu();
    }
}
