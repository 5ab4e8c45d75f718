package io.tabsynth.spi.chart;

/** Text placed in HTML or SVG markup. */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
