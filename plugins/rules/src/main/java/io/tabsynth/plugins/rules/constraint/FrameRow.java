package io.tabsynth.plugins.rules.constraint;

import io.tabsynth.plugins.rules.Expression;
import io.tabsynth.spi.data.Frame;

/** One row of a frame as expressions see it. */
final class FrameRow extends Expression.Row {
    private final Frame frame;
    private final int row;

    private FrameRow(Frame frame, int row) {
        this.frame = frame;
        this.row = row;
    }

    static FrameRow of(Frame frame, int row) {
        return new FrameRow(frame, row);
    }

    @Override
    protected Object value(String column) {
        return frame.schema().has(column) ? frame.cell(frame.schema().indexOf(column), row) : null;
    }

    @Override
    protected boolean hasColumn(String column) {
        return frame.schema().has(column);
    }

    @Override
    protected String describe() {
        return Integer.toString(row + 1);
    }
}
