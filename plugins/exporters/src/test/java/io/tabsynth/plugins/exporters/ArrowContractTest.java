package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.Exporter;
import io.tabsynth.testkit.ExporterContract;

/** The arrow exporter passes the exporter conformance kit. */
class ArrowContractTest extends ExporterContract {
    @Override
    protected Exporter exporter() {
        return new ArrowExporter();
    }
}
