package io.tabsynth.plugins.rules.spec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A JSON or YAML file read into a tree that remembers the line of every field, so that a mistake found
 * later (a negative standard deviation, an unknown column) can be reported as {@code spec.json line 12,
 * columns[2].sd: ...}. YAML is chosen by the {@code .yaml}/{@code .yml} extension.
 */
public final class SpecFile {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String name;
    private final JsonNode root;
    private final Map<JsonNode, Integer> lines;  // by identity: equal values on different lines differ

    private SpecFile(String name, JsonNode root, Map<JsonNode, Integer> lines) {
        this.name = name;
        this.root = root;
        this.lines = lines;
    }

    /** Reads a file; a syntax error names the file and line. */
    public static SpecFile read(Path file) {
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        JsonFactory factory = lower.endsWith(".yaml") || lower.endsWith(".yml") ? new YAMLFactory() : new JsonFactory();
        try (InputStream in = Files.newInputStream(file); JsonParser p = factory.createParser(in)) {
            Map<JsonNode, Integer> lines = new IdentityHashMap<>();
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new BadInputException(file + ": the file is empty");
            }
            JsonNode root = value(p, lines, file.toString());
            return new SpecFile(file.toString(), root, lines);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (JsonProcessingException e) { // a syntax error or a truncated file: its own words, not the parser's source
            JsonLocation at = e.getLocation();
            throw new BadInputException(file + " line " + (at == null ? "?" : at.getLineNr()) + ": not valid "
                    + (factory instanceof YAMLFactory ? "YAML" : "JSON") + ": " + JsonInput.plainMessage(e));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A tree made in memory (e.g. a spec stored in a model file); errors then name {@code name} without lines. */
    public static SpecFile of(String name, JsonNode root) {
        return new SpecFile(name, root, new IdentityHashMap<>());
    }

    private static JsonNode value(JsonParser p, Map<JsonNode, Integer> lines, String file) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonNode node;
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    if (o.has(field)) {
                        throw new BadInputException(file + " line " + p.currentTokenLocation().getLineNr()
                                + ": field '" + field + "' appears twice");
                    }
                    p.nextToken();
                    o.set(field, value(p, lines, file));
                }
                node = o;
                break;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, lines, file));
                }
                node = a;
                break;
            }
            case VALUE_STRING:
                node = NODES.textNode(p.getText());
                break;
            case VALUE_NUMBER_INT:
                node = NODES.numberNode(p.getLongValue());
                break;
            case VALUE_NUMBER_FLOAT:
                node = NODES.numberNode(p.getDoubleValue());
                break;
            case VALUE_TRUE:
                node = NODES.booleanNode(true);
                break;
            case VALUE_FALSE:
                node = NODES.booleanNode(false);
                break;
            case VALUE_NULL:
                node = NODES.nullNode();
                break;
            default:
                throw new BadInputException(file + " line " + line + ": unexpected " + p.currentToken());
        }
        lines.put(node, line);
        return node;
    }

    /** The file name, for messages. */
    public String name() {
        return name;
    }

    /** The root as a located object; an error if the file does not hold an object. */
    public SpecObject root() {
        return SpecObject.of(this, root, "");
    }

    /** The root node as read. */
    public JsonNode rootNode() {
        return root;
    }

    /** {@code file line N, path} for a node, or {@code file, path} when its line is unknown. */
    String where(JsonNode node, String path) {
        Integer line = lines.get(node);
        String p = path.isEmpty() ? "" : ", " + path;
        return line == null ? name + p : name + " line " + line + p;
    }

    /** Places a node made from others on the line of {@code like}. */
    void sameLine(JsonNode node, JsonNode like) {
        Integer line = lines.get(like);
        if (line != null) {
            lines.put(node, line);
        }
    }

    /** Fails with a message that names the node's line and path. */
    BadInputException error(JsonNode node, String path, String what) {
        return new BadInputException(where(node, path) + ": " + what);
    }
}
