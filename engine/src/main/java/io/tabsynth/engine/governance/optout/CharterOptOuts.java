package io.tabsynth.engine.governance.optout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The opt-out list a charter names ({@code optOuts: {"file", "sha256", "key"}}): a fit or synth under the charter on
 * data that still holds one of its keys is refused unless {@code --exclude} gives that list, or a newer version of it
 * (a list that holds every key of the version the charter names), with the same key column.
 *
 * @param file      the list's file as the charter names it (relative names are found beside the charter)
 * @param sha256    the SHA-256 of the version of the list the charter was signed with
 * @param keyColumn the column the list and the data share
 */
public record CharterOptOuts(String file, String sha256, String keyColumn) {
    /** The charter's field. */
    public static final String FIELD = "optOuts";

    /** The field of a charter, checked; {@code where} names the charter in errors. */
    public static CharterOptOuts of(JsonNode node, String where) {
        String at = where + ": '" + FIELD + "'";
        if (!node.isObject()) {
            throw new BadInputException(at + " must be {\"file\": \"optouts.csv\", \"sha256\": \"...\", \"key\": \"customer_id\"}");
        }
        String file = text(node, "file", at);
        String sha256 = text(node, "sha256", at).toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new BadInputException(at + ".sha256 '" + sha256 + "' is not a SHA-256 (64 hex digits; sha256sum prints it)");
        }
        return new CharterOptOuts(file, sha256, text(node, "key", at));
    }

    private static String text(JsonNode node, String name, String at) {
        JsonNode n = node.path(name);
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new BadInputException(at + "." + name + " is missing or not text");
        }
        return n.asText();
    }

    /** The field in canonical form. */
    public ObjectNode json() {
        ObjectNode o = Dsse.JSON.createObjectNode();
        o.put("file", file);
        o.put("sha256", sha256);
        o.put("key", keyColumn);
        return o;
    }

    /** The list's file: as named when absolute, else beside {@code charterFile}. */
    public Path path(Path charterFile) {
        Path named = Path.of(file);
        Path folder = charterFile.toAbsolutePath().getParent();
        return named.isAbsolute() || folder == null ? named : folder.resolve(named);
    }

    /**
     * Whether a fit that excludes {@code given} (may be {@code null}) honours this list: the same key column, and the
     * same version, or a newer one that holds all its keys.
     */
    boolean honouredBy(OptOutList given, OptOutList named) {
        if (given == null || !given.keyColumn().equals(keyColumn)) {
            return false;
        }
        return given.sha256().equals(sha256) || named != null && given.holdsAll(named);
    }

    /**
     * Refuses ({@link OptOutsNotHonoured}, exit 3) a fit under the charter {@code charterFile} of {@code data} that
     * still holds a key of this list when {@code given} (the --exclude list, or {@code null}) does not honour it; the
     * message names the list, the key column and how many rows, never a key. A {@link BadInputException} when the
     * list is not there, or is no longer the version the charter names.
     */
    public void require(Frame data, OptOutList given, Path charterFile) {
        if (given != null && given.keyColumn().equals(keyColumn) && given.sha256().equals(sha256)) {
            return;
        }
        Path listFile = path(charterFile);
        OptOutList named = OptOutList.read(listFile, keyColumn, "the opt-out list the charter " + charterFile + " names");
        if (!named.sha256().equals(sha256)) {
            throw new BadInputException(charterFile + ": names the opt-out list " + file + " with sha256 " + sha256
                    + ", but " + listFile + " now has sha256 " + named.sha256() + "; keep the version the charter names "
                    + "(a newer list goes beside it), or sign a new version of the charter naming the new list");
        }
        if (honouredBy(given, named) || data == null) {
            return;
        }
        int rows = named.exclude(data).removed();
        if (rows > 0) {
            throw new OptOutsNotHonoured("a fit under the charter " + charterFile + ": the data "
                    + (data.source() == null ? "" : data.source().file() + " ") + "still holds " + String.format(Locale.ROOT,
                    "%,d row%s", rows, rows == 1 ? "" : "s") + " whose " + keyColumn + " is on the charter's opt-out list "
                    + file + "; remove them with --exclude " + file + " --key " + keyColumn
                    + (given == null ? "" : " (the list given, " + given.file() + ", is not that list or a newer version "
                    + "of it with the same key column)"));
        }
    }
}
