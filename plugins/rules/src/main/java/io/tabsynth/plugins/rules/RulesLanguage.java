package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.plugins.rules.constraint.RuleConstraints;
import io.tabsynth.plugins.rules.spec.SpecFile;
import io.tabsynth.spi.ConstraintLanguage;
import io.tabsynth.spi.Constraints;
import java.nio.file.Path;
import org.pf4j.Extension;

/** Reads constraints files (JSON or YAML) for {@code --constraints}; see docs/rules.md. */
@Extension
public final class RulesLanguage implements ConstraintLanguage {
    @Override
    public String id() {
        return "rules";
    }

    @Override
    public Constraints read(Path file) {
        return RuleConstraints.read(SpecFile.read(file));
    }

    @Override
    public Constraints fromSpec(JsonNode spec, String where) {
        return RuleConstraints.fromSpec(spec, where);
    }
}
