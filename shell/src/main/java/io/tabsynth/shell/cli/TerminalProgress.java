package io.tabsynth.shell.cli;

import io.tabsynth.spi.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error, drawn only when a person is watching (a console is attached);
 * otherwise silent, so logs and pipes stay clean. Redraws at most ten times a second.
 */
public final class TerminalProgress implements Progress {
    private final PrintStream err;
    private final boolean enabled;
    private String task = "";
    private String note = "";
    private long total;
    private long done;
    private long lastDraw;
    private long started;

    private TerminalProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** A bar when a console is attached, silence otherwise. */
    public static Progress forConsole() {
        return System.console() != null ? new TerminalProgress(System.err, true) : Progress.NONE;
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.done = 0;
        this.note = "";
        this.started = System.nanoTime();
        draw(true);
    }

    @Override
    public synchronized void advance(long n) {
        done += n;
        draw(false);
    }

    @Override
    public synchronized void status(String text) {
        this.note = text == null ? "" : text;
        draw(false);
    }

    @Override
    public synchronized void finish() {
        draw(true);
        if (enabled) {
            err.print("\r\033[2K");
            err.flush();
        }
    }

    private void draw(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        double secs = (now - started) / 1e9;
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * done / total);
            err.printf(Locale.ROOT, "\r\033[2K[%s%s] %3d%% %s %,d/%,d %.1fs%s", "#".repeat(filled),
                    " ".repeat(width - filled), 100 * done / total, task, done, total, secs,
                    note.isEmpty() ? "" : "  " + note);
        } else {
            err.printf(Locale.ROOT, "\r%s %,d %.1fs", task, done, secs);
        }
        err.flush();
    }
}
