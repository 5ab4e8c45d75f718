package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.Exporter;
import io.tabsynth.testkit.ExporterContract;

/** The csv exporter passes the exporter conformance kit. */
class CsvContractTest extends ExporterContract {
    @Override
    protected Exporter exporter() {
        return new CsvExporter();
    }
}
