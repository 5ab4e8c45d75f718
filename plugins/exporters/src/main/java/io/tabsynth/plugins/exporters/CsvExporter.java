package io.tabsynth.plugins.exporters;

import io.tabsynth.engine.data.CellText;
import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.DateTimeFormats;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.spi.Exporter;
import io.tabsynth.engine.spi.FrameWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.List;
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

    @Override
    public FrameWriter open(Path file, Schema schema) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        return new Csv(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), schema,
                file.getFileName().toString().toLowerCase().endsWith(".tsv") ? '\t' : ',');
    }

    private static final class Csv implements FrameWriter {
        private final Writer out;
        private final Schema schema;
        private final char sep;
        private final DateTimeFormatter[] formats;
        private final StringBuilder line = new StringBuilder(1 << 16);

        Csv(Writer out, Schema schema, char sep) throws IOException {
            this.out = out;
            this.schema = schema;
            this.sep = sep;
            this.formats = new DateTimeFormatter[schema.size()];
            for (int c = 0; c < schema.size(); c++) {
                if (schema.column(c).kind() == ColumnKind.DATETIME) {
                    formats[c] = DateTimeFormats.formatter(schema.column(c).format());
                }
                if (c > 0) {
                    line.append(sep);
                }
                appendText(schema.column(c).name());
            }
            line.append('\n');
            flushLine();
        }

        @Override
        public void write(Frame batch) throws IOException {
            int rows = batch.rowCount();
            int cols = batch.columnCount();
            Column<?>[] columns = new Column<?>[cols];
            ColumnKind[] kinds = new ColumnKind[cols];
            for (int c = 0; c < cols; c++) {
                columns[c] = batch.column(c);
                kinds[c] = schema.column(c).kind();
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (c > 0) {
                        line.append(sep);
                    }
                    appendCell(columns[c], kinds[c], formats[c], r);
                }
                line.append('\n');
                if (line.length() > 1 << 16) {
                    flushLine();
                }
            }
            flushLine();
        }

        private void appendCell(Column<?> col, ColumnKind kind, DateTimeFormatter format, int r) {
            switch (kind) {
                case CONTINUOUS: {
                    double v = ((DoubleColumn) col).getDouble(r);
                    if (!Double.isNaN(v)) {
                        CellText.appendNumber(line, v);
                    }
                    break;
                }
                case INTEGER: {
                    LongColumn l = (LongColumn) col;
                    if (!l.isMissing(r)) {
                        line.append(l.getLong(r));
                    }
                    break;
                }
                case BOOLEAN: {
                    BooleanColumn b = (BooleanColumn) col;
                    if (!b.isMissing(r)) {
                        line.append(b.get(r) ? "true" : "false");
                    }
                    break;
                }
                case DATETIME: {
                    DateTimeColumn d = (DateTimeColumn) col;
                    if (!d.isMissing(r)) {
                        format.formatTo(d.get(r), line);
                    }
                    break;
                }
                default:
                    appendText(((StringColumn) col).get(r));
            }
        }

        private void appendText(String s) {
            boolean quote = false;
            for (int i = 0; i < s.length() && !quote; i++) {
                char ch = s.charAt(i);
                quote = ch == sep || ch == '"' || ch == '\n' || ch == '\r';
            }
            if (!quote) {
                line.append(s);
                return;
            }
            line.append('"');
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    line.append('"');
                }
                line.append(ch);
            }
            line.append('"');
        }

        private void flushLine() throws IOException {
            out.append(line);
            line.setLength(0);
        }

        @Override
        public void close() throws IOException {
            flushLine();
            out.close();
        }
    }
}
