package io.tabsynth.shell.jupyter;

import io.tabsynth.shell.workbench.Session;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * A cell that did not compile or threw, as the notebook shows it: what went wrong and on which line of the cell.
 * Jupyter names an error by its type; this one's is {@code CellError} whatever the cell threw, and its message is
 * the runner's own ({@code missing.csv: file not found}), never a stack trace.
 */
final class CellError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Session.Failure failure;

    CellError(Session.Failure failure) {
        super(failure.toString(), null, false, false);
        this.failure = failure;
    }

    /** The traceback lines: one line naming the cell's line and the failure. */
    List<String> lines(StringStyler styler) {
        return List.of(styler.secondary("error: line " + failure.line() + ": " + failure.message()));
    }
}
