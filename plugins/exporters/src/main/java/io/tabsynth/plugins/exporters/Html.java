package io.tabsynth.plugins.exporters;

/** Text placed in HTML or SVG markup. */
final class Html {
    private Html() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
