package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.DateTimeFormats;
import io.tabsynth.spi.data.DictionaryKeys;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.NumberText;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Writes RFC 4180 CSV in UTF-8 ({@code .csv}; {@code .tsv} with tabs): a header, then one line per row,
 * {@code \n} line ends. Fields holding the separator, a quote or a line break are quoted; missing cells are
 * empty; numbers are plain decimals (see {@link CellText}); datetimes use the column's format. What
 * tabsynth's CSV reader reads back gives the same frame.
 */
@org.pf4j.Extension
public final class CsvExporter implements Exporter {
    @Override
    public String id() {
        return "csv";
    }

    @Override
    public List<String> formats() {
        return List.of("csv", "tsv");
    }

    /** Its writer only appends, so the engine hashes the file while it is written. */
    @Override
    public boolean appendsOnly() {
        return true;
    }

    @Override
    public FrameWriter open(Path file, Schema schema) throws IOException {
        return new Csv(Files.newOutputStream(file), schema,
                file.getFileName().toString().toLowerCase().endsWith(".tsv") ? '\t' : ',');
    }

    /** Writes straight to UTF-8 bytes; the encoded form of each distinct text value is computed once. */
    private static final class Csv implements FrameWriter {
        private static final int CACHE_LIMIT = 200_000;
        private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

        private final OutputStream out;
        private final Schema schema;
        private final char sep;
        private final String[] formats;
        /** Number columns' formats ({@link NumberText}), null for plain numbers; one per writer. */
        private final DecimalFormat[] numberFormats;
        private final ByteLine line = new ByteLine();
        private final StringBuilder scratch = new StringBuilder(32);
        private final Map<String, byte[]> encoded = new HashMap<>();

        Csv(OutputStream out, Schema schema, char sep) throws IOException {
            this.out = out;
            this.schema = schema;
            this.sep = sep;
            this.formats = new String[schema.size()];
            this.numberFormats = new DecimalFormat[schema.size()];
            for (int c = 0; c < schema.size(); c++) {
                if (schema.column(c).kind() == ColumnKind.DATETIME) {
                    formats[c] = schema.column(c).format();
                } else if (schema.column(c).format() != null) {
                    numberFormats[c] = NumberText.formatter(schema.column(c).format());
                }
                if (c > 0) {
                    line.put((byte) sep);
                }
                line.put(encode(schema.column(c).name()));
            }
            line.put((byte) '\n');
        }

        @Override
        public void write(Frame batch) throws IOException {
            int rows = batch.rowCount();
            int cols = batch.columnCount();
            Column<?>[] columns = new Column<?>[cols];
            ColumnKind[] kinds = new ColumnKind[cols];
            TextCells[] texts = new TextCells[cols];
            for (int c = 0; c < cols; c++) {
                columns[c] = batch.column(c);
                kinds[c] = schema.column(c).kind();
                if (kinds[c].isText()) {
                    texts[c] = textCells((StringColumn) columns[c]);
                }
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (c > 0) {
                        line.put((byte) sep);
                    }
                    if (texts[c] != null) {
                        line.put(texts[c].at(r));
                    } else {
                        appendCell(columns[c], kinds[c], formats[c], numberFormats[c], r);
                    }
                }
                line.put((byte) '\n');
                if (line.length() > 1 << 16) {
                    line.writeTo(out);
                }
            }
        }

        /** The encoded field of each row of one text column in one batch. */
        @FunctionalInterface
        private interface TextCells {
            byte[] at(int row);
        }

        /**
         * A batch's text column. Tablesaw keeps a column of up to 127 distinct values as one byte per row
         * and a dictionary; each of its values is then encoded once for the batch and rows are written
         * by their byte, with no look-up by string. A missing cell (Tablesaw's empty string) is an empty
         * field either way.
         */
        private TextCells textCells(StringColumn col) {
            byte[] keys = DictionaryKeys.bytes(col);
            if (keys == null) {
                return r -> encode(col.get(r));
            }
            byte[][] byKey = DictionaryKeys.byByteKey(col, this::encode, byte[][]::new);
            return r -> {
                byte[] b = byKey[keys[r] + 128];
                return b != null ? b : encode(col.get(r));
            };
        }

        private void appendCell(Column<?> col, ColumnKind kind, String format, DecimalFormat number, int r) {
            if (number != null) {
                if (!col.isMissing(r)) {
                    String text = kind == ColumnKind.INTEGER ? number.format(((LongColumn) col).getLong(r))
                            : number.format(((DoubleColumn) col).getDouble(r));
                    line.put(quote(text).getBytes(StandardCharsets.UTF_8));
                }
                return;
            }
            switch (kind) {
                case CONTINUOUS: {
                    double v = ((DoubleColumn) col).getDouble(r);
                    if (!Double.isNaN(v)) {
                        scratch.setLength(0);
                        CellText.appendNumber(scratch, v);
                        line.putAscii(scratch);
                    }
                    break;
                }
                case INTEGER: {
                    LongColumn l = (LongColumn) col;
                    if (!l.isMissing(r)) {
                        line.putLong(l.getLong(r));
                    }
                    break;
                }
                case BOOLEAN: {
                    BooleanColumn b = (BooleanColumn) col;
                    if (!b.isMissing(r)) {
                        line.put(b.get(r) ? TRUE : FALSE);
                    }
                    break;
                }
                case DATETIME: {
                    DateTimeColumn d = (DateTimeColumn) col;
                    if (!d.isMissing(r)) {
                        line.put(encode(DateTimeFormats.format(d.get(r), format)));
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("text column " + col.name() + " goes through textCells");
            }
        }

        /** The CSV bytes of a text field: UTF-8, quoted when it holds the separator, a quote or a line break. */
        private byte[] encode(String s) {
            byte[] b = encoded.get(s);
            if (b == null) {
                b = quote(s).getBytes(StandardCharsets.UTF_8);
                if (encoded.size() < CACHE_LIMIT) {
                    encoded.put(s, b);
                }
            }
            return b;
        }

        private String quote(String s) {
            boolean quote = false;
            for (int i = 0; i < s.length() && !quote; i++) {
                char ch = s.charAt(i);
                quote = ch == sep || ch == '"' || ch == '\n' || ch == '\r';
            }
            return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
        }

        @Override
        public void close() throws IOException {
            try (out) {
                line.writeTo(out);
            }
        }
    }
}
