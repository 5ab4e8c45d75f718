package io.tabsynth.shell.cli;

import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.Engine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where plugins are, and which ledger records the steps. */
public final class EngineOptions {
    @Option(names = "--plugins", paramLabel = "DIR",
            description = "plugins directory (default: the distribution's plugins/)")
    Path plugins;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "lineage ledger (default: .tabsynth/ledger.jsonl in the working directory)")
    Path ledger;

    /** Opens an engine with the chosen plugins directory, the class path's extensions, and the ledger. */
    public Engine open() {
        return Engine.open(pluginsDir(), true, Lineage.standard(ledger));
    }

    /** As {@link #open()}, every step recorded also naming what {@code context} adds (a charter, a plan). */
    public Engine open(Lineage.Context context) {
        return Engine.open(pluginsDir(), true, lineage().with(context));
    }

    /** The plugins directory: the one named, else the distribution's, else none (class path only). */
    public Path pluginsDir() {
        if (plugins == null && System.getProperty("tabsynth.dist") != null) {
            return Path.of(System.getProperty("tabsynth.dist"), "plugins");
        }
        return plugins;
    }

    /** The ledger these options name (the default one if none). */
    public Lineage lineage() {
        return Lineage.standard(ledger);
    }
}
