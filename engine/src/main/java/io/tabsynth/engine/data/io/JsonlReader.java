package io.tabsynth.engine.data.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON Lines ({@code .jsonl}, {@code .ndjson}): one flat JSON object per line, as the JSON Lines exporter
 * writes them. The columns are the keys in order of first appearance; {@code null}, or a key that a line lacks,
 * is a missing cell. Values are read as the text a CSV file would hold (numbers as written, booleans as
 * {@code true}/{@code false}), so kinds are inferred as for CSV and the same rows read from CSV and from JSON
 * Lines make the same frame, with the same content digest. Nested objects and arrays, a repeated key, and a
 * line that is not a JSON object are refused with the line named.
 */
public final class JsonlReader {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonlReader() {
    }

    /** Reads a JSON Lines file into a frame, inferring kinds except where the metadata sets them. */
    public static Frame read(Path file, Metadata metadata) {
        if (!Files.exists(file)) {
            throw new BadInputException(file + ": file not found");
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<List<String>> cells = new ArrayList<>();
        List<SharedTexts> shared = new ArrayList<>();
        int rows = 0;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                int line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    throw new BadInputException(file + ", line " + line + ": not a JSON object");
                }
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    JsonToken v = p.nextToken();
                    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        throw new BadInputException(file + ", line " + line + ": '" + key + "' holds "
                                + (v == JsonToken.START_OBJECT ? "an object" : "an array")
                                + "; only flat values can be columns");
                    }
                    int rowsBefore = rows;
                    int at = index.computeIfAbsent(key, k -> {
                        List<String> fresh = new ArrayList<>();
                        for (int r = 0; r < rowsBefore; r++) {
                            fresh.add("");
                        }
                        cells.add(fresh);
                        shared.add(new SharedTexts());
                        return cells.size() - 1;
                    });
                    List<String> column = cells.get(at);
                    if (column.size() > rows) {
                        throw new BadInputException(file + ", line " + line + ": key '" + key + "' appears twice");
                    }
                    column.add(v == JsonToken.VALUE_NULL ? "" : shared.get(at).of(p.getText()));
                }
                rows++;
                for (List<String> column : cells) {
                    if (column.size() < rows) {
                        column.add("");
                    }
                }
            }
        } catch (JsonProcessingException e) {
            throw new BadInputException(file + ", line " + e.getLocation().getLineNr() + ": not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (rows == 0) {
            throw new BadInputException(file + ": the file has no rows");
        }
        if (index.isEmpty()) {
            throw new BadInputException(file + ": no line has a key, so there are no columns");
        }
        return CsvReader.frame(file.toString(), new ArrayList<>(index.keySet()), cells, metadata);
    }
}
