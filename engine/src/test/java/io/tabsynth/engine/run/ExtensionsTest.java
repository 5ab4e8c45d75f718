package io.tabsynth.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.ConstraintLanguage;
import io.tabsynth.spi.Constraints;
import io.tabsynth.spi.TabsynthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One lookup for every kind of extension: ids claimed twice, and constraint languages never picked silently. */
class ExtensionsTest {
    @TempDir
    Path dir;

    /** A constraint language that only says who it is. */
    private record Language(String id) implements ConstraintLanguage {
        @Override
        public Constraints read(Path file) {
            throw new UnsupportedOperationException("read by " + id);
        }

        @Override
        public Constraints fromSpec(JsonNode spec, String where) {
            throw new UnsupportedOperationException("spec read by " + id);
        }
    }

    private static PluginHost.Found<ConstraintLanguage> found(String id, String plugin, String source) {
        return new PluginHost.Found<>(new Language(id), new ExtensionInfo(id, "constraints", plugin, "1.0", source, ""));
    }

    private static Extensions withLanguages(List<PluginHost.Found<ConstraintLanguage>> languages) {
        return new Extensions(List.of(), List.of(), List.of(), List.of(), languages, List.of());
    }

    @Test
    void twoClassPathPluginsClaimingOneIdAreAnErrorNamingBoth() {
        var a = found("rules", "rules-a", PluginHost.CLASSPATH);
        var b = found("rules", "rules-b", PluginHost.CLASSPATH);
        TabsynthException e = assertThrows(TabsynthException.class,
                () -> PluginHost.oneById(List.of(a, b), "constraints"));
        assertEquals("two plugins provide constraints 'rules': rules-a (classpath) and rules-b (classpath); remove one",
                e.getMessage());
    }

    @Test
    void twoInstalledPluginsClaimingOneIdAreAnError() {
        var a = found("rules", "rules-a", "/plugins/a");
        var b = found("rules", "rules-b", "/plugins/b");
        assertThrows(TabsynthException.class, () -> PluginHost.oneById(List.of(a, b), "constraints"));
    }

    @Test
    void anInstalledPluginReplacesTheClassPathOneOfItsIdInEitherOrder() {
        var dev = found("rules", "rules", PluginHost.CLASSPATH);
        var installed = found("rules", "rules", "/plugins/rules");
        var other = found("sql", "sql", PluginHost.CLASSPATH);
        assertEquals(List.of(installed, other), PluginHost.oneById(List.of(dev, installed, other), "constraints"));
        assertEquals(List.of(installed, other), PluginHost.oneById(List.of(installed, dev, other), "constraints"));
    }

    @Test
    void theOnlyConstraintLanguageIsUsed() {
        var only = found("rules", "rules", PluginHost.CLASSPATH);
        assertSame(only, withLanguages(List.of(only)).constraintLanguage(null, "c.json", "none"));
    }

    @Test
    void severalConstraintLanguagesNeedAChoice() throws Exception {
        var rules = found("rules", "rules", PluginHost.CLASSPATH);
        var sql = found("sql", "sql-checks", PluginHost.CLASSPATH);
        Extensions ext = withLanguages(List.of(rules, sql));
        BadInputException e = assertThrows(BadInputException.class, () -> ext.constraintLanguage(null, "c.json", "none"));
        assertEquals("c.json: several installed plugins read constraints (rules, sql), and none was chosen; name one by "
                + "its id", e.getMessage());
        assertSame(sql, ext.constraintLanguage("sql", "c.json", "none"));
        assertEquals("no constraint language 'sqk' (did you mean 'sql'?) (installed: rules, sql)",
                assertThrows(BadInputException.class, () -> ext.constraintLanguage("sqk", "c.json", "none")).getMessage());
        // through the engine's service: the file is read by the chosen language, not the first found
        Path file = Files.writeString(dir.resolve("c.json"), "{}");
        Fitting fitting = new Fitting(ext, new Recorder(null));
        assertThrows(BadInputException.class, () -> fitting.constraints(file, null));
        assertEquals("read by sql", assertThrows(UnsupportedOperationException.class,
                () -> fitting.constraints(file, "sql")).getMessage());
    }

    @Test
    void noConstraintLanguageGivesTheCallersMessage() {
        assertEquals("c.json: nothing reads it", assertThrows(BadInputException.class,
                () -> withLanguages(List.of()).constraintLanguage(null, "c.json", "c.json: nothing reads it")).getMessage());
    }
}
