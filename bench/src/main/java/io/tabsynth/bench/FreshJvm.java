package io.tabsynth.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A command as a user waits for it: a fresh JVM with this one's Java, options and class path (so the launcher's
 * flags and class-data sharing archive apply) runs a main class, timed from its start to its exit. The child prints
 * the CPU time its process used last ({@link #reportCpu}), all threads, JIT and garbage collection included.
 */
final class FreshJvm {
    /** What the child prints last: the CPU time its process used, seconds. */
    private static final String CPU = "process cpu seconds: ";

    /** One child's wall and CPU time, seconds. */
    record Timing(double wall, double cpu) {
    }

    private FreshJvm() {
    }

    /** Runs {@code main} with {@code args} in a fresh JVM, its output in {@code log}; fails with that output unless it exits 0. */
    static Timing run(Class<?> main, List<String> args, Path log) {
        return run(main, List.of(), args, log);
    }

    /**
     * As {@link #run(Class, List, Path)}, with JVM options added after this JVM's own (the launcher gives some
     * commands options of their own, such as evaluate's compiler choice).
     */
    static Timing run(Class<?> main, List<String> jvmOptions, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-XX:FlightRecorderOptions")
                    && !arg.startsWith("-agentlib") && !arg.startsWith("-javaagent")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        File out = log.toFile();
        try {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out).start();
            int rc = p.waitFor();
            double seconds = (System.nanoTime() - t) / 1e9;
            String output = Files.readString(log);
            if (rc != 0) {
                throw new IllegalStateException("the " + main.getSimpleName() + " run exited with " + rc + ": " + output.strip());
            }
            int at = output.lastIndexOf(CPU);
            if (at < 0) {
                throw new IllegalStateException("the " + main.getSimpleName() + " run did not report its CPU time: " + output.strip());
            }
            return new Timing(seconds, Double.parseDouble(output.substring(at + CPU.length()).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Printed by the child as its last line. */
    static void reportCpu() {
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.println(CPU + String.format(Locale.ROOT, "%.3f", cpu / 1e9));
    }

    /** The median of one part of the timings. */
    static double median(List<Timing> timings, java.util.function.ToDoubleFunction<Timing> part) {
        List<Double> xs = new ArrayList<>();
        timings.forEach(t -> xs.add(part.applyAsDouble(t)));
        return EndToEndBench.median(xs);
    }
}
