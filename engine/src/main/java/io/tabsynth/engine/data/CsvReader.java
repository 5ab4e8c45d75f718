package io.tabsynth.engine.data;

import io.tabsynth.engine.BadInputException;
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
import java.util.List;
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
 * quote never closed, bytes that are not UTF-8, and cells that do not fit a kind forced by metadata. A file
 * that seems separated by another character (a one-field header holding semicolons, tabs or bars) gets a hint.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /** Reads a CSV file into a frame, inferring kinds except where the metadata sets them. */
    public static Frame read(Path file, Metadata metadata) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
        }
        char separator = file.getFileName().toString().toLowerCase().endsWith(".tsv") ? '\t' : ',';
        return parse(file.toString(), bytes, separator, metadata);
    }

    /**
     * Parses CSV bytes; {@code name} is used in error messages. With {@code ,} as the separator, a header with
     * semicolons and no commas makes it {@code ;} if every record then has as many fields as the header.
     */
    public static Frame parse(String name, byte[] bytes, char separator, Metadata metadata) {
        String text = decode(name, bytes, separator);
        if (text.isBlank()) {
            throw new BadInputException(name + ": the file is empty");
        }
        Records records = null;
        if (separator == ',' && semicolonHeader(text)) {
            Records semicolons = split(name, text, ';');
            int width = semicolons.rows.get(0).size();
            if (semicolons.rows.stream().allMatch(row -> row.size() == width)) {
                separator = ';';
                records = semicolons;
            }
        }
        if (records == null) {
            records = split(name, text, separator);
        }
        List<String> header = records.rows.get(0);
        checkHeader(name, header);
        int width = header.size();
        if (records.rows.size() == 1) {
            throw new BadInputException(name + ": has a header but no data rows");
        }
        int rows = records.rows.size() - 1;
        char other = otherSeparator(header, separator);
        if (other != 0 && records.rows.stream().allMatch(row -> row.size() == 1 && row.get(0).indexOf(other) >= 0)) {
            throw new BadInputException(name + ": every line is one field" + hint(header, other, separator));
        }
        List<List<String>> cells = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            cells.add(new ArrayList<>(rows));
        }
        for (int r = 1; r <= rows; r++) {
            List<String> row = records.rows.get(r);
            if (row.size() != width) {
                throw new BadInputException(name + ", row " + r + " (line " + records.lines.get(r) + "): has "
                        + row.size() + " fields, the header has " + width + hint(header, other, separator));
            }
            for (int c = 0; c < width; c++) {
                cells.get(c).add(row.get(c));
            }
        }
        records = null;
        if (separator == ';') {
            cells.replaceAll(column -> DecimalComma.normalize(column, metadata.missingValues()));
        }
        return frame(name, header, cells, metadata);
    }

    /** True if the first record, outside quotes, has a semicolon and no comma. */
    private static boolean semicolonHeader(String text) {
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
        MissingValues missing = metadata.missingValues();
        List<ColumnSpec> specs = new ArrayList<>(header.size());
        Table table = Table.create(name);
        for (int c = 0; c < header.size(); c++) {
            String col = header.get(c);
            ColumnSpec spec = metadata.override(col);
            if (spec == null) {
                spec = SchemaInference.infer(col, cells.get(c), missing);
            }
            specs.add(spec);
            table.addColumns(TextColumns.parse(spec, cells.get(c), missing, row -> name + ", row " + (row + 1)));
            cells.set(c, null);
        }
        Schema schema = Schema.of(specs);
        metadata.checkColumns(schema, Path.of(name));
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

    private static void checkHeader(String name, List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                throw new BadInputException(name + ", header: column " + (i + 1) + " has a blank name");
            }
            Integer before = seen.put(h, i);
            if (before != null) {
                throw new BadInputException(name + ", header: column name '" + h + "' appears twice (columns "
                        + (before + 1) + " and " + (i + 1) + ")");
            }
        }
    }

    private static String decode(String name, byte[] bytes, char separator) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
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
                List<String> header = split(name, prefix.substring(0, headerEnd), separator).rows.get(0);
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

    private static final class Records {
        final List<List<String>> rows = new ArrayList<>();
        final List<Integer> lines = new ArrayList<>();
    }

    private static Records split(String name, String text, char sep) {
        Records out = new Records();
        int n = text.length();
        int i = 0;
        int line = 1;
        StringBuilder field = new StringBuilder();
        while (i < n) {
            int recordLine = line;
            List<String> row = new ArrayList<>();
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
                } else {
                    int s = i;
                    while (i < n) {
                        char ch = text.charAt(i);
                        if (ch == sep || ch == '\n' || ch == '\r') {
                            break;
                        }
                        i++;
                    }
                    field.append(text, s, i);
                }
                row.add(field.toString());
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
            if (!blankLine || (!out.rows.isEmpty() && out.rows.get(0).size() == 1)) {
                out.rows.add(row);
                out.lines.add(recordLine);
            }
        }
        return out;
    }
}
