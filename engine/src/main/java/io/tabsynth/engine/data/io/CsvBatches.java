package io.tabsynth.engine.data.io;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * A CSV or TSV file read in batches of rows, each pass holding one batch's text and cells at a time. The first batch
 * fixes the schema: kinds are inferred from its rows as {@link CsvReader} infers them from a whole file (the metadata
 * still sets any), and every later cell must fit them: one that does not is refused naming the file, its row and
 * column. Records, quoting, the header's checks and the messages are {@link CsvReader}'s; a file separated by
 * semicolons (with decimal commas) is not read in batches, since whether a column has decimal commas is decided
 * over all of its cells.
 */
public final class CsvBatches implements FileBatches {
    /** Rows in a batch by default. */
    public static final int DEFAULT_BATCH_ROWS = 65_536;
    private static final int BUFFER = 1 << 16;

    private final Path file;
    private final String name;
    private final Metadata metadata;
    private final int batchRows;
    private final char separator;
    private final Schema schema;
    private final Frame first;

    /** Opens the file and reads its first batch, which fixes the schema. */
    public CsvBatches(Path file, Metadata metadata, int batchRows) {
        this.file = file;
        this.name = file.toString();
        this.metadata = metadata;
        this.batchRows = batchRows;
        this.separator = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? '\t' : ',';
        try (Chunks chunks = new Chunks()) {
            this.first = chunks.next(true);
            if (first == null) {
                throw new BadInputException(name + ": the file is empty");
            }
        }
        this.schema = first.schema();
    }

    @Override
    public Schema schema() {
        return schema;
    }

    @Override
    public Frame first() {
        return first;
    }

    @Override
    public FrameStream open() {
        Chunks chunks = new Chunks();
        return new FrameStream() {
            private Frame next = chunks.next(false);

            @Override
            public Schema schema() {
                return schema;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Frame next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Frame out = next;
                next = chunks.next(false);
                return out;
            }

            @Override
            public void close() {
                chunks.close();
            }
        };
    }

    /** The file's records, a batch of rows at a time: the text of whole records, split by {@link CsvReader}. */
    private final class Chunks implements AutoCloseable {
        private final Reader in;
        private final char[] buffer = new char[BUFFER];
        private final StringBuilder text = new StringBuilder();
        private int start;
        private int end;
        private boolean eof;
        private boolean quoted;
        private boolean atStart = true;
        private int line = 1;
        private long rows;
        private List<String> header;

        Chunks() {
            InputStream bytes;
            try {
                bytes = Files.newInputStream(file);
            } catch (NoSuchFileException e) {
                throw new BadInputException(file + ": file not found");
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
            }
            in = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        }

        /**
         * The next batch as a frame, or null after the last; {@code infer}: the first batch, whose kinds are inferred
         * (later ones are parsed by {@link #schema}).
         */
        Frame next(boolean infer) {
            if (header == null) {
                header = headerRecord();
                if (header == null) {
                    return null;
                }
            }
            int firstLine = line;
            String part = records(batchRows);
            if (part.isEmpty()) {
                if (rows == 0) {
                    throw new BadInputException(name + ": has a header but no data rows");
                }
                return null;
            }
            CsvReader.Columns columns = new CsvReader.Columns(name, separator, batchRows + 1, rows);
            columns.record(header, 1);
            CsvReader.split(name, part, separator, columns, firstLine, header.size());
            if (columns.rows() == 0) {
                return next(infer);
            }
            List<List<String>> cells = columns.finish();
            long before = rows;
            rows += columns.rows();
            if (infer) {
                return CsvReader.frame(name, header, cells, metadata);
            }
            return CsvReader.frame(name, cells, schema, metadata, before, first.rowCount());
        }

        /** The header record, checked as a whole file's is; null for an empty file. */
        private List<String> headerRecord() {
            String part = records(1);
            if (part.isBlank()) {
                return null;
            }
            if (separator == ',' && CsvReader.semicolonHeader(part)) {
                throw new BadInputException(name + ": the header is separated by ';': a file with semicolons (and "
                        + "decimal commas) is read whole, not in batches; fit it without --streaming, or save it "
                        + "with commas");
            }
            CsvReader.Columns columns = new CsvReader.Columns(name, separator, 1);
            CsvReader.split(name, part, separator, columns, 1, -1);
            return columns.header();
        }

        /** The text of up to {@code count} more records (line breaks inside quotes do not end one). */
        private String records(int count) {
            text.setLength(0);
            int done = 0;
            while (done < count) {
                if (start == end && !fill()) {
                    break;
                }
                int i = start;
                while (i < end && done < count) {
                    char ch = buffer[i++];
                    if (ch == '"') {
                        quoted = !quoted;
                    } else if (ch == '\n') {
                        line++;
                        if (!quoted) {
                            done++;
                        }
                    }
                }
                text.append(buffer, start, i - start);
                start = i;
            }
            return text.toString();
        }

        private boolean fill() {
            if (eof) {
                return false;
            }
            try {
                int n = in.read(buffer, 0, buffer.length);
                if (n < 0) {
                    eof = true;
                    return false;
                }
                start = 0;
                end = n;
                if (atStart && n > 0 && buffer[0] == '\uFEFF') {
                    start = 1;
                }
                atStart = false;
                return start < end || fill();
            } catch (CharacterCodingException e) {
                throw new BadInputException(name + ", line " + line + " or the next: bytes that are not valid UTF-8 "
                        + "(save the file as UTF-8)");
            } catch (IOException e) {
                throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // a file opened only for reading: nothing was lost
            }
        }
    }
}
