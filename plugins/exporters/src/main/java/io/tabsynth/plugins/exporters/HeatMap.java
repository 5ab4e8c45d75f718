package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.chart.Svg;
import io.tabsynth.spi.chart.Html;
import io.tabsynth.spi.chart.Readable;

import java.util.List;
import java.util.Locale;

/**
 * A square matrix of values in [−1, 1] as an inline SVG: blue −1, white 0, red +1, values written to two decimals
 * when few (a value that rounds to zero is written 0.00, never −0.00).
 */
final class HeatMap {
    static final int SIZE = 420;
    private static final int MARGIN = 110;
    private static final int TOP = 26;
    private static final int SHOW_VALUES_UP_TO = 8;
    /** Values this far from 0 sit on a dark cell: their text is white. */
    private static final double LIGHT_TEXT_FROM = 0.6;
    private static final int LABEL_CHARS = 16;
    private static final int[] NEGATIVE = {0x21, 0x66, 0xac};
    private static final int[] POSITIVE = {0xb2, 0x18, 0x2b};

    private HeatMap() {
    }

    static String svg(String title, List<String> names, double[][] m) {
        int n = names.size();
        double cell = (SIZE - MARGIN - 6.0) / Math.max(1, n);
        StringBuilder s = new StringBuilder();
        s.append(Svg.open(SIZE, SIZE + TOP, title));
        for (int i = 0; i < n; i++) {
            String name = names.get(i);
            String shown = Html.escape(name.length() > LABEL_CHARS ? name.substring(0, LABEL_CHARS - 1) + "…" : name);
            double y = TOP + i * cell;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", MARGIN - 4,
                    y + cell / 2 + 4, shown));
            double x = MARGIN + i * cell + cell / 2;
            s.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f %.1f) rotate(-45)\" text-anchor=\"end\">%s</text>",
                    x + 3, TOP + n * cell + 10, shown));
            for (int j = 0; j < n; j++) {
                double v = Math.max(-1, Math.min(1, m[i][j]));
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s × %s: %s</title></rect>", MARGIN + j * cell, y, cell, cell, colour(v), Html.escape(name),
                        Html.escape(names.get(j)), Readable.number(m[i][j])));
                if (n <= SHOW_VALUES_UP_TO) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\"%s>%.2f</text>",
                            MARGIN + j * cell + cell / 2, y + cell / 2 + 4, Math.abs(v) > LIGHT_TEXT_FROM ? " fill=\"#fff\"" : "",
                            Math.round(m[i][j] * 100) / 100.0));
                }
            }
        }
        return s.append(Svg.CLOSE).toString();
    }

    private static String colour(double v) {
        int[] end = v < 0 ? NEGATIVE : POSITIVE;
        double t = Math.abs(v);
        return String.format(Locale.ROOT, "#%02x%02x%02x", blend(end[0], t), blend(end[1], t), blend(end[2], t));
    }

    private static int blend(int channel, double t) {
        return (int) Math.round(255 + (channel - 255) * t);
    }
}
