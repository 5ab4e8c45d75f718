package io.tabsynth.shell.workbench;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** Routes what scripts print to {@code System.out} and {@code System.err} into the command's writers. */
public final class Streams implements AutoCloseable {
    private final PrintStream savedOut = System.out;
    private final PrintStream savedErr = System.err;
    private final PrintStream out;
    private final PrintStream err;

    /** Redirects the standard streams to the writers until {@link #close()}. */
    public Streams(PrintWriter out, PrintWriter err) {
        this.out = stream(out);
        this.err = stream(err);
        System.setOut(this.out);
        System.setErr(this.err);
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** A print stream that writes whole lines (and anything left at flush) into a writer. */
    public static PrintStream stream(PrintWriter w) {
        OutputStream o = new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                pending.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                if (pending.size() > 0) {
                    w.print(pending.toString(StandardCharsets.UTF_8));
                    w.flush();
                    pending.reset();
                }
            }
        };
        return new PrintStream(o, true, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        out.flush();
        err.flush();
        System.setOut(savedOut);
        System.setErr(savedErr);
    }
}
