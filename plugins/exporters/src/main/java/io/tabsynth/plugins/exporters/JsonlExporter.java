package io.tabsynth.plugins.exporters;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tabsynth.engine.data.CellText;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import io.tabsynth.engine.spi.Exporter;
import io.tabsynth.engine.spi.FrameWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
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
        return new FrameWriter() {
            @Override
            public void write(Frame batch) throws IOException {
                int cols = batch.columnCount();
                for (int r = 0; r < batch.rowCount(); r++) {
                    g.writeStartObject();
                    for (int c = 0; c < cols; c++) {
                        ColumnSpec spec = schema.column(c);
                        g.writeFieldName(spec.name());
                        Column<?> col = batch.column(c);
                        if (col.isMissing(r)) {
                            g.writeNull();
                            continue;
                        }
                        switch (spec.kind()) {
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
