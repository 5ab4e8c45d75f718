package io.tabsynth.shell.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/** An evaluation report: the JSON tree with its files, printing as a score summary. */
public final class Report {
    private final ObjectNode json;
    private final Path file;
    private final Path html;

    Report(ObjectNode json, Path file, Path html) {
        this.json = json;
        this.file = file;
        this.html = html;
    }

    /** The report as JSON (the keys of DESIGN.md). */
    public ObjectNode json() {
        return json;
    }

    /** The JSON report file. */
    public Path file() {
        return file;
    }

    /** The HTML report file. */
    public Path html() {
        return html;
    }

    /** A value by path, e.g. {@code score("fidelity.score")}; NaN if absent. */
    public double score(String path) {
        JsonNode n = json;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** Whether every policy gate passed (true when there was no policy). */
    public boolean passed() {
        return json.path("policy").path("passed").asBoolean(true);
    }

    /** Prints the summary. */
    public Report show() {
        System.out.println(this);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("evaluation (" + file + ")\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode section = e.getValue();
            if (e.getKey().equals("policy")) {
                b.append(String.format(Locale.ROOT, "  %-10s %s%n", "policy", section.path("passed").asBoolean()
                        ? "passed" : "FAILED"));
                continue;
            }
            if (!section.isObject()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "  %-10s %s", e.getKey(), section.path("score").isNumber()
                    ? String.format(Locale.ROOT, "%.3f", section.path("score").asDouble()) : "-"));
            int shown = 0;
            for (Iterator<Map.Entry<String, JsonNode>> f = section.fields(); f.hasNext() && shown < 4; ) {
                Map.Entry<String, JsonNode> x = f.next();
                if (!x.getKey().equals("score") && x.getValue().isNumber()) {
                    b.append(String.format(Locale.ROOT, "  %s %.3f", x.getKey(), x.getValue().asDouble()));
                    shown++;
                }
            }
            b.append('\n');
        }
        return b.toString().stripTrailing();
    }
}
