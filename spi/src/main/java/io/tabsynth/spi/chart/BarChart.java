package io.tabsynth.spi.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A grouped bar chart written as a small inline SVG: one text element per label, one rectangle per bar, and a
 * {@code viewBox} so that the chart's width follows the page. Labels that fit side by side are written whole;
 * otherwise they are turned, those longer than {@value #LABEL_CHARS} characters shortened (the full text shows
 * on hover), and where even turned labels would run into each other only every second (third, ...) bar is
 * labelled.
 */
public final class BarChart {
    public static final int WIDTH = 460;
    public static final int HEIGHT = 320;
    public static final int LABEL_CHARS = 14;
    private static final int LEFT = 60;
    private static final int RIGHT = 10;
    private static final int TOP = 28;
    private static final int LEGEND = 22;
    private static final int TICKS = 4;
    private static final double CHAR_WIDTH = 6.6;
    private static final double ROTATION = -40;
    /**
     * The least distance between the lines of two turned labels: a line and a half of the 11-pixel text, for at
     * closer spacing (20 bins) a browser drew them with a pixel or two between, which read as one smear.
     */
    private static final double LINE_HEIGHT = 16;
    /** The least room between two labels side by side. */
    private static final double LABEL_GAP = 8;
    private static final String[] COLOURS = {"#4878a8", "#e0803a", "#6aa84f"};

    private final String title;
    private final String xTitle;
    private final List<String> labels;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private boolean logValues;

    public BarChart(String title, String xTitle, List<String> labels) {
        this.title = title;
        this.xTitle = xTitle;
        this.labels = List.copyOf(labels);
    }

    public BarChart add(String name, double[] values) {
        series.put(name, values.clone());
        return this;
    }

    /** Draws the values on a log axis, for shares of a heavy-tailed column where one bar dwarfs the rest. */
    public BarChart logValues(boolean log) {
        this.logValues = log;
        return this;
    }

    public BarChart add(String name, List<? extends Number> values) {
        return add(name, values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public String svg() {
        double max = 0;
        for (double[] v : series.values()) {
            for (double x : v) {
                max = Double.isNaN(x) ? max : Math.max(max, x);
            }
        }
        ValueAxis axis = logValues ? ValueAxis.log(max) : ValueAxis.linear(max, TICKS);
        int n = Math.max(1, labels.size());
        double plotWidth = WIDTH - LEFT - RIGHT;
        double slot = plotWidth / n;
        boolean whole = longest(labels) * CHAR_WIDTH <= slot - LABEL_GAP;
        List<String> shown = new ArrayList<>();
        for (String l : labels) {
            shown.add(!whole && l.length() > LABEL_CHARS ? l.substring(0, LABEL_CHARS - 1) + "…" : l);
        }
        int longest = longest(shown);
        boolean turned = longest * CHAR_WIDTH > slot - LABEL_GAP;
        // Turned labels lie slot · sin(angle) apart across their lines.
        int every = turned ? (int) Math.ceil(LINE_HEIGHT / (slot * Math.sin(Math.toRadians(-ROTATION)))) : 1;
        int labelSpace = (int) Math.ceil(turned ? longest * CHAR_WIDTH * Math.sin(Math.toRadians(-ROTATION)) + 14 : 18);
        int bottom = labelSpace + 16 + LEGEND;
        double plotHeight = HEIGHT - TOP - bottom;
        double baseY = TOP + plotHeight;
        StringBuilder s = new StringBuilder();
        s.append(Svg.open(WIDTH, HEIGHT, title));
        for (double value : axis.ticks()) {
            double y = baseY - plotHeight * axis.position(value);
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT, WIDTH - RIGHT, y, y, LEFT - 4, y + 3,
                    Readable.number(value)));
        }
        double barWidth = slot * 0.8 / Math.max(1, series.size());
        int k = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            String colour = COLOURS[k % COLOURS.length];
            double[] v = e.getValue();
            for (int i = 0; i < Math.min(v.length, labels.size()); i++) {
                if (Double.isNaN(v[i]) || v[i] <= 0) {
                    continue;
                }
                double h = plotHeight * axis.position(v[i]);
                if (h <= 0) {
                    continue;
                }
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s: %s</title></rect>", LEFT + slot * i + slot * 0.1 + barWidth * k, baseY - h, barWidth, h,
                        colour, Html.escape(e.getKey()), Html.escape(labels.get(i)), Readable.number(v[i])));
            }
            double lx = LEFT + k * 150;
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%.1f\" y=\"%d\">%s</text>", lx, HEIGHT - 14, colour, lx + 14, HEIGHT - 5, Html.escape(e.getKey())));
            k++;
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#777\"/>", LEFT, WIDTH - RIGHT,
                baseY, baseY));
        for (int i = 0; i < shown.size(); i += every) {
            double x = LEFT + slot * (i + 0.5);
            String text = "<title>" + Html.escape(labels.get(i)) + "</title>" + Html.escape(shown.get(i));
            if (turned) {
                s.append(String.format(Locale.ROOT, "<text transform=\"translate(%.1f %.1f) rotate(%.0f)\" text-anchor=\"end\">%s</text>",
                        x + 3, baseY + 10, ROTATION, text));
            } else {
                s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x, baseY + 13, text));
            }
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                LEFT + plotWidth / 2, HEIGHT - LEGEND - 4, Html.escape(xTitle)));
        return s.append(Svg.CLOSE).toString();
    }

    private static int longest(List<String> texts) {
        return texts.stream().mapToInt(String::length).max().orElse(0);
    }
}
