package io.tabsynth.engine.data.io;

import io.tabsynth.engine.data.infer.Misfits;
import io.tabsynth.engine.data.infer.SchemaInference;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.TextColumns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Reads RFC 4180 CSV (UTF-8, optional byte order mark, {@code ,} or, for {@code .tsv} files, tab separated;
 * quoted fields may hold separators, quotes and line breaks). The first record is the header. A {@code .csv}
 * file whose header has semicolons and no commas, and whose records all have the header's number of fields when
 * split at semicolons, is read as semicolon separated, its numbers with decimal commas where a column has them
 * ({@link DecimalComma}), as spreadsheets in many locales save CSV. Every problem
 * is a {@link BadInputException} naming the file and, where there is one, the row, line and column: an empty
 * file, a header without rows, blank or repeated column names, a row with the wrong number of fields, a
 * quote never closed, bytes that are not UTF-8, cells that do not fit a kind forced by metadata, and the few
 * cells that keep an otherwise number or datetime column from its kind ({@link Misfits}). A file
 * that seems separated by another character (a one-field header holding semicolons, tabs or bars) gets a hint.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** Reads a CSV file into a frame, inferring kinds except where the metadata sets them. */
    public static Frame read(Path file, Metadata metadata) {
        char separator = file.getFileName().toString().toLowerCase().endsWith(".tsv") ? '\t' : ',';
        return parse(file.toString(), bytes(file), separator, metadata); // no local keeps the bytes alive
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses CSV bytes; {@code name} is used in error messages. With {@code ,} as the separator, a header with
     * semicolons and no commas makes it {@code ;} if every record then has as many fields as the header.
     */
    public static Frame parse(String name, byte[] bytes, char separator, Metadata metadata) {
        String text = decode(name, bytes, separator);
        bytes = null; // the file's bytes and (below) its text are garbage once split: let the collector have them
        if (text.isBlank()) {
            throw new BadInputException(name + ": the file is empty");
        }
        if (separator == ',' && semicolonHeader(text) && evenlySplit(name, text, ';')) {
            separator = ';';
        }
        Columns columns = new Columns(name, separator, lineBreaks(text) + 1);
        split(name, text, separator, columns);
        text = null;
        List<List<String>> cells = columns.finish();
        List<String> header = columns.header;
        if (separator == ';') {
            for (int c = 0; c < cells.size(); c++) {
                ColumnSpec forced = metadata.override(header.get(c));
                if (forced == null || forced.kind().isNumeric()) { // text the metadata keeps as text stays as written
                    cells.set(c, DecimalComma.normalize(cells.get(c), metadata.missingValues()));
                }
            }
        }
        return frame(name, header, cells, metadata);
    }

    /**
     * The cells of a CSV (or, for a {@code .tsv} file, tab separated) file as text, column by column in the header's
     * order, with no kinds inferred: for lists of values such as an opt-out list. A file of a header alone has empty
     * columns.
     */
    public static LinkedHashMap<String, List<String>> texts(Path file) {
        char separator = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        String name = file.toString();
        String text = decode(name, bytes(file), separator);
        if (text.isBlank()) {
            throw new BadInputException(name + ": the file is empty");
        }
        Columns columns = new Columns(name, separator, lineBreaks(text) + 1);
        split(name, text, separator, columns);
        LinkedHashMap<String, List<String>> out = new LinkedHashMap<>();
        List<List<String>> cells = columns.rows == 0 ? null : columns.finish();
        for (int c = 0; c < columns.header.size(); c++) {
            out.put(columns.header.get(c).trim(), cells == null ? List.of() : cells.get(c));
        }
        return out;
    }

    /** True if the first record, outside quotes, has a semicolon and no comma. */
    static boolean semicolonHeader(String text) {
        boolean quoted = false;
        boolean semicolon = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted && ch == ',') {
                return false;
            } else if (!quoted && ch == ';') {
                semicolon = true;
            }
        }
        return semicolon;
    }

    /**
     * A frame from columns of cell texts (as CSV holds them; the lists are released as they are read): kinds
     * inferred except where the metadata sets them, cells parsed by kind. Also used for JSON Lines.
     */
    static Frame frame(String name, List<String> header, List<List<String>> cells, Metadata metadata) {
        checkHeader(name, header);
        // the columns are matched before any cell is typed, so a file of other columns is refused as that
        metadata.checkColumns(header.stream().map(String::trim).toList(), Path.of(name));
        MissingValues missing = metadata.missingValues();
        List<ColumnSpec> specs = new ArrayList<>(header.size());
        Table table = Table.create(name);
        for (int c = 0; c < header.size(); c++) {
            String col = header.get(c).trim();
            ColumnSpec spec = metadata.override(col);
            if (spec == null) {
                spec = SchemaInference.infer(col, cells.get(c), missing);
                Misfits misfits = spec.kind().isText() ? Misfits.of(col, cells.get(c), missing) : null;
                if (misfits != null) {
                    throw misfits.refuse(name, col);
                }
            }
            specs.add(spec);
            table.addColumns(TextColumns.parse(spec, cells.get(c), missing, row -> name + ", row " + (row + 1)));
            cells.set(c, null);
        }
        Schema schema = Schema.of(specs);
        metadata.checkColumns(schema, Path.of(name));
        return Frame.of(table, schema);
    }

    /**
     * A batch of rows after the first of a file read in batches, its cells parsed by the kinds the first batch gave
     * (or the metadata set); {@code rowsBefore} rows came before it, so that a cell that does not fit is named by its
     * row in the file.
     */
    static Frame frame(String name, List<List<String>> cells, Schema schema, Metadata metadata, long rowsBefore,
                       int inferredFrom) {
        Table table = Table.create(name);
        for (int c = 0; c < schema.size(); c++) {
            ColumnSpec spec = schema.columns().get(c);
            try {
                table.addColumns(TextColumns.parse(spec, cells.get(c), metadata.missingValues(),
                        row -> name + ", row " + (rowsBefore + row + 1)));
            } catch (BadInputException e) {
                if (metadata.override(spec.name()) != null) {
                    throw e;
                }
                throw new BadInputException(e.getMessage() + " (read in batches: column '" + spec.name() + "' was taken "
                        + "to be " + spec.kind().name().toLowerCase(Locale.ROOT) + " from the first " + inferredFrom
                        + " rows; set its kind with --metadata)", e);
            }
            cells.set(c, null);
        }
        return Frame.of(table, schema);
    }

    /** The character a one-field header seems to be separated by instead (semicolon, tab, bar, comma), or 0. */
    private static char otherSeparator(List<String> header, char separator) {
        if (header.size() == 1) {
            for (char other : new char[] {';', '\t', '|', ','}) {
                if (other != separator && header.get(0).indexOf(other) >= 0) {
                    return other;
                }
            }
        }
        return 0;
    }

    /** What to do about a file separated by {@code other} ("" when there is none). */
    private static String hint(List<String> header, char other, char separator) {
        if (other == 0) {
            return "";
        }
        boolean tsv = separator == '\t';
        return " (the header is one field, '" + header.get(0) + "': this file seems to separate fields with "
                + (other == '\t' ? "tabs" : "'" + other + "'") + ", but " + (tsv ? ".tsv files use tabs" : ".csv files use commas")
                + "; save it with " + (tsv ? "tabs" : "commas and '.' as the decimal point")
                + (other == '\t' && !tsv ? ", or name it .tsv" : "") + ")";
    }

    /**
     * Refuses a header with a blank name or two names that tabsynth cannot tell apart: tables look columns up
     * regardless of case and read names without the spaces around them (`Name` and ` name` are one name).
     */
    static void checkHeader(String name, List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                throw new BadInputException(name + ", header: column " + (i + 1) + " has a blank name");
            }
            Integer before = seen.put(h.trim().toLowerCase(Locale.ROOT), i);
            if (before != null) {
                String first = header.get(before);
                throw new BadInputException(name + ", header: " + (first.equals(h)
                        ? "column name '" + h + "' appears twice (columns " + (before + 1) + " and " + (i + 1) + ")"
                        : "columns " + (before + 1) + " ('" + first + "') and " + (i + 1) + " ('" + h + "') have the same"
                                + " name to tabsynth, which ignores case and the spaces around a name: rename one"));
            }
        }
    }

    private static String decode(String name, byte[] bytes, char separator) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        if (ascii(bytes, start)) { // most files: no decoding to check, and no char buffer twice the file's size
            return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            out.flip();
            String prefix = out.toString();
            Position p = locate(prefix, separator);
            String column = "field " + p.field;
            int headerEnd = prefix.indexOf('\n');
            if (p.line > 1 && headerEnd > 0) {
                List<String> header = new ArrayList<>();
                split(name, prefix.substring(0, headerEnd), separator, (fields, line) -> {
                    if (header.isEmpty()) {
                        header.addAll(fields);
                    }
                });
                if (p.field <= header.size()) {
                    column = "column '" + header.get(p.field - 1).strip() + "'";
                }
            }
            throw new BadInputException(name + ", line " + p.line + ", " + column + ": bytes at offset " + offset
                    + " are not valid UTF-8 (save the file as UTF-8)");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static boolean ascii(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** Where the end of a text prefix falls: line number and field number, both 1-based. */
    private static Position locate(String prefix, char separator) {
        int line = 1;
        int field = 1;
        boolean quoted = false;
        for (int i = 0; i < prefix.length(); i++) {
            char ch = prefix.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '\n') {
                line++;
                if (!quoted) {
                    field = 1;
                }
            } else if (ch == separator && !quoted) {
                field++;
            }
        }
        return new Position(line, field);
    }

    private record Position(int line, int field) {
    }

    /** Receives the records of a file in order: the fields (a list reused for the next record) and its line. */
    interface Sink {
        void record(List<String> fields, int line);
    }

    /**
     * The records of a file as columns of cell texts: the header first, then each row checked against its width,
     * its fields appended to the columns (no list per row: a million rows made a million lists to throw away).
     */
    static final class Columns implements Sink {
        private final String name;
        private final char separator;
        private final int lines;
        /** The rows of the file before the part these columns hold (0 for a whole file). */
        private final long rowsBefore;
        List<String> header;
        private char other;
        private boolean allOneFieldWithOther;
        private List<List<String>> cells;
        private List<SharedTexts> shared;
        private int rows;

        /** @param lines at most as many records as the file will have (its line count) */
        Columns(String name, char separator, int lines) {
            this(name, separator, lines, 0);
        }

        /** Columns of a part of a file that follows {@code rowsBefore} rows. */
        Columns(String name, char separator, int lines, long rowsBefore) {
            this.name = name;
            this.separator = separator;
            this.lines = lines;
            this.rowsBefore = rowsBefore;
        }

        @Override
        public void record(List<String> fields, int line) {
            if (header == null) {
                header = List.copyOf(fields);
                checkHeader(name, header);
                other = otherSeparator(header, separator);
                allOneFieldWithOther = other != 0;
                cells = new ArrayList<>(header.size());
                shared = new ArrayList<>(header.size());
                for (int c = 0; c < header.size(); c++) {
                    cells.add(new ArrayList<>(lines));
                    shared.add(new SharedTexts());
                }
                return;
            }
            rows++;
            allOneFieldWithOther &= fields.size() == 1 && fields.get(0).indexOf(other) >= 0;
            if (fields.size() != header.size()) {
                throw new BadInputException(name + ", row " + (rowsBefore + rows) + " (line " + line + "): has " + fields.size()
                        + " fields, the header has " + header.size() + hint(header, other, separator));
            }
            for (int c = 0; c < fields.size(); c++) {
                cells.get(c).add(shared.get(c).of(fields.get(c)));
            }
        }

        /** The columns, once every record is in; errors for a file of a header alone or of one field per line. */
        /** The header (null before the first record). */
        List<String> header() {
            return header;
        }

        /** How many rows (records after the header). */
        int rows() {
            return rows;
        }

        List<List<String>> finish() {
            if (rows == 0) {
                throw new BadInputException(name + ": has a header but no data rows");
            }
            if (allOneFieldWithOther) {
                throw new BadInputException(name + ": every line is one field" + hint(header, other, separator));
            }
            shared = null;
            return cells;
        }
    }

    private static int lineBreaks(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    /** True if every record has as many fields as the first when split at {@code sep}. */
    private static boolean evenlySplit(String name, String text, char sep) {
        int[] width = {-1};
        boolean[] even = {true};
        split(name, text, sep, (fields, line) -> {
            if (width[0] < 0) {
                width[0] = fields.size();
            }
            even[0] &= fields.size() == width[0];
        });
        return even[0];
    }

    /** Splits the text into records, passing each to the sink; blank lines are skipped unless the header is one field. */
    private static void split(String name, String text, char sep, Sink out) {
        split(name, text, sep, out, 1, -1);
    }

    /**
     * Splits part of a file into records: its first line is {@code firstLine} of the file, and {@code headerWidth} is
     * the header's number of fields where the part comes after the header (-1 where the part starts the file).
     */
    static void split(String name, String text, char sep, Sink out, int firstLine, int headerWidth) {
        int n = text.length();
        int i = 0;
        int line = firstLine;
        int firstWidth = headerWidth;
        StringBuilder field = new StringBuilder();
        List<String> row = new ArrayList<>();
        while (i < n) {
            int recordLine = line;
            row.clear();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                if (i < n && text.charAt(i) == '"') {
                    int quoteLine = line;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new BadInputException(name + ", line " + quoteLine + ": a quoted field is never closed");
                        }
                        char ch = text.charAt(i++);
                        if (ch == '"') {
                            if (i < n && text.charAt(i) == '"') {
                                field.append('"');
                                i++;
                            } else {
                                break;
                            }
                        } else {
                            if (ch == '\n') {
                                line++;
                            }
                            field.append(ch);
                        }
                    }
                    if (i < n && text.charAt(i) != sep && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new BadInputException(name + ", line " + line + ", field " + (row.size() + 1)
                                + ": text after a closing quote");
                    }
                    row.add(field.toString());
                } else {
                    int s = i;
                    while (i < n) {
                        char ch = text.charAt(i);
                        if (ch == sep || ch == '\n' || ch == '\r') {
                            break;
                        }
                        i++;
                    }
                    row.add(text.substring(s, i)); // one copy, not two through the builder
                }
                if (i >= n) {
                    endOfRecord = true;
                } else {
                    char ch = text.charAt(i++);
                    if (ch == '\r') {
                        if (i < n && text.charAt(i) == '\n') {
                            i++;
                        }
                        line++;
                        endOfRecord = true;
                    } else if (ch == '\n') {
                        line++;
                        endOfRecord = true;
                    } else if (i >= n) {
                        row.add("");
                        endOfRecord = true;
                    }
                }
            }
            boolean blankLine = row.size() == 1 && row.get(0).isEmpty();
            if (!blankLine || firstWidth == 1) {
                if (firstWidth < 0) {
                    firstWidth = row.size();
                }
                out.record(row, recordLine);
            }
        }
    }
}
