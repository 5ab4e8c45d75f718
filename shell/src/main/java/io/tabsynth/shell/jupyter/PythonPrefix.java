package io.tabsynth.shell.jupyter;

import io.tabsynth.spi.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The prefix ({@code sys.prefix}) of the python3 on the PATH: where {@code --sys-prefix} installs. */
final class PythonPrefix {
    /** How long python3 may take to say its prefix. */
    static final long TIMEOUT_SECONDS = 30;

    private PythonPrefix() {
    }

    static Path find() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix)").redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BadInputException("--sys-prefix: python3 did not say its prefix within " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || text.isEmpty()) {
                throw new BadInputException("--sys-prefix: python3 could not say its prefix: " + text);
            }
            return Path.of(text);
        } catch (IOException e) {
            throw new BadInputException("--sys-prefix needs python3 on the PATH (the Python Jupyter runs in); use --user or --prefix DIR");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadInputException("--sys-prefix: interrupted while asking python3 for its prefix");
        }
    }
}
