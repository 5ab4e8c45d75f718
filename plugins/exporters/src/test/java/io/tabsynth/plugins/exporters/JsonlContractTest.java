package io.tabsynth.plugins.exporters;

import io.tabsynth.spi.Exporter;
import io.tabsynth.testkit.ExporterContract;

/** The jsonl exporter passes the exporter conformance kit. */
class JsonlContractTest extends ExporterContract {
    @Override
    protected Exporter exporter() {
        return new JsonlExporter();
    }
}
