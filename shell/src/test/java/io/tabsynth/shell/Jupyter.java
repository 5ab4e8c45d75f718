package io.tabsynth.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Finds Jupyter's Python tools on this machine for the tests that use them, and runs them. */
final class Jupyter {
    /** Where Debian's packages put the Python that has them (a pyenv or venv python3 on the PATH may not). */
    static final List<String> PYTHONS = List.of("python3", "/usr/bin/python3");
    /** The longest a Python tool may run in a test. */
    static final long TIMEOUT_MINUTES = 20;

    record Result(int code, String output) {
    }

    private Jupyter() {
    }

    /** The first python3 that can import all of {@code modules}, or {@code null}. */
    static String pythonWith(String... modules) {
        for (String p : PYTHONS) {
            try {
                if (run(List.of(p, "-c", "import " + String.join(", ", modules)), null, Map.of()).code() == 0) {
                    return p;
                }
            } catch (IOException e) {
                // not this one
            }
        }
        return null;
    }

    static Result run(List<String> command, Path directory, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        pb.environment().putAll(env);
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Path log = Files.createTempFile("jupyter", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
