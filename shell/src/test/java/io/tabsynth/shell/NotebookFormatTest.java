package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every notebook in notebooks/ is valid nbformat 4.5: checked here against the schema's required fields, and by
 * Python's nbformat itself where it is installed.
 */
class NotebookFormatTest {
    /** nbformat 4.5's cell ids: 1 to 64 letters, digits, '-' and '_', unique in the notebook. */
    static final Pattern CELL_ID = Pattern.compile("^[a-zA-Z0-9-_]{1,64}$");
    /** The fields each output type requires (nbformat.v4.5.schema.json). */
    static final Map<String, List<String>> OUTPUT_FIELDS = Map.of(
            "stream", List.of("name", "text"),
            "display_data", List.of("data", "metadata"),
            "execute_result", List.of("execution_count", "data", "metadata"),
            "error", List.of("ename", "evalue", "traceback"));
    /** The fields each cell type allows besides attachments (the schema allows no others). */
    static final Map<String, Set<String>> CELL_FIELDS = Map.of(
            "code", Set.of("id", "cell_type", "metadata", "source", "outputs", "execution_count"),
            "markdown", Set.of("id", "cell_type", "metadata", "source", "attachments"),
            "raw", Set.of("id", "cell_type", "metadata", "source", "attachments"));

    static List<Path> notebooks() throws Exception {
        try (Stream<Path> s = Files.list(WorkbenchTest.NOTEBOOKS)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** What is wrong with a notebook against nbformat 4.5's required structure (empty when nothing). */
    static List<String> problems(JsonNode nb) {
        List<String> out = new ArrayList<>();
        if (nb.path("nbformat").asInt() != 4 || nb.path("nbformat_minor").asInt() < 5) {
            out.add("nbformat must be 4 and nbformat_minor at least 5 (cell ids)");
        }
        if (!nb.path("metadata").isObject()) {
            out.add("metadata missing");
        }
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode cell : nb.path("cells")) {
            String where = "cell " + index++;
            String type = cell.path("cell_type").asText();
            if (!CELL_FIELDS.containsKey(type)) {
                out.add(where + ": cell_type '" + type + "'");
                continue;
            }
            String id = cell.path("id").asText("");
            if (!CELL_ID.matcher(id).matches()) {
                out.add(where + ": id '" + id + "' missing or not 1-64 of [a-zA-Z0-9-_]");
            } else if (!ids.add(id)) {
                out.add(where + ": id '" + id + "' used twice");
            }
            cell.fieldNames().forEachRemaining(f -> {
                if (!CELL_FIELDS.get(type).contains(f)) {
                    out.add(where + ": a " + type + " cell has no field '" + f + "'");
                }
            });
            if (!cell.path("metadata").isObject()) {
                out.add(where + ": metadata missing");
            }
            JsonNode source = cell.path("source");
            if (!source.isTextual() && !(source.isArray() && allText(source))) {
                out.add(where + ": source must be a string or a list of strings");
            }
            if (type.equals("code")) {
                if (!cell.has("execution_count") || !(cell.get("execution_count").isNull() || cell.get("execution_count").isInt())) {
                    out.add(where + ": execution_count missing (null or a number)");
                }
                if (!cell.path("outputs").isArray()) {
                    out.add(where + ": outputs missing");
                }
                for (JsonNode o : cell.path("outputs")) {
                    List<String> required = OUTPUT_FIELDS.get(o.path("output_type").asText());
                    if (required == null) {
                        out.add(where + ": output_type '" + o.path("output_type").asText() + "'");
                        continue;
                    }
                    required.stream().filter(f -> !o.has(f)).forEach(f -> out.add(where + ": output lacks " + f));
                }
            }
        }
        return out;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void everyNotebookHasNbformat45sRequiredStructure() throws Exception {
        List<Path> all = notebooks();
        assertTrue(all.size() >= 4, all.toString());
        ObjectMapper json = new ObjectMapper();
        for (Path nb : all) {
            assertEquals(List.of(), problems(json.readTree(nb.toFile())), nb.toString());
        }
    }

    @Test
    void theCheckFindsAMissingCellIdAndAStrayField() throws Exception {
        JsonNode nb = new ObjectMapper().readTree("""
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
                  {"cell_type": "code", "metadata": {}, "source": "1", "execution_count": null, "outputs": []},
                  {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["x"], "outputs": []}]}""");
        List<String> p = problems(nb);
        assertTrue(p.contains("cell 0: id '' missing or not 1-64 of [a-zA-Z0-9-_]"), p.toString());
        assertTrue(p.contains("cell 1: a markdown cell has no field 'outputs'"), p.toString());
    }

    @Test
    void pythonsNbformatValidatesEveryNotebook() throws Exception {
        String python = Jupyter.pythonWith("nbformat");
        if (python == null) {
            System.out.println("skipped: no python3 with nbformat (Debian: python3-nbformat); the Java check ran");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(python, "-c",
                "import sys, nbformat\nfor p in sys.argv[1:]:\n    nbformat.validate(nbformat.read(p, as_version=4))\n    print('valid', p)"));
        notebooks().forEach(p -> cmd.add(p.toString()));
        Jupyter.Result r = Jupyter.run(cmd, null, Map.of());
        assertEquals(0, r.code(), r.output());
    }
}
