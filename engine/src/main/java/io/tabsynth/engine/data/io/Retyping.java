package io.tabsynth.engine.data.io;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.MissingValues;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.data.TextColumns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Applies a metadata file's kinds to a frame read from a typed format (Arrow, Parquet). */
final class Retyping {
    private Retyping() {
    }

    static Frame apply(Frame frame, Metadata metadata, Path file) {
        metadata.checkColumns(frame.schema(), file);
        if (metadata.columns().isEmpty()) {
            return frame;
        }
        Table table = Table.create(frame.table().name());
        List<ColumnSpec> specs = new ArrayList<>();
        for (int c = 0; c < frame.columnCount(); c++) {
            ColumnSpec current = frame.schema().column(c);
            ColumnSpec wanted = metadata.override(current.name());
            if (wanted == null || wanted.sameType(current)) {
                specs.add(wanted == null ? current : wanted);
                table.addColumns(frame.column(c));
                continue;
            }
            if (wanted.kind() == ColumnKind.DATETIME && current.kind() == ColumnKind.DATETIME) {
                specs.add(wanted);
                table.addColumns(frame.column(c));
                continue;
            }
            List<String> cells = new ArrayList<>(frame.rowCount());
            for (int r = 0; r < frame.rowCount(); r++) {
                String t = CellText.of(frame, c, r);
                cells.add(t == null ? "" : t);
            }
            Column<?> col;
            try {
                col = TextColumns.parse(wanted, cells, new MissingValues(java.util.Set.of("")),
                        row -> file + ", row " + (row + 1));
            } catch (BadInputException e) {
                throw new BadInputException(e.getMessage() + " (metadata asks for " + wanted.kind().jsonName()
                        + ", the file stores " + current.kind().jsonName() + ")");
            }
            specs.add(wanted);
            table.addColumns(col);
        }
        return Frame.of(table, Schema.of(specs));
    }
}
