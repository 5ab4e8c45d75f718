package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tabsynth} launcher script, run against a stand-in Java that records how it was called: the Java of
 * {@code JAVA_HOME} (or of the PATH) runs every step, the options every launch needs are there, the compiler
 * tuning only when asked for, and the core-count decisions agree with the cores Java itself sees (which honours
 * a container's CPU quota). A distribution marker newer than any source keeps the script from building.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("..", "tabsynth");
    private static final String MAIN = "io.tabsynth.shell.Tabsynth";
    private static final String END_OF_CALL = "--end of call--";
    private static final long SECONDS = 60;
    /** Records the environment the launcher decides on, then one argument per line; makes the archive it is asked for. */
    private static final String FAKE_JAVA = """
            #!/bin/sh
            calls="$(dirname "$0")/../calls"
            echo "OMP_NUM_THREADS=${OMP_NUM_THREADS:-}" >> "$calls"
            for a in "$@"; do
              echo "$a" >> "$calls"
              case "$a" in -Xshare:dump) dump=1 ;; -XX:SharedArchiveFile=*) archive="${a#*=}" ;; esac
            done
            if [ -n "${dump:-}" ]; then : > "$archive"; fi
            echo "%s" >> "$calls"
            """.formatted(END_OF_CALL);

    @TempDir
    Path root;
    private Path jdk;

    private record Run(int exit, String stderr, List<List<String>> calls) {
        List<String> last() {
            return calls.get(calls.size() - 1);
        }
    }

    @BeforeEach
    void layOut() throws IOException {
        if (System.getProperty("os.name").startsWith("Windows")) {
            System.out.println("LauncherTest skipped: the launcher is a bash script");
            Assumptions.abort("no bash launcher on Windows");
        }
        Path script = root.resolve("tabsynth");
        Files.copy(LAUNCHER, script, StandardCopyOption.COPY_ATTRIBUTES);
        Path dist = Files.createDirectories(root.resolve("shell/target/tabsynth"));
        Files.writeString(dist.resolve(".built"), "");
        jdk = root.resolve("jdk");
        Path java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, FAKE_JAVA);
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
    }

    private Run launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("tabsynth").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        Path stderr = root.resolve("stderr");
        pb.redirectError(stderr.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        for (String name : List.of("JAVA_HOME", "OMP_NUM_THREADS", "TABSYNTH_JIT", "TABSYNTH_JAVA_OPTS", "TABSYNTH_CDS")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(SECONDS, TimeUnit.SECONDS), "the launcher finished");
        Path record = jdk.resolve("calls");
        List<List<String>> calls = new ArrayList<>();
        if (Files.exists(record)) {
            List<String> call = new ArrayList<>();
            for (String line : Files.readAllLines(record, StandardCharsets.UTF_8)) {
                if (line.equals(END_OF_CALL)) {
                    calls.add(call);
                    call = new ArrayList<>();
                } else {
                    call.add(line);
                }
            }
            Files.delete(record);
        }
        return new Run(p.exitValue(), Files.readString(stderr, StandardCharsets.UTF_8), calls);
    }

    @Test
    void theJavaOfJavaHomeRunsTheCommandWithTheOptionsEveryLaunchNeedsAndNoCompilerTuning() throws Exception {
        Run run = launch(Map.of("JAVA_HOME", jdk.toString(), "TABSYNTH_CDS", "off", "TABSYNTH_JAVA_OPTS", "-Xmx3g"),
                "sample", "--rows", "5");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(1, run.calls().size(), "one launch of the stand-in Java");
        List<String> args = run.last();
        assertEquals(List.of(MAIN, "sample", "--rows", "5"), args.subList(args.size() - 4, args.size()), "the command as given");
        for (String needed : List.of("--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx3g", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow")) {
            assertTrue(args.contains(needed), needed + " in " + args);
        }
        assertFalse(args.stream().anyMatch(a -> a.contains("Tier4") || a.contains("CompileThresholdScaling")),
                "the compilers keep their defaults: " + args);

        boolean fewCores = Runtime.getRuntime().availableProcessors() <= 2;
        assertEquals(fewCores ? "OMP_NUM_THREADS=1" : "OMP_NUM_THREADS=", args.get(0),
                "one OpenMP thread exactly when Java sees two cores or fewer");
        assertEquals(fewCores, args.contains("-XX:+UseSerialGC"), "the serial collector exactly when Java sees two cores or fewer");
    }

    @Test
    void theCompilerTuningIsThereWhenAskedFor() throws Exception {
        Run run = launch(Map.of("JAVA_HOME", jdk.toString(), "TABSYNTH_CDS", "off", "TABSYNTH_JIT", "short"), "--version");
        assertEquals(0, run.exit(), run.stderr());
        List<String> args = run.last();
        assertTrue(args.contains("-XX:CompileCommand=CompileThresholdScaling,sun.security.provider.*::*,0.01"), args.toString());
        assertTrue(args.contains("-XX:Tier4InvocationThreshold=15000") && args.contains("-XX:Tier4BackEdgeThreshold=120000"),
                args.toString());
    }

    @Test
    void evaluateRunsWithTheQuickCompilerAloneUnlessTheJitIsChosen() throws Exception {
        String quick = "-XX:TieredStopAtLevel=1";
        Map<String, String> plain = Map.of("JAVA_HOME", jdk.toString(), "TABSYNTH_CDS", "off");
        List<String> evaluate = launch(plain, "evaluate", "--real", "r.csv").last();
        assertTrue(evaluate.contains(quick), "evaluate: " + evaluate);
        List<String> sample = launch(plain, "sample", "--rows", "5").last();
        assertFalse(sample.contains(quick), "other commands keep both compilers: " + sample);
        assertTrue(sample.contains("-Dtabsynth.evaluateJvmOptions=" + quick), "the bench learns evaluate's option: " + sample);

        Map<String, String> full = Map.of("JAVA_HOME", jdk.toString(), "TABSYNTH_CDS", "off", "TABSYNTH_JIT", "full");
        List<String> both = launch(full, "evaluate", "--real", "r.csv").last();
        assertFalse(both.contains(quick), "TABSYNTH_JIT=full keeps both compilers: " + both);
        assertTrue(both.contains("-Dtabsynth.evaluateJvmOptions="), both.toString());

        Path large = root.resolve("large.csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
            f.setLength(257L * 1024 * 1024); // sparse: no disk used
        }
        List<String> big = launch(plain, "evaluate", "--real=" + large, "--synthetic", large.toString()).last();
        assertFalse(big.contains(quick), "large input files keep both compilers: " + big);
    }

    @Test
    void theClassDataSharingArchiveIsMadeAndUsedWithTheSameJava() throws Exception {
        Run run = launch(Map.of("JAVA_HOME", jdk.toString()), "--version");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(4, run.calls().size(),
                "listing the classes, dumping the archive, trying it, then the command, all with JAVA_HOME's Java");
        assertTrue(run.calls().get(0).stream().anyMatch(a -> a.startsWith("-XX:DumpLoadedClassList=")), run.calls().get(0).toString());
        assertTrue(run.calls().get(1).contains("-Xshare:dump")
                && run.calls().get(1).stream().anyMatch(a -> a.startsWith("-XX:SharedClassListFile=")), run.calls().get(1).toString());
        assertTrue(run.calls().get(2).contains("-Xshare:on"), run.calls().get(2).toString());
        assertTrue(run.last().stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=") && a.endsWith(".jsa")), run.last().toString());

        Run again = launch(Map.of("JAVA_HOME", jdk.toString()), "--version");
        assertEquals(1, again.calls().size(), "the archive is made once");
    }

    @Test
    void withoutJavaHomeTheJavaOnThePathRuns() throws Exception {
        String path = jdk.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        Run run = launch(Map.of("PATH", path, "TABSYNTH_CDS", "off"), "--version");
        assertEquals(0, run.exit(), run.stderr());
        assertEquals(1, run.calls().size());
        assertEquals(List.of(MAIN, "--version"), run.last().subList(run.last().size() - 2, run.last().size()));
    }

    @Test
    void theCommandsSuggestedNextNameTheLauncherAsTheUserStartedIt() throws Exception {
        Run run = launch(Map.of("JAVA_HOME", jdk.toString(), "TABSYNTH_CDS", "off"), "--version");
        assertEquals(0, run.exit(), run.stderr());
        assertTrue(run.last().contains("-Dtabsynth.command=" + root.resolve("tabsynth")), run.last().toString());
    }

    @Test
    void aJavaHomeWithoutJavaIsNamedAndNothingRuns() throws Exception {
        Path empty = Files.createDirectory(root.resolve("not-a-jdk"));
        Run run = launch(Map.of("JAVA_HOME", empty.toString()), "--version");
        assertEquals(2, run.exit());
        assertTrue(run.stderr().contains("JAVA_HOME is " + empty) && run.stderr().contains("bin/java"), run.stderr());
        assertTrue(run.calls().isEmpty());
    }
}
