package io.tabsynth.shell.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import io.tabsynth.spi.JsonOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jupyter notebook in nbformat 4, read with Jackson. Cells keep every field they had; running one replaces
 * its outputs and execution count. The kernel metadata names tabsynth's own Jupyter kernel, so the files open and
 * run in Jupyter as well.
 */
public final class Notebook {
    static final ObjectMapper JSON = JsonOutput.mapper();

    private final ObjectNode root;

    private Notebook(ObjectNode root) {
        this.root = root;
    }

    /** Reads a notebook; a file that is not nbformat 4 JSON is bad input naming the file. */
    public static Notebook read(Path file) {
        JsonNode n = JsonInput.read(file, "notebook");
        if (!(n instanceof ObjectNode) || n.path("nbformat").asInt() != 4 || !n.path("cells").isArray()) {
            throw new BadInputException(file + ": not an nbformat 4 notebook (it needs \"nbformat\": 4 and a \"cells\" list)");
        }
        return new Notebook((ObjectNode) n);
    }

    /** The cells, in order. */
    public List<ObjectNode> cells() {
        List<ObjectNode> out = new ArrayList<>();
        root.path("cells").forEach(c -> out.add((ObjectNode) c));
        return out;
    }

    /** A cell's source as one string (nbformat allows a string or a list of lines). */
    public static String source(JsonNode cell) {
        JsonNode s = cell.path("source");
        if (s.isArray()) {
            StringBuilder b = new StringBuilder();
            s.forEach(x -> b.append(x.asText()));
            return b.toString();
        }
        return s.asText();
    }

    /** Text as nbformat's list of lines, each keeping its line break. */
    static ArrayNode lines(String text) {
        ArrayNode a = JSON.createArrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                a.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            a.add(text.substring(start));
        }
        return a;
    }

    /** Sets the kernel metadata of tabsynth's Jupyter kernel ({@code tabsynth jupyter install}), keeping any other metadata. */
    void useJavaKernel() {
        ObjectNode meta = root.with("metadata");
        ObjectNode k = meta.putObject("kernelspec");
        k.put("name", io.tabsynth.shell.jupyter.TabsynthKernel.NAME);
        k.put("display_name", io.tabsynth.shell.jupyter.KernelSpec.DISPLAY_NAME);
        k.put("language", "java");
        ObjectNode l = meta.putObject("language_info");
        l.put("name", "Java");
        l.put("version", System.getProperty("java.version"));
        l.put("mimetype", "text/x-java-source");
        l.put("file_extension", ".jshell");
        l.put("codemirror_mode", "java");
        l.put("pygments_lexer", "java");
        if (!root.has("nbformat_minor")) {
            root.put("nbformat_minor", 5);
        }
    }

    /** The notebook's title: its first Markdown heading, or {@code fallback}. */
    String title(String fallback) {
        for (ObjectNode c : cells()) {
            if (c.path("cell_type").asText().equals("markdown")) {
                for (String line : source(c).split("\n")) {
                    if (line.startsWith("#")) {
                        return line.replaceFirst("^#+\\s*", "").trim();
                    }
                }
            }
        }
        return fallback;
    }

    /** The notebook as pretty JSON, as Jupyter writes it. */
    public byte[] bytes() {
        return JsonOutput.pretty(root, "notebook");
    }
}
