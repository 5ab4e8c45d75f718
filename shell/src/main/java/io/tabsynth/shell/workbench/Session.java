package io.tabsynth.shell.workbench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * A JShell session on this JVM with tabsynth on its class path and the workbench imports, which runs
 * source text snippet by snippet and reports the first failure with its line. Shared by {@code tabsynth
 * run}, {@code tabsynth notebook run} and the Jupyter kernel (which also asks it for completions and
 * documentation). Snippets execute in this JVM (JShell's local execution), so they share the workbench's
 * session and the engine with the runner.
 */
public final class Session implements AutoCloseable {
    /** The imports every session starts with, besides JShell's defaults. */
    public static final List<String> IMPORTS = List.of(
            "import static io.tabsynth.shell.workbench.Workbench.*;",
            "import io.tabsynth.shell.workbench.WorkbenchModel;",
            "import io.tabsynth.shell.workbench.Sample;",
            "import io.tabsynth.shell.workbench.Report;",
            "import io.tabsynth.spi.data.Frame;",
            "import io.tabsynth.spi.data.Schema;",
            "import io.tabsynth.spi.data.ColumnKind;",
            "import io.tabsynth.engine.run.Engine;");

    /** JShell's own default imports, kept as in the interactive tool. */
    public static final List<String> DEFAULT_IMPORTS = List.of(
            "import java.io.*;", "import java.math.*;", "import java.net.*;", "import java.nio.file.*;",
            "import java.util.*;", "import java.util.concurrent.*;", "import java.util.function.*;",
            "import java.util.prefs.*;", "import java.util.regex.*;", "import java.util.stream.*;");

    /** What happened to one snippet, for a notebook to record. */
    public interface Listener {
        /** A snippet ran; {@code value} is its result when it was an expression, else {@code null}. */
        void ran(String source, String value, Object object);
    }

    /**
     * The first failure of a run.
     *
     * @param line    1-based line in the source where the failing snippet starts
     * @param kind    {@code compile} or the exception's class name
     * @param message what went wrong
     */
    public record Failure(int line, String kind, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    private final JShell shell;

    public Session(PrintStream out, PrintStream err) {
        this.shell = JShell.builder().executionEngine("local").out(out).err(err).build();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                shell.addToClasspath(entry);
            }
        }
        for (String i : DEFAULT_IMPORTS) {
            shell.eval(i);
        }
        for (String i : IMPORTS) {
            List<SnippetEvent> events = shell.eval(i);
            if (events.isEmpty() || events.get(0).status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("the workbench is not on the class path: " + i);
            }
        }
    }

    /**
     * Runs every snippet of {@code source} in order, stopping at the first that does not compile or throws.
     * Returns that failure, or {@code null} when all ran. Lines are counted from {@code firstLine}.
     */
    public Failure run(String source, int firstLine, Listener listener) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        int line = firstLine;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() && info.completeness() != SourceCodeAnalysis.Completeness.EMPTY) {
                // an unfinished snippet runs to the end of the source (JShell's remaining text is then not a suffix)
                String text = rest.stripLeading();
                return new Failure(line + count(rest.substring(0, rest.length() - text.length())), "compile",
                        "incomplete snippet: " + firstLine(text.strip()));
            }
            int consumed = rest.length() - info.remaining().length();
            String text = rest.substring(0, consumed);
            int lead = 0;
            while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
                lead++;
            }
            int snippetLine = line + count(text.substring(0, lead));
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            Failure f = eval(info.source(), snippetLine, listener);
            if (f != null) {
                return f;
            }
            line += count(text);
            rest = info.remaining();
        }
        return null;
    }

    /** What may replace the code before {@code cursor}: the candidates and where the replaced text starts. */
    public record Completions(List<String> candidates, int start) {
    }

    /** Completions at {@code cursor} in {@code code} (a whole cell), from JShell's source analysis. */
    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<String> candidates = shell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList();
        return new Completions(candidates, anchor[0]);
    }

    /**
     * The signatures (and, with {@code javadoc}, the documentation where the JDK ships it) of what is at
     * {@code cursor} in {@code code}, one entry a line; empty when nothing is known there.
     */
    public String documentation(String code, int cursor, boolean javadoc) {
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation d : shell.sourceCodeAnalysis().documentation(code, cursor, javadoc)) {
            text.append(d.signature()).append('\n');
            if (javadoc && d.javadoc() != null && !d.javadoc().isBlank()) {
                text.append(d.javadoc().strip()).append("\n\n");
            }
        }
        return text.toString();
    }

    /** Whether {@code code} is a complete snippet, an incomplete one, or one that cannot compile. */
    public SourceCodeAnalysis.Completeness completeness(String code) {
        return shell.sourceCodeAnalysis().analyzeCompletion(code).completeness();
    }

    private Failure eval(String snippet, int line, Listener listener) {
        List<SnippetEvent> events = shell.eval(snippet);
        String value = null;
        Object object = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                // the failure's line is the first diagnostic's; further diagnostics name their own lines
                List<Diag> diagnostics = shell.diagnostics(s).toList();
                if (diagnostics.isEmpty()) {
                    return new Failure(line, "compile", "does not compile: " + firstLine(snippet));
                }
                StringBuilder m = new StringBuilder(message(diagnostics.get(0)));
                for (Diag d : diagnostics.subList(1, diagnostics.size())) {
                    m.append("; line ").append(lineOf(d, snippet, line)).append(": ").append(message(d));
                }
                return new Failure(lineOf(diagnostics.get(0), snippet, line), "compile", m.toString());
            }
            if (e.exception() != null) {
                return new Failure(line, exceptionName(e.exception()), message(e.exception()));
            }
            boolean result = s.kind() == Snippet.Kind.EXPRESSION || (s instanceof VarSnippet v
                    && v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
            if (result || s instanceof VarSnippet) {
                value = e.value();
                String name = s instanceof VarSnippet v ? v.name()
                        : s instanceof jdk.jshell.ExpressionSnippet x ? x.name() : null;
                if (result && name != null) {
                    shell.eval("io.tabsynth.shell.workbench.Display.offer(" + name + ");");
                    object = Display.take();
                }
                if (!result) {
                    value = null;
                }
            }
        }
        if (listener != null) {
            listener.ran(snippet, value, object);
        }
        return null;
    }

    /**
     * The source line a diagnostic points at, from the line the snippet's first non-blank character is on (the
     * snippet's source keeps the blank lines before it).
     */
    private static int lineOf(Diag d, String snippet, int line) {
        int pos = (int) Math.min(Math.max(0, d.getStartPosition()), snippet.length());
        int lead = 0;
        while (lead < pos && Character.isWhitespace(snippet.charAt(lead))) {
            lead++;
        }
        return line + count(snippet.substring(lead, pos));
    }

    private static String message(Diag d) {
        return d.getMessage(Locale.ROOT).replace('\n', ' ');
    }

    private static String exceptionName(Exception e) {
        if (e instanceof EvalException ee) {
            String c = ee.getExceptionClassName();
            return c.substring(c.lastIndexOf('.') + 1);
        }
        if (e instanceof UnresolvedReferenceException) {
            return "unresolved reference";
        }
        return e.getClass().getSimpleName();
    }

    private static String message(Exception e) {
        if (e instanceof EvalException ee) {
            String c = ee.getExceptionClassName();
            String m = ee.getMessage();
            return (c.startsWith("io.tabsynth") ? "" : c.substring(c.lastIndexOf('.') + 1) + ": ") + (m == null ? "" : m);
        }
        if (e instanceof UnresolvedReferenceException u) {
            return "unresolved reference in " + firstLine(u.getSnippet().source());
        }
        return String.valueOf(e.getMessage());
    }

    private static int count(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }

    @Override
    public void close() {
        shell.close();
    }
}
