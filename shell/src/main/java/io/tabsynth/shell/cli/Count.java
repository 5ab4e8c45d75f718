package io.tabsynth.shell.cli;

import java.util.Locale;

/** A count with its noun for command output: "1 row", "26,048 rows". */
final class Count {
    private Count() {
    }

    /** The count with thousands separators, then the noun, plural unless the count is one. */
    static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", n, noun, n == 1 ? "" : "s");
    }
}
