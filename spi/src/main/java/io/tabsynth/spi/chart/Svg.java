package io.tabsynth.spi.chart;

import java.util.Locale;

/**
 * The frame every chart on the report page shares: a {@code viewBox} (so that the page can scale the chart to
 * the window), the text style as attributes of the root element (so that a chart reads the same on its own as in
 * the page), and the title, both as a tooltip and written above the plot.
 */
public final class Svg {
    public static final String CLOSE = "</svg>";
    private static final String TEXT = "font-family=\"system-ui,sans-serif\" font-size=\"11\" fill=\"#333\"";
    private static final int TITLE_SIZE = 13;
    private static final int TITLE_BASELINE = 16;

    private Svg() {
    }

    public static String open(int width, int height, String title) {
        String t = Html.escape(title);
        return String.format(Locale.ROOT, "<svg viewBox=\"0 0 %d %d\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" %s>"
                + "<title>%s</title><text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"%d\">%s</text>", width, height, TEXT,
                t, width / 2, TITLE_BASELINE, TITLE_SIZE, t);
    }
}
