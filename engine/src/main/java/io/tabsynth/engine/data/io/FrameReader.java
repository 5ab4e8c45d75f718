package io.tabsynth.engine.data.io;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import java.util.Locale;

/** Reads a data file into a frame, choosing the format by the file's extension. */
public final class FrameReader {
    private FrameReader() {
    }

    /**
     * Reads CSV ({@code .csv}, {@code .tsv}), JSON Lines ({@code .jsonl}, {@code .ndjson}), Arrow IPC
     * ({@code .arrow}, {@code .feather}, {@code .ipc}) or Parquet.
     */
    public static Frame read(Path file, Metadata metadata) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return CsvReader.read(file, metadata);
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JsonlReader.read(file, metadata);
        }
        if (name.endsWith(".arrow") || name.endsWith(".feather") || name.endsWith(".ipc")) {
            return ArrowIpcReader.read(file, metadata);
        }
        if (name.endsWith(".parquet")) {
            return ParquetFrameReader.read(file, metadata);
        }
        throw new BadInputException(file + ": unknown data format (expected .csv, .tsv, .jsonl, .ndjson, .arrow, .feather, .ipc or .parquet)");
    }

    /**
     * A data file read in batches, its schema fixed by the first batch: CSV and TSV in batches of {@code batchRows}
     * rows ({@link CsvBatches}), Arrow IPC by its record batches ({@link ArrowIpcReader#batches}), Parquet in batches
     * of {@code batchRows} rows ({@link ParquetFrameReader#batches}); other formats are refused.
     */
    public static FileBatches batches(Path file, Metadata metadata, int batchRows) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return new CsvBatches(file, metadata, batchRows);
        }
        if (name.endsWith(".arrow") || name.endsWith(".feather") || name.endsWith(".ipc")) {
            return ArrowIpcReader.batches(file, metadata);
        }
        if (name.endsWith(".parquet")) {
            return ParquetFrameReader.batches(file, metadata, batchRows);
        }
        throw new BadInputException(file + ": data read in batches (--streaming) must be CSV, TSV, Arrow IPC or Parquet "
                + "(.csv, .tsv, .arrow, .feather, .ipc, .parquet); read other formats without --streaming");
    }

    /** Reads with no metadata overrides. */
    public static Frame read(Path file) {
        return read(file, Metadata.NONE);
    }
}
