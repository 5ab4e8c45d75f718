package io.tabsynth.plugins.exporters;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.DictionaryKeys;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * Writes JSON Lines ({@code .jsonl}, {@code .ndjson}): one object per row, keys in column order, numbers as
 * JSON numbers, booleans as booleans, datetimes as strings in the column's format, text as strings and
 * missing cells as {@code null}.
 */
@org.pf4j.Extension
public final class JsonlExporter implements Exporter {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String id() {
        return "jsonl";
    }

    @Override
    public List<String> formats() {
        return List.of("jsonl", "ndjson");
    }

    /** Its writer only appends, so the engine hashes the file while it is written. */
    @Override
    public boolean appendsOnly() {
        return true;
    }

    @Override
    public FrameWriter open(Path file, Schema schema) throws IOException {
        JsonGenerator g = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8);
        g.setRootValueSeparator(null);
        SerializedString[] names = new SerializedString[schema.size()];
        for (int c = 0; c < names.length; c++) {
            names[c] = new SerializedString(schema.column(c).name());
        }
        return new FrameWriter() {
            @Override
            public void write(Frame batch) throws IOException {
                int cols = batch.columnCount();
                SerializedString[][] texts = new SerializedString[cols][];
                byte[][] keys = new byte[cols][];
                for (int c = 0; c < cols; c++) {
                    if (schema.column(c).kind().isText()) {
                        // each value JSON-encoded once; missing cells (Tablesaw's "") stay null, written as null
                        StringColumn col = (StringColumn) batch.column(c);
                        texts[c] = DictionaryKeys.byByteKey(col, v -> v.isEmpty() ? null : new SerializedString(v),
                                SerializedString[]::new);
                        keys[c] = texts[c] == null ? null : DictionaryKeys.bytes(col);
                    }
                }
                for (int r = 0; r < batch.rowCount(); r++) {
                    g.writeStartObject();
                    for (int c = 0; c < cols; c++) {
                        g.writeFieldName(names[c]);
                        if (keys[c] != null) {
                            SerializedString text = texts[c][keys[c][r] + 128];
                            if (text != null) {
                                g.writeString(text);
                                continue;
                            }
                        }
                        Column<?> col = batch.column(c);
                        if (col.isMissing(r)) {
                            g.writeNull();
                            continue;
                        }
                        switch (schema.column(c).kind()) {
                            case CONTINUOUS:
                                g.writeNumber(CellText.number(((DoubleColumn) col).getDouble(r)));
                                break;
                            case INTEGER:
                                g.writeNumber(((LongColumn) col).getLong(r));
                                break;
                            case BOOLEAN:
                                g.writeBoolean(((BooleanColumn) col).get(r));
                                break;
                            default:
                                g.writeString(CellText.of(batch, c, r));
                        }
                    }
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            }

            @Override
            public void close() throws IOException {
                g.close();
            }
        };
    }
}
