package io.tabsynth.engine.governance.optout;

import io.tabsynth.engine.data.io.CsvReader;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Suggestion;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * The people who withdrew from the seed data: a CSV (or TSV) file with a key column, one opted-out key per row (other
 * columns are ignored, an empty list is allowed). {@link #exclude} removes their rows from data before anything is
 * learned from it. Lineage names the list by file name, digest and date only, never by its keys.
 */
public final class OptOutList {
    /** The role of the list among a fit's inputs. */
    public static final String ROLE = "opt-outs";

    private final Path file;
    private final String sha256;
    private final Instant modified;
    private final String keyColumn;
    private final Set<String> keys;

    private OptOutList(Path file, String sha256, Instant modified, String keyColumn, Set<String> keys) {
        this.file = file;
        this.sha256 = sha256;
        this.modified = modified;
        this.keyColumn = keyColumn;
        this.keys = keys;
    }

    /**
     * Reads the list's {@code keyColumn}; a {@link BadInputException} when the file is missing or not CSV, or has no
     * such column (naming the nearest one). Blank keys are ignored.
     */
    public static OptOutList read(Path file, String keyColumn) {
        return read(file, keyColumn, "opt-out list");
    }

    /** As {@link #read(Path, String)}; {@code what} says what the list is when it is not there. */
    static OptOutList read(Path file, String keyColumn, String what) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": " + what + " not found");
        }
        Map<String, List<String>> columns = CsvReader.texts(file);
        List<String> column = columns.get(keyColumn);
        if (column == null) {
            throw new BadInputException(file + ": the opt-out list has no column '" + keyColumn + "'"
                    + Suggestion.didYouMean(keyColumn, columns.keySet()) + " (its columns: "
                    + String.join(", ", columns.keySet()) + ")");
        }
        Set<String> keys = new HashSet<>();
        for (String k : column) {
            if (!k.isBlank()) {
                keys.add(k.strip());
            }
        }
        try {
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return new OptOutList(file, Sha256.file(file), modified, keyColumn, keys);
        } catch (IOException e) {
            throw new TabsynthException(file + ": cannot read the opt-out list's date: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    public String sha256() {
        return sha256;
    }

    /** When this version of the list was written (the file's last-modified time). */
    public Instant modified() {
        return modified;
    }

    public String keyColumn() {
        return keyColumn;
    }

    /** How many distinct keys the list holds. */
    public int size() {
        return keys.size();
    }

    /** Whether every key of {@code other} is on this list too (a newer version of it only adds keys). */
    boolean holdsAll(OptOutList other) {
        return keys.containsAll(other.keys);
    }

    /** The list as a fit's input: file name and digest, no content. */
    public Artifact artifact() {
        return new Artifact(ROLE, file, sha256, null, Artifact.NOT_DATA);
    }

    /**
     * The data without the rows whose key is on the list, still naming the file it was read from; a
     * {@link BadInputException} when the data has no key column (naming the nearest one). A key matches the cell as
     * written: text as it is, whole numbers without a decimal point.
     */
    public Exclusion exclude(Frame data) {
        if (!data.schema().has(keyColumn)) {
            String named = data.source() == null ? "the data" : data.source().file().toString();
            throw new BadInputException(named + ": has no column '" + keyColumn + "' to match the opt-out list " + file
                    + " against" + Suggestion.didYouMean(keyColumn, data.schema().names()));
        }
        int column = data.schema().indexOf(keyColumn);
        Selection kept = new BitmapBackedSelection();
        for (int row = 0; row < data.rowCount(); row++) {
            if (!keys.contains(keyText(data.cell(column, row)))) {
                kept.add(row);
            }
        }
        int removed = data.rowCount() - kept.size();
        Frame out = removed == 0 ? data : data.where(kept).withSource(data.source());
        return new Exclusion(out, removed, this);
    }

    /** A cell as the list would write it: whole numbers without ".0", text stripped; {@code null} for a missing cell. */
    private static String keyText(Object cell) {
        if (cell == null) {
            return null;
        }
        if (cell instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return cell.toString().strip();
    }
}
