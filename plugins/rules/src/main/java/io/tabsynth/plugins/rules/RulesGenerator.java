package io.tabsynth.plugins.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.plugins.rules.spec.SpecFile;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.Generator;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import io.tabsynth.spi.data.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.Extension;

/**
 * The rule-based generator ({@code rules}): designs data from a declarative spec rather than learning it
 * (distributions, conditional variants, expressions, correlated blocks, constraints, edge cases). Needs no
 * real data; the spec is the model. See docs/rules.md.
 */
@Extension
public final class RulesGenerator implements Generator {
    /** The generator id. */
    public static final String ID = "rules";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "rule-based: columns, dependencies, constraints and edge cases from a JSON/YAML spec; no real data needed";
    }

    @Override
    public List<ParamSpec> describe() {
        return List.of(
                ParamSpec.file("spec", "the rules spec (.json, .yaml); tabsynth rules infer writes a starting one"),
                ParamSpec.integer("maxTries", 100, 1, 1_000_000,
                        "rows drawn per row kept before the spec's constraints are declared unsatisfiable"));
    }

    @Override
    public boolean needsData() {
        return false;
    }

    @Override
    public Model fit(Frame data, Params params, FitContext context) {
        String spec = params.getString("spec");
        if (spec.isEmpty()) {
            throw new BadInputException("generator 'rules' needs a spec: --param spec=SPEC.json");
        }
        return new RulesModel(RulesSpec.read(SpecFile.read(Path.of(spec))), params.getInt("maxTries"));
    }

    @Override
    public Model load(InputStream in) throws IOException {
        JsonNode n = RulesModel.JSON.readTree(in);
        if (!"tabsynth-rules".equals(n.path("format").asText()) || n.path("version").asInt() != 1) {
            throw new IOException("not a rules model (format tabsynth-rules, version 1)");
        }
        return new RulesModel(RulesSpec.read(SpecFile.of("model spec", n.get("spec"))), n.path("maxTries").asInt(100));
    }
}
