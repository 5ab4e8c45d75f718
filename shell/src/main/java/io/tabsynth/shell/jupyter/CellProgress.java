package io.tabsynth.shell.jupyter;

import io.tabsynth.shell.notebook.Rich;
import io.tabsynth.spi.Progress;
import java.util.Locale;
import java.util.UUID;
import org.dflib.jjava.jupyter.kernel.DisplayStream;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * A fit's progress under the running cell: one display (an HTML progress bar and the last status note) that is
 * updated in place as the work advances, at most every {@link #UPDATE_MILLIS} ms so that a fit of many small
 * steps does not flood the notebook with messages.
 */
final class CellProgress implements Progress {
    /** The shortest time between two updates of the bar. */
    static final long UPDATE_MILLIS = 250;

    private final DisplayStream display;
    private String id;
    private String task = "";
    private long total;
    private long done;
    private String note = "";
    private long shownAt;

    CellProgress(DisplayStream display) {
        this.display = display;
    }

    @Override
    public synchronized void start(String name, long units) {
        id = UUID.randomUUID().toString();
        task = name;
        total = units;
        done = 0;
        note = "";
        DisplayData data = view();
        data.setDisplayId(id);
        if (display.isAttached()) {
            display.display(data);
        }
        shownAt = System.currentTimeMillis();
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        update(false);
    }

    @Override
    public synchronized void status(String text) {
        note = text;
        update(false);
    }

    @Override
    public synchronized void finish() {
        if (total > 0) {
            done = total;
        }
        update(true);
        id = null;
    }

    private void update(boolean last) {
        long now = System.currentTimeMillis();
        if (id == null || !display.isAttached() || (!last && now - shownAt < UPDATE_MILLIS)) {
            return;
        }
        display.updateDisplay(id, view());
        shownAt = now;
    }

    /** The bar as HTML and as text. */
    DisplayData view() {
        String counts = total > 0 ? String.format(Locale.ROOT, "%d/%d", done, total) : Long.toString(done);
        String text = task + " " + counts + (note.isEmpty() ? "" : "  " + note);
        DisplayData data = new DisplayData(text);
        String bar = total > 0 ? "<progress value=\"" + done + "\" max=\"" + total + "\"></progress> "
                : "<progress></progress> ";
        data.putHTML("<div class=\"tabsynth-progress\">" + bar + Rich.esc(task) + " " + counts
                + (note.isEmpty() ? "" : " <code>" + Rich.esc(note) + "</code>") + "</div>");
        return data;
    }
}
