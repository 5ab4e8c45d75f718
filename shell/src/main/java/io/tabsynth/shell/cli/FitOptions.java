package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.Plan;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.governance.optout.Exclusion;
import io.tabsynth.engine.governance.optout.OptOutList;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say what to fit: data, metadata, generator, its parameters and constraints. */
public final class FitOptions {
    @Option(names = "--data", paramLabel = "REAL",
            description = "real data (.csv, .tsv, .jsonl, .arrow, .parquet); not needed by the rules generator")
    Path data;

    @Option(names = "--metadata", paramLabel = "M", description = "JSON file overriding column kinds and missing values")
    Path metadata;

    @Option(names = "--generator", required = true, paramLabel = "ID", description = "generator id (see tabsynth plugins)")
    String generator;

    @Option(names = "--param", paramLabel = "k=v", description = "generator parameter (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--constraints", paramLabel = "C.json",
            description = "constraints every sampled row must satisfy (JSON or YAML; see docs/rules.md)")
    Path constraints;

    @Option(names = "--exclude", paramLabel = "OPTOUTS.csv",
            description = "opt-out list: rows whose --key is on it are removed before anything is learned")
    Path exclude;

    @Option(names = "--key", paramLabel = "COLUMN",
            description = "the column that --exclude's list and the data share (e.g. customer_id)")
    String key;

    @Option(names = "--streaming", description = "read --data (CSV, TSV, Arrow IPC or Parquet) in batches, in memory that does not grow "
            + "with its rows: for data larger than memory (gaussian-copula; see docs/data.md)")
    boolean streaming;

    @Option(names = "--policy", paramLabel = "P.json",
            description = "a policy whose privacyBudget (maxEpsilon) the fit must stay within, checked before the data is "
                    + "read (exit 3 if it would not; see docs/privacy.md)")
    Path policy;

    /**
     * Checks the privacy budget of the policy and of the charter ({@code null} for none) before a value is read, then reads the data (or returns null when none was
     * given), refuses data that still holds a key of the charter's opt-out list unless --exclude gives that list, removes
     * the opted-out rows, and fits under the constraints.
     */
    FittedModel fit(Engine e, long seed, Progress progress, SignedCharter charter) {
        checkPrivacyBudget(e, null, charter);
        if (streaming) {
            if (data == null || constraints != null || exclude != null || key != null) {
                throw new BadInputException("--streaming reads --data in batches, and cannot be given with "
                        + "--constraints, --exclude or --key, which need every row at once");
            }
            return e.fitStreaming(data, metadata, generator, params, seed, progress);
        }
        OptOutList optOuts = optOuts();
        Frame frame = data == null ? null : e.read(data, metadata);
        if (frame != null && Artifact.of(frame) != null) {
            // the same content in other bytes (CRLF line ends, another format) is found by its content digest
            checkPrivacyBudget(e, Artifact.of(frame).contentSha256(), charter);
        }
        if (charter != null && charter.charter().optOuts() != null) {
            charter.charter().optOuts().require(frame, optOuts, charter.file());
        }
        ConstraintFile c = constraints == null ? null : e.constraints(constraints);
        return e.fit(frame, generator, params, seed, progress, c, optOuts);
    }

    /**
     * The budget limits of --policy and of the charter ({@code null} for none): before the data is read
     * ({@code contentSha256} null, the file's bytes are digested), and again once it is parsed, by its content digest.
     */
    private void checkPrivacyBudget(Engine e, String contentSha256, SignedCharter charter) {
        if (policy != null) {
            e.checkPrivacyBudget(policy, data, contentSha256, generator, params);
        }
        if (charter != null) {
            e.checkPrivacyBudget(charter.charter().budgetLimits(charter.file()), data, contentSha256, generator, params);
        }
    }

    /** The opt-out list --exclude names, read by --key; {@code null} without --exclude. */
    private OptOutList optOuts() {
        if (exclude == null && key == null) {
            return null;
        }
        if (exclude == null || key == null) {
            throw new BadInputException(exclude == null ? "--key names the column of an opt-out list: give the list with "
                    + "--exclude" : "--exclude needs --key, the column its list and the data share (e.g. --key customer_id)");
        }
        return OptOutList.read(exclude, key);
    }

    /** "honoured the opt-out list F (key K): N rows removed" for a fit that honoured one, else the empty text. */
    static String optOutNote(FittedModel m) {
        if (!(m.fitResults().get(Exclusion.RESULT) instanceof Map<?, ?> r)) {
            return "";
        }
        return "honoured the opt-out list " + r.get("list") + " (key " + r.get("key") + "): "
                + Exclusion.removedText(r) + " before fitting" + System.lineSeparator();
    }

    /** The generation plan of the fit these options ask for, under the charter {@code c} ({@code null} for none). */
    Plan plan(long seed, SignedCharter c) {
        return Plan.of(data, generator, params, seed, metadata, constraints, c == null ? null : c.digest());
    }

    /** Files this step reads, which no output may overwrite. */
    Path[] inputs() {
        return new Path[] {data, metadata, constraints, policy, params.get("spec") == null ? null : Path.of(params.get("spec")),
                exclude};
    }
}
