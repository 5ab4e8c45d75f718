package io.tabsynth.engine.run;

/**
 * Where an extension comes from: what users call it, which extension point it implements, and the plugin
 * (id and version) that provides it.
 *
 * @param id            the extension's id, e.g. {@code gaussian-copula}
 * @param type          {@code generator}, {@code evaluator} or {@code exporter}
 * @param pluginId      the providing plugin's id
 * @param pluginVersion the providing plugin's version
 * @param source        where it was found: the plugin's path, or {@code classpath}
 * @param description   one line for people
 */
public record ExtensionInfo(String id, String type, String pluginId, String pluginVersion, String source,
                            String description) {
}
