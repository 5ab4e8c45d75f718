package io.tabsynth.shell.cli;

import io.tabsynth.engine.drift.DriftReport;
import io.tabsynth.engine.drift.PopulationStability;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.Lineage;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.RevalidateRequest;
import io.tabsynth.engine.run.Revalidation;
import io.tabsynth.spi.JsonOutput;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth revalidate CERT --real NEW.csv}: does the certificate still hold, and how far has the real data moved? */
@Command(name = "revalidate", description = "Re-run a certificate's evaluation and checks against a newer snapshot of the "
        + "real data, measure drift from the real data it was made from (--baseline), and write a signed record; "
        + "exit 3 when the certificate no longer holds, 4 when --baseline is not the recorded real data.")
public final class RevalidateCommand implements Callable<Integer> {
    /** Exit code when the certificate no longer holds against the newer data. */
    static final int NO_LONGER_HOLDS = 3;
    /** What the default record's name puts after the certificate's. */
    static final String RECORD_SUFFIX = ".revalidation.json";

    @Mixin
    EngineOptions engine;

    @Parameters(paramLabel = "CERT", description = "the signed certificate (tabsynth certify), with its .lineage.json")
    Path certificate;

    @Option(names = "--real", required = true, paramLabel = "NEW_REAL", description = "the newer snapshot of the real data")
    Path real;

    @Option(names = "--baseline", paramLabel = "OLD_REAL", description = "the real data the certified dataset was made "
            + "from (its digest must be the recorded one, exit 4 otherwise); drift is measured from it")
    Path baseline;

    @Option(names = "--synthetic", paramLabel = "SYN", description = "the certified dataset (default: the file the "
            + "certificate names, beside it)")
    Path synthetic;

    @Option(names = "--metadata", paramLabel = "M", description = "metadata for reading the real snapshots")
    Path metadata;

    @Option(names = "--out", paramLabel = "RECORD", description = "where to write the signed revalidation record "
            + "(default: CERT's name with " + RECORD_SUFFIX + ", beside it)")
    Path out;

    @Option(names = "--key", paramLabel = "DIR", description = "sign with this key directory (default: the local key)")
    Path key;

    @Option(names = "--json", description = "print the record's predicate as JSON instead of the summary")
    boolean json;

    @Mixin
    CharterOption charter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, this::revalidate);
    }

    private int revalidate() {
        for (Path input : new Path[] {certificate, real, baseline, synthetic, metadata}) {
            if (input != null && !Files.exists(input)) {
                throw new io.tabsynth.spi.BadInputException(input + ": file not found");
            }
        }
        SignedCharter underCharter = charter.read();
        Path record = out != null ? out : certificate.resolveSibling(certificate.getFileName().toString()
                .replaceFirst("\\.json$", "") + RECORD_SUFFIX);
        Inputs.notAnInput(record, certificate, real, baseline, synthetic, metadata, charter.file);
        KeyStore keys = key == null ? KeyStore.standard() : SigningKeyOption.signingKeyStore(key);
        Lineage lineage = new Lineage(engine.ledger == null ? Ledger.standard() : new Ledger(engine.ledger), keys)
                .with(CharterOption.context(underCharter));
        try (Engine e = Engine.open(engine.pluginsDir(), true, lineage)) {
            Revalidation r = e.revalidate(new RevalidateRequest(certificate, real, baseline, synthetic,
                    charter.file, metadata, record));
            PrintWriter o = spec.commandLine().getOut();
            if (json) {
                o.print(new String(JsonOutput.pretty(r.predicate(), "revalidation"), StandardCharsets.UTF_8));
                o.println();
            } else {
                summary(o, r, record);
            }
            if (!r.holds()) {
                spec.commandLine().getErr().println("error: " + certificate + " no longer holds against " + real
                        + ": failed " + String.join("; ", r.failedChecks()));
                return NO_LONGER_HOLDS;
            }
            return 0;
        }
    }

    private void summary(PrintWriter o, Revalidation r, Path record) {
        o.println("revalidated " + certificate + " against " + real);
        DriftReport drift = r.drift();
        if (drift == null) {
            o.println("drift: not measured (give --baseline OLD_REAL, the real data the dataset was made from)");
        } else {
            o.printf(Locale.ROOT, "drift from %s (PSI over deciles of the baseline or categories: below %s stable, "
                    + "from %s moderate, from %s shifted):%n", baseline, PopulationStability.MODERATE,
                    PopulationStability.MODERATE, PopulationStability.SHIFTED);
            int width = drift.columns().stream().mapToInt(c -> c.column().length()).max().orElse(0);
            for (DriftReport.ColumnDrift c : drift.columns()) {
                String line = String.format(Locale.ROOT, "  %-" + width + "s  PSI %.4f  %-8s%s", c.column(),
                        c.psi().value(), c.psi().status().word(), c.ks() == null ? ""
                                : String.format(Locale.ROOT, "  KS %.4f (p %.3g)", c.ks().statistic(), c.ks().pValue()));
                o.println(line.stripTrailing());
            }
            o.println("shifted columns: " + listed(drift.shifted()));
            o.println("changed pair trends (correlation or Cramér's V moved by " + DriftReport.PAIR_RELATIONSHIP_CHANGED
                    + " or more): " + listed(drift.changedPairs()));
        }
        if (r.checks().isMissingNode()) {
            o.println("checks: the certified report has none");
        }
        for (var c : r.checks().path("checks")) {
            o.printf(Locale.ROOT, "%s %-45s actual %s%n", c.path("passed").asBoolean() ? "PASS" : "FAIL",
                    c.path("check").asText(), c.path("actual").isNull() ? "none: " + c.path("reason").asText()
                            : EvaluateCommand.readable(c.path("actual")));
        }
        o.println(r.holds() ? "the certificate still holds" : "the certificate NO LONGER HOLDS");
        o.println("record written to " + record);
    }

    private static String listed(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
