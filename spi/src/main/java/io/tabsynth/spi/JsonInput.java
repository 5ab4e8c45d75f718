package io.tabsynth.spi;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a JSON file that a user wrote or passed in (a policy, metadata, a report, a notebook): a missing file, an
 * empty one or a syntax error is a {@link BadInputException} naming the file, and the line and column of the error.
 */
public final class JsonInput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonInput() {
    }

    /** The file's JSON; {@code what} names it in errors ("policy", "notebook"). */
    public static JsonNode read(Path file, String what) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new BadInputException(file + ": file not found");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(file + ": not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + plainMessage(e)
                    + " (expected a " + what + ")");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the " + what + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new BadInputException(file + ": is empty (expected a " + what + ")");
        }
        return root;
    }

    /**
     * The parser's message in its own words, without the source it names inside ("start marker at [Source:
     * REDACTED (...); line: 1, column: 13]" reads "start marker at [line: 1, column: 13]").
     */
    public static String plainMessage(JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll("\\[Source: [^;]*; ", "[");
    }
}
