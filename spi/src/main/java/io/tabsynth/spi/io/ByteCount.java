package io.tabsynth.spi.io;

import java.util.Locale;

/** Byte counts for people, in decimal units as disk tools show them: {@code 512 bytes}, {@code 13.6 GB}. */
public final class ByteCount {
    private static final String[] UNITS = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
    private static final double STEP = 1000.0;

    private ByteCount() {
    }

    public static String of(long bytes) {
        if (bytes < STEP) {
            return bytes + " bytes";
        }
        double v = bytes;
        int unit = 0;
        while (v >= STEP && unit < UNITS.length - 1) {
            v /= STEP;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }
}
