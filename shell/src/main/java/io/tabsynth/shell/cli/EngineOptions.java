package io.tabsynth.shell.cli;

import io.tabsynth.engine.run.Engine;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: where plugins are. */
public final class EngineOptions {
    @Option(names = "--plugins", paramLabel = "DIR",
            description = "plugins directory (default: the distribution's plugins/)")
    Path plugins;

    /** Opens an engine with the chosen plugins directory and the class path's extensions. */
    public Engine open() {
        Path dir = plugins;
        if (dir == null && System.getProperty("tabsynth.home") != null) {
            dir = Path.of(System.getProperty("tabsynth.home"), "plugins");
        }
        return Engine.open(dir, true);
    }
}
