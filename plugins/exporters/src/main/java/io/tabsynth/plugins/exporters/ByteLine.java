package io.tabsynth.plugins.exporters;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A growable byte buffer for text output, with allocation-free writers for numbers and ASCII. */
final class ByteLine {
    private byte[] buf = new byte[1 << 17];
    private int len;

    int length() {
        return len;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /** Appends a long in decimal. */
    void putLong(long v) {
        if (v == Long.MIN_VALUE) {
            put("-9223372036854775808".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        ensure(20);
        if (v < 0) {
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
    }

    /** Appends characters known to be ASCII (digits, signs, points, ISO dates). */
    void putAscii(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }
}
