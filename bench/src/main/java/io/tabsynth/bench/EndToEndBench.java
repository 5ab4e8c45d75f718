package io.tabsynth.bench;

import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end benchmark behind {@code tabsynth bench}: read a data file, fit a generator, sample rows and
 * write them, reporting wall-clock seconds for each step and the peak heap used. The first run of each step
 * is reported apart ("cold", including JIT warm-up) from the median of the repeats ("warm").
 */
public final class EndToEndBench {
    /**
     * Measured figures.
     *
     * @param data        the data file
     * @param rows        its rows
     * @param columns     its columns
     * @param generator   generator id
     * @param readSeconds time to read the data file
     * @param fitCold     first fit, seconds
     * @param fitWarm     median of the repeated fits, seconds
     * @param sampleRows  rows sampled and written per run
     * @param output      where they were written
     * @param sampleCold  first sample-and-write, seconds
     * @param sampleWarm  median of the repeated sample-and-writes, seconds
     * @param plainWarm   median of the same sample-and-writes without lineage (no digests, no record), each run
     *                    right after one with lineage, seconds
     * @param outputBytes size of the written file
     * @param peakHeap    highest heap use seen during the run, bytes
     * @param training    the model's notes on its fit (CTGAN: encoding and epoch times, losses)
     * @param model       the model fitted last, for further measurements
     */
    public record Result(Path data, int rows, int columns, String generator, double readSeconds, double fitCold,
                         double fitWarm, long sampleRows, Path output, double sampleCold, double sampleWarm,
                         double plainWarm, long outputBytes, long peakHeap, Map<String, String> training,
                         FittedModel model) {
        /** The figures as a readable table. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "data          %s (%,d rows x %d columns), read in %.3f s%n", data,
                    rows, columns, readSeconds));
            sb.append(String.format(Locale.ROOT, "machine       %d processors, Java %s, max heap %,d MiB%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    Runtime.getRuntime().maxMemory() >> 20));
            sb.append(String.format(Locale.ROOT, "fit           %s: %s%n", generator, coldAndWarm(fitCold, fitWarm)));
            training.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-11s %s%n", k, v)));
            sb.append(String.format(Locale.ROOT, "sample+write  %,d rows to %s: %s (%,.0f rows/s), %,d bytes%n",
                    sampleRows, output.getFileName(), coldAndWarm(sampleCold, sampleWarm),
                    sampleRows / (Double.isNaN(sampleWarm) ? sampleCold : sampleWarm), outputBytes));
            sb.append(Double.isNaN(plainWarm) ? String.format(Locale.ROOT, "lineage       not measured (it needs warm runs: --repeat 1 or more)%n")
                    : String.format(Locale.ROOT, "lineage       %.3f s warm without lineage: signing, digests and "
                    + "records add %.1f %%%n", plainWarm, 100 * (sampleWarm - plainWarm) / plainWarm));
            sb.append(String.format(Locale.ROOT, "peak heap     %,d MiB%n", peakHeap >> 20));
            return sb.toString();
        }
    }

    private EndToEndBench() {
    }

    /**
     * Runs the benchmark. {@code repeats} warm runs follow the cold one for fit and for sampling; the output
     * file is written to {@code output} each time (atomically, as {@code tabsynth sample} does).
     */
    public static Result run(Engine engine, Path data, Path metadata, String generator, Map<String, String> params,
                             long seed, long rows, int repeats, Path output) {
        HeapWatch heap = HeapWatch.start();
        try {
            long t0 = System.nanoTime();
            Frame frame = engine.read(data, metadata);
            double read = seconds(t0);
            List<Double> fits = new ArrayList<>();
            FittedModel model = null;
            for (int i = 0; i <= repeats; i++) {
                long t = System.nanoTime();
                model = engine.fit(frame, generator, params, seed, Progress.NONE);
                fits.add(seconds(t));
            }
            // with and without lineage in turn, so that the JIT's warming up and the machine's drift fall on both
            List<Double> samples = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            Path bare = output.resolveSibling("plain-" + output.getFileName());
            for (int i = 0; i <= repeats; i++) {
                long t = System.nanoTime();
                engine.sample(model, rows, seed, output, Progress.NONE);
                samples.add(seconds(t));
                t = System.nanoTime();
                writeWithoutLineage(engine, model, rows, seed, bare);
                plain.add(seconds(t));
            }
            try {
                Files.deleteIfExists(bare);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            long bytes;
            try {
                bytes = Files.size(output);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Result(data, frame.rowCount(), frame.columnCount(), generator, read, fits.get(0),
                    median(fits.subList(1, fits.size())), rows, output, samples.get(0),
                    median(samples.subList(1, samples.size())), median(plain.subList(1, plain.size())), bytes,
                    heap.stop(), facts(model), model);
        } finally {
            heap.stop();
        }
    }

    /**
     * Times each evaluator on the given files: the first run (cold) and the median of the repeats (warm).
     * Reading the files is not included. Returns one line per evaluator.
     */
    public static String evaluation(Engine engine, Path real, Path holdout, Path synthetic, Map<String, String> options,
                                    int repeats) {
        Frame r = engine.read(real, null);
        io.tabsynth.engine.data.io.Metadata like = io.tabsynth.engine.data.io.Metadata.of(r.schema(),
                io.tabsynth.spi.data.MissingValues.DEFAULT);
        Frame s = io.tabsynth.engine.data.io.FrameReader.read(synthetic, like);
        Frame h = holdout == null ? null : io.tabsynth.engine.data.io.FrameReader.read(holdout, like);
        io.tabsynth.spi.EvaluationInput input = new io.tabsynth.spi.EvaluationInput(r, h, s, r.schema(), options);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "evaluation    real %,d rows, synthetic %,d rows%s%n",
                r.rowCount(), s.rowCount(), h == null ? "" : String.format(Locale.ROOT, ", holdout %,d rows", h.rowCount())));
        for (io.tabsynth.spi.Evaluator e : engine.evaluators()) {
            List<Double> times = new ArrayList<>();
            double score = 0;
            for (int i = 0; i <= repeats; i++) {
                long t = System.nanoTime();
                Double sc = e.evaluate(input).score();
                times.add(seconds(t));
                score = sc == null ? Double.NaN : sc;
            }
            sb.append(String.format(Locale.ROOT, "  %-10s  %s, score %.4f%n", e.id(),
                    coldAndWarm(times.get(0), median(times.subList(1, times.size()))), score));
        }
        return sb.toString();
    }

    /** The same sampling and atomic write as {@link Engine#sample}, minus every lineage step. */
    static void writeWithoutLineage(Engine engine, FittedModel model, long rows, long seed, Path out) {
        io.tabsynth.spi.Exporter exporter = engine.exporterFor(out);
        try (io.tabsynth.spi.FrameStream stream = model.sample(rows, seed)) {
            io.tabsynth.spi.io.AtomicFile.write(out, tmp -> {
                try (io.tabsynth.spi.FrameWriter w = exporter.open(tmp, stream.schema())) {
                    while (stream.hasNext()) {
                        w.write(stream.next());
                    }
                }
            });
        }
    }

    /** The model's own notes on its fit (descriptions keyed in parentheses, e.g. CTGAN's training times). */
    private static Map<String, String> facts(FittedModel model) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        model.model().describeColumns().forEach((k, v) -> {
            if (k.startsWith("(")) {
                m.put(k, v);
            }
        });
        return m;
    }

    /** "1.234 s cold, 0.567 s warm (median)", or the cold time alone when there were no warm runs ({@code --repeat 0}). */
    static String coldAndWarm(double cold, double warm) {
        return Double.isNaN(warm) ? String.format(Locale.ROOT, "%.3f s cold (no warm runs)", cold)
                : String.format(Locale.ROOT, "%.3f s cold, %.3f s warm (median)", cold, warm);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double[] v = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** Removes a folder the bench made, with everything in it. */
    public static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
