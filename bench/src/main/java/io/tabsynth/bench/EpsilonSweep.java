package io.tabsynth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.Evaluator;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.Result;
import io.tabsynth.spi.chart.BarChart;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ε sweep behind {@code tabsynth bench --epsilons}: fits a differentially private generator (any, by id: its
 * {@code epsilon} parameter is set) at each ε on a real file, samples as many rows as the file has, and evaluates
 * the sample against a holdout with the fidelity, utility (on the target) and privacy evaluators. Each point
 * records what the fit was given: bounds and categories paid from the budget, or declared public by the metadata
 * file the data was read with.
 */
public final class EpsilonSweep {
    static final String EPSILON = "epsilon";
    private static final List<String> EVALUATORS = List.of("fidelity", "utility", "privacy");

    /**
     * One fit's figures.
     *
     * @param domains        {@code paid} or {@code declared} (the metadata file declares some domain public)
     * @param fitWall        the fit's wall-clock seconds (in this JVM: no start-up)
     * @param fitCpu         the process's CPU seconds during the fit (user + system, all threads)
     * @param f1             TSTR F1 of the target's positive class, mean of the utility evaluator's models
     * @param f1Boosting     the gradient-boosting model's
     * @param membershipAuc  the membership-inference attack's AUC
     * @param singlingOut    the singling-out attack's risk
     * @param linkability    the linkability attack's risk
     * @param exactCopies    synthetic rows that are exact copies of training rows
     */
    public record Point(String generator, String domains, double epsilon, double quality, double f1,
                        double f1Boosting, double fitWall, double fitCpu, double privacyScore, double membershipAuc,
                        double singlingOut, double linkability, long exactCopies) {
    }

    private EpsilonSweep() {
    }

    /**
     * Runs the sweep. {@code declared} says whether {@code metadata} declares domains public (for the record);
     * the sample files go to {@code work}.
     */
    public static List<Point> run(Engine engine, Path data, Path metadata, boolean declared, Path holdout,
                                  String generator, Map<String, String> params, List<Double> epsilons, String target,
                                  long seed, Path work) {
        Frame real = engine.read(data, metadata);
        Metadata like = Metadata.of(real.schema(), MissingValues.DEFAULT);
        Frame hold = FrameReader.read(holdout, like);
        List<Point> points = new ArrayList<>();
        for (double epsilon : epsilons) {
            Map<String, String> p = new LinkedHashMap<>(params);
            p.put(EPSILON, Double.toString(epsilon));
            long cpu = processCpuNanos();
            long t = System.nanoTime();
            FittedModel model = engine.fit(real, generator, p, seed, Progress.NONE);
            double wall = (System.nanoTime() - t) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
            Path sample = work.resolve(generator + "-" + (declared ? "declared" : "paid") + "-eps" + epsilon + ".csv");
            engine.sample(model, real.rowCount(), seed, sample, Progress.NONE);
            Frame synthetic = FrameReader.read(sample, like);
            EvaluationInput input = new EvaluationInput(real, hold, synthetic, real.schema(), Map.of("target", target));
            Map<String, Result> results = new LinkedHashMap<>();
            for (String id : EVALUATORS) {
                Evaluator e = engine.evaluator(id);
                results.put(id, e.evaluate(input));
            }
            Map<String, Object> utility = results.get("utility").details();
            Map<String, Object> privacy = results.get("privacy").details();
            points.add(new Point(generator, declared ? "declared" : "paid", epsilon, results.get("fidelity").score(),
                    number(utility, "syntheticF1"), number(utility, "models", "gradientBoosting", "syntheticF1"),
                    wall, cpuSeconds, results.get("privacy").score(), number(privacy, "membershipInferenceAuc"),
                    number(privacy, "singlingOut", "risk"), number(privacy, "linkability", "risk"),
                    (long) number(privacy, "exactMatches")));
        }
        return points;
    }

    /** A number in nested result details, NaN where it is absent. */
    static double number(Map<String, Object> details, String... path) {
        Object o = details;
        for (String key : path) {
            if (!(o instanceof Map<?, ?> m)) {
                return Double.NaN;
            }
            o = m.get(key);
        }
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** The points as a markdown table. */
    public static String markdown(List<Point> points) {
        StringBuilder sb = new StringBuilder("| generator | domains | ε | quality | TSTR F1 (mean; gradient boosting) "
                + "| fit wall / CPU (s) | privacy score | membership AUC | singling-out risk | linkability risk "
                + "| exact copies |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Point p : points) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.3f; %.3f | %.1f / %.1f | %.3f | %.3f "
                            + "| %.3f | %.3f | %d |%n", p.generator(), p.domains(), trimmed(p.epsilon()), p.quality(),
                    p.f1(), p.f1Boosting(), p.fitWall(), p.fitCpu(), p.privacyScore(), p.membershipAuc(),
                    p.singlingOut(), p.linkability(), p.exactCopies()));
        }
        return sb.toString();
    }

    private static String trimmed(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * Quality and TSTR F1 against ε as grouped bars, one group per ε, drawn by the chart the HTML report draws
     * ({@link BarChart}).
     */
    public static String svg(List<Point> points, String title) {
        List<String> labels = points.stream().map(p -> trimmed(p.epsilon())).toList();
        return new BarChart(title, "epsilon", labels)
                .add("quality", points.stream().map(Point::quality).toList())
                .add("TSTR F1", points.stream().map(Point::f1).toList()).svg();
    }

    /** Writes {@code prefix}.md, {@code prefix}.json and {@code prefix}.svg (with the chart's title). */
    public static void write(List<Point> points, Path prefix, String title) {
        ObjectMapper mapper = JsonOutput.mapper();
        try {
            Files.writeString(prefix.resolveSibling(prefix.getFileName() + ".svg"), svg(points, title) + "\n");
            Files.writeString(prefix.resolveSibling(prefix.getFileName() + ".md"), markdown(points));
            mapper.writerWithDefaultPrettyPrinter().writeValue(
                    prefix.resolveSibling(prefix.getFileName() + ".json").toFile(), points);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
