package io.tabsynth.shell;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the tabsynth command in-process and captures its exit code and output. */
record Cli(int code, String out, String err) {
    static Cli run(Object... args) {
        String[] a = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = String.valueOf(args[i]);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tabsynth.run(a, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }
}
