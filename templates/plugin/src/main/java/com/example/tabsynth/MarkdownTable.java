package com.example.tabsynth;

import io.tabsynth.spi.Exporter;
import io.tabsynth.spi.FrameWriter;
import io.tabsynth.spi.data.CellText;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.Extension;

/**
 * An example third-party exporter ({@code markdown}, {@code .md}): rows as a Markdown table, missing cells
 * empty, pipes escaped. The engine makes the write atomic; the exporter writes the path it is given.
 */
@Extension
public final class MarkdownTable implements Exporter {
    @Override
    public String id() {
        return "markdown";
    }

    @Override
    public List<String> formats() {
        return List.of("md");
    }

    @Override
    public FrameWriter open(Path file, Schema schema) throws IOException {
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write("| " + String.join(" | ", schema.names().stream().map(MarkdownTable::escape).toList()) + " |\n");
        out.write("|" + " --- |".repeat(schema.size()) + "\n");
        return new FrameWriter() {
            @Override
            public void write(Frame batch) throws IOException {
                StringBuilder b = new StringBuilder();
                for (int r = 0; r < batch.rowCount(); r++) {
                    b.append('|');
                    for (int c = 0; c < batch.columnCount(); c++) {
                        b.append(' ').append(batch.isMissing(c, r) ? "" : escape(CellText.of(batch, c, r))).append(" |");
                    }
                    b.append('\n');
                }
                out.write(b.toString());
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
