package io.tabsynth.shell.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say what to fit: data, metadata, generator and its parameters. */
public final class FitOptions {
    @Option(names = "--data", required = true, paramLabel = "REAL", description = "real data (.csv, .tsv, .arrow, .parquet)")
    Path data;

    @Option(names = "--metadata", paramLabel = "M", description = "JSON file overriding column kinds and missing values")
    Path metadata;

    @Option(names = "--generator", required = true, paramLabel = "ID", description = "generator id (see tabsynth plugins)")
    String generator;

    @Option(names = "--param", paramLabel = "k=v", description = "generator parameter (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();
}
