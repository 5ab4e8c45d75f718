package io.tabsynth.spi.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * The vertical axis of a bar chart: linear from 0 to a round top with round steps (0, 0.025, 0.05, ...), or, for
 * shares of a heavy-tailed column where one bar dwarfs the rest, logarithmic with a tick at each power of ten
 * down to {@value #LOG_FLOOR} (smaller values draw no bar).
 */
public final class ValueAxis {
    public static final double LOG_FLOOR = 1e-4;
    private static final double[] ROUND_STEPS = {1, 2, 2.5, 5, 10};

    private final boolean log;
    private final double bottom;
    private final double top;
    private final List<Double> ticks = new ArrayList<>();

    private ValueAxis(boolean log, double bottom, double top) {
        this.log = log;
        this.bottom = bottom;
        this.top = top;
    }

    /** A linear axis whose top is the smallest round value of {@code tickCount} round steps at or above max. */
    public static ValueAxis linear(double max, int tickCount) {
        double raw = (max > 0 ? max : 1) / tickCount;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : ROUND_STEPS) {
            step = m * magnitude;
            if (step >= raw * (1 - 1e-9)) {
                break;
            }
        }
        ValueAxis axis = new ValueAxis(false, 0, step * tickCount);
        for (int t = 0; t <= tickCount; t++) {
            axis.ticks.add(step * t);
        }
        return axis;
    }

    /** A logarithmic axis from {@link #LOG_FLOOR} to the power of ten at or above max. */
    public static ValueAxis log(double max) {
        double top = Math.ceil(Math.log10(Math.max(max, LOG_FLOOR * 10)));
        double bottom = Math.log10(LOG_FLOOR);
        ValueAxis axis = new ValueAxis(true, bottom, top);
        for (double p = bottom; p <= top + 1e-9; p++) {
            axis.ticks.add(Math.pow(10, p));
        }
        return axis;
    }

    public boolean isLog() {
        return log;
    }

    public List<Double> ticks() {
        return ticks;
    }

    /** Where a value lies between the bottom (0) and the top (1) of the axis; 0 for a value below the bottom. */
    public double position(double v) {
        double x = log ? (v > 0 ? Math.log10(v) : bottom) : v;
        return Math.max(0, Math.min(1, (x - bottom) / (top - bottom)));
    }
}
