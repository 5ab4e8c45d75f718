package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.Exporter;
import io.tabsynth.testkit.ExporterContract;

/** The parquet exporter passes the exporter conformance kit. */
class ParquetContractTest extends ExporterContract {
    @Override
    protected Exporter exporter() {
        return new ParquetExporter();
    }
}
