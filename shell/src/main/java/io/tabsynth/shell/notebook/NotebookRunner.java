package io.tabsynth.shell.notebook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.shell.workbench.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a notebook's code cells in order in one JShell session and stores their outputs in nbformat 4 form:
 * printed text as a stdout stream, the last expression's value as an execute_result (with an HTML view for
 * frames, samples and reports), and a failure as an error output, after which no further cell runs.
 */
public final class NotebookRunner {
    /** How a run ended: the failing cell (1-based among all cells) and its failure, or none. */
    public record Outcome(int cells, int failedCell, Session.Failure failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private NotebookRunner() {
    }

    /** Runs every code cell of {@code notebook}, replacing its outputs; printed text is also echoed to {@code echo}. */
    public static Outcome run(Notebook notebook, PrintStream echo) {
        notebook.useJavaKernel();
        int count = 0;
        int index = 0;
        PrintStream savedOut = System.out;
        try (Session session = new Session(echo, echo)) {
            for (ObjectNode cell : notebook.cells()) {
                index++;
                if (!cell.path("cell_type").asText().equals("code")) {
                    continue;
                }
                count++;
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
                Object[] last = new Object[2];
                Session.Failure failure;
                System.setOut(capture);
                try {
                    failure = session.run(Notebook.source(cell), 1, (source, value, object) -> {
                        last[0] = value;
                        last[1] = object;
                    });
                } finally {
                    System.setOut(savedOut);
                }
                ArrayNode outputs = cell.putArray("outputs");
                cell.put("execution_count", count);
                String text = captured.toString(StandardCharsets.UTF_8);
                if (!text.isEmpty()) {
                    ObjectNode stream = outputs.addObject();
                    stream.put("output_type", "stream");
                    stream.put("name", "stdout");
                    stream.set("text", Notebook.lines(text));
                    echo.print(text);
                }
                if (failure != null) {
                    ObjectNode error = outputs.addObject();
                    error.put("output_type", "error");
                    error.put("ename", failure.kind());
                    error.put("evalue", failure.message());
                    error.putArray("traceback").add("cell " + count + ", line " + failure.line() + ": " + failure.message());
                    return new Outcome(count, index, failure);
                }
                Rich.Rendering shown = Rich.render((String) last[0], last[1]);
                if (shown != null) {
                    ObjectNode result = outputs.addObject();
                    result.put("output_type", "execute_result");
                    result.put("execution_count", count);
                    ObjectNode data = result.putObject("data");
                    data.set("text/plain", Notebook.lines(shown.plain()));
                    if (shown.html() != null) {
                        data.set("text/html", Notebook.lines(shown.html()));
                    }
                    result.putObject("metadata");
                }
            }
        } finally {
            System.setOut(savedOut);
        }
        return new Outcome(count, -1, null);
    }
}
