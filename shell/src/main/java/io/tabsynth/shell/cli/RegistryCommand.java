package io.tabsynth.shell.cli;

import io.tabsynth.engine.registry.ItemStatus;
import io.tabsynth.engine.registry.Registry;
import io.tabsynth.engine.registry.RegistryCheck;
import io.tabsynth.engine.registry.RegistrySync;
import io.tabsynth.engine.registry.RegistryView;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.io.Sha256;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth registry sync|list|show|status|verify}: the index of what the ledgers record. */
@Command(name = "registry", description = "An index of datasets, models, certificates, approvals, revocations and "
        + "privacy budgets across ledgers (SQLite by default, any JDBC URL); the ledgers stay the source of truth and "
        + "every read checks the rows against them (exit 4 when they do not match).",
        subcommands = {RegistryCommand.Sync.class, RegistryCommand.ListItems.class, RegistryCommand.Show.class,
                RegistryCommand.Status.class, RegistryCommand.Verify.class})
public final class RegistryCommand {
    private static final int SHORT = 12;
    /** Exit code of a registry its ledgers do not confirm. */
    static final int NOT_CONFIRMED = 4;

    private static void printJson(CommandSpec spec, Object value, String what) {
        spec.commandLine().getOut().println(new String(JsonOutput.pretty(value, what), StandardCharsets.UTF_8).stripTrailing());
    }

    private static void printNotes(CommandSpec spec, RegistryView v) {
        v.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
    }

    private static final String LIST_ROW = "%-18s %-12s %-13s %-21s %-30s %s%n";

    /** A recorded time to the second, for a table: {@code 2026-12-07T19:12:20Z}; empty for none. */
    private static String toSeconds(Object instant) {
        return instant == null ? "" : Instant.parse(instant.toString()).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String shortDigest(Object d) {
        String s = String.valueOf(d);
        return s.substring(0, Math.min(SHORT, s.length()));
    }

    /** {@code registry sync}. */
    @Command(name = "sync", description = "Index the ledger entries not indexed yet (each ledger is verified first: "
            + "signatures, hash chain, signed head; one that does not verify is exit 4 and nothing is indexed).")
    static final class Sync implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Option(names = "--rebuild", description = "empty the registry and index every entry afresh")
        boolean rebuild;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Registry r = registry.open()) {
                RegistrySync.Result result = r.sync(rebuild);
                PrintWriter out = spec.commandLine().getOut();
                result.newEntries().forEach((ledger, n) -> out.println("indexed " + String.format(Locale.ROOT, "%,d", n)
                        + (rebuild ? "" : " new") + (n == 1 ? " entry" : " entries") + " of " + ledger));
                out.println(Count.of(result.rowsWritten(), "registry row") + " written or removed");
                return 0;
            }
        }
    }

    /** {@code registry list}. */
    @Command(name = "list", description = "The datasets, models and certificates, with their status now.")
    static final class ListItems implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Option(names = "--real", paramLabel = "FILE", description = "only those made from this real data file")
        Path real;

        @Option(names = "--digest", paramLabel = "D", description = "only the one(s) whose sha256 starts with D")
        String digest;

        @Option(names = "--status", paramLabel = "S", description = "only those of this status: active, revoked, "
                + "expired, awaiting-approval, retired")
        String status;

        @Option(names = "--json", description = "print JSON for machines")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ItemStatus wanted = status == null ? null : ItemStatus.of(status);
            if (status != null && wanted == null) {
                throw new BadInputException("--status " + status + " is not one of " + Arrays.stream(ItemStatus.values())
                        .map(ItemStatus::word).collect(Collectors.joining(", ")));
            }
            String realSha = real == null ? null : fileDigest(real, "--real");
            try (Registry r = registry.open()) {
                RegistryView v = r.view();
                printNotes(spec, v);
                List<Map<String, Object>> rows = v.list(realSha == null ? null : v.realDigests(realSha), digest, wanted,
                        Instant.now());
                if (json) {
                    printJson(spec, rows, "registry list");
                    return 0;
                }
                PrintWriter out = spec.commandLine().getOut();
                out.printf(LIST_ROW, "STATUS", "KIND", "SHA256", "MADE", "NAME", "REAL DATA");
                for (Map<String, Object> m : rows) {
                    out.printf(LIST_ROW, m.get("status"), m.get("kind"), shortDigest(m.get("sha256")), toSeconds(m.get("madeOn")),
                            m.get("name"), m.get("realData") == null ? "" : m.get("realData"));
                }
                return 0;
            }
        }
    }

    /** The SHA-256 of a file given as an option's value; bad input naming the option when it is not there. */
    static String fileDigest(Path file, String option) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(option + " " + file + ": file not found");
        }
        return Sha256.file(file);
    }

    /** {@code registry show}. */
    @Command(name = "show", description = "Everything known about one dataset, model or certificate: its source data, "
            + "model, generator, certificates, approvals and who signed, revocation, budget spent.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "DIGEST|FILE", description = "a sha256 (or its start), or a file whose bytes are indexed")
        String what;

        @Mixin
        RegistryOptions registry;

        @Option(names = "--json", description = "print JSON for machines")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path asFile = Path.of(what);
            String digest = Files.isRegularFile(asFile) ? Sha256.file(asFile) : what;
            try (Registry r = registry.open()) {
                RegistryView v = r.view();
                printNotes(spec, v);
                Map<String, Object> shown = v.show(digest, Instant.now());
                if (json) {
                    printJson(spec, shown, "registry show");
                } else {
                    print(spec.commandLine().getOut(), shown);
                }
                return 0;
            }
        }

        private static void print(PrintWriter out, Map<String, Object> m) {
            out.println(m.get("kind") + " " + m.get("name") + " (sha256 " + m.get("sha256") + "): " + m.get("status"));
            if (m.get("rows") != null) {
                out.println("  rows: " + m.get("rows"));
            }
            if (m.get("generator") != null) {
                out.println("  generator: " + m.get("generator"));
            }
            Map<?, ?> rec = (Map<?, ?>) m.get("recordedIn");
            out.println("  recorded: " + rec.get("ledger") + " line " + rec.get("line") + " (entry " + shortDigest(rec.get("entry")) + ")");
            for (Object o : (List<?>) m.get("madeFrom")) {
                Map<?, ?> p = (Map<?, ?>) o;
                out.println("  made from: " + p.get("kind") + " " + p.get("name") + " (sha256 " + shortDigest(p.get("sha256")) + ")"
                        + (p.get("generator") == null ? "" : ", generator " + p.get("generator")));
            }
            for (Object o : (List<?>) m.get("certificates")) {
                Map<?, ?> c = (Map<?, ?>) o;
                out.println("  certificate: " + c.get("name") + " (sha256 " + shortDigest(c.get("sha256")) + ") certified "
                        + c.get("certifiedOn") + ", " + c.get("status") + (c.get("charter") == null ? "" : ", charter " + c.get("charter"))
                        + (c.get("reviewDue") == null ? "" : ", review due " + c.get("reviewDue")));
                for (Object a : (List<?>) c.get("approvals")) {
                    Map<?, ?> x = (Map<?, ?>) a;
                    out.println("    signed by " + x.get("by") + " (key " + shortDigest(x.get("keyId")) + ")"
                            + (x.get("on") == null ? "" : " on " + x.get("on")));
                }
            }
            for (Object a : (List<?>) m.get("planApprovals")) {
                Map<?, ?> x = (Map<?, ?>) a;
                out.println("  plan approved by " + x.get("by") + " (key " + shortDigest(x.get("keyId")) + ") on " + x.get("on"));
            }
            for (Object o : (List<?>) m.get("withdrawals")) {
                Map<?, ?> w = (Map<?, ?>) o;
                out.println("  " + w.get("withdrawal") + ": " + w.get("name") + " by " + w.get("by") + " (key "
                        + shortDigest(w.get("keyId")) + ") on " + w.get("on") + ": " + w.get("reason"));
            }
            if (m.get("budget") instanceof Map<?, ?> b) {
                out.println("  " + budgetLine(b));
            }
        }
    }

    /** "real data a.csv: ε 1.2 spent by 2 private fits (of 3)[, 1.8 left of 3 under charter board v1]". */
    static String budgetLine(Map<?, ?> b) {
        StringBuilder s = new StringBuilder("real data " + b.get("name") + ": ε " + (b.get("epsilon") == null ? "unbounded"
                : String.format("%.4g", (Double) b.get("epsilon"))) + " spent by " + b.get("privateFits") + " private fit(s) of "
                + b.get("fits") + (Boolean.TRUE.equals(b.get("formalGuarantee")) ? "" : " (some fits have no formal guarantee)"));
        for (Object o : (List<?>) b.get("limits")) {
            Map<?, ?> l = (Map<?, ?>) o;
            s.append("; ").append(String.format("%.4g", (Double) l.get("left"))).append(" left of ").append(l.get("maxEpsilon"))
                    .append(" (δ ").append(l.get("delta")).append(") under the charter ").append(l.get("charter"));
        }
        if (((List<?>) b.get("limits")).isEmpty()) {
            s.append("; no charter limit known");
        }
        return s.toString();
    }

    /** {@code registry status}. */
    @Command(name = "status", description = "Counts per status, and per real dataset the privacy budget spent and left.")
    static final class Status implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Option(names = "--json", description = "print JSON for machines")
        boolean json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Registry r = registry.open()) {
                RegistryView v = r.view();
                printNotes(spec, v);
                Map<String, Object> status = v.status(Instant.now());
                if (json) {
                    printJson(spec, status, "registry status");
                    return 0;
                }
                PrintWriter out = spec.commandLine().getOut();
                ((Map<?, ?>) status.get("counts")).forEach((kind, counts) -> out.println(kind + "s: "
                        + ((Map<?, ?>) counts).entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", "))));
                for (Object b : (List<?>) status.get("realData")) {
                    out.println(budgetLine((Map<?, ?>) b));
                }
                return 0;
            }
        }
    }

    /** {@code registry verify}. */
    @Command(name = "verify", description = "Check every row of the registry against the ledgers (exit 4 when one "
            + "does not match: changed, added or removed outside tabsynth).")
    static final class Verify implements Callable<Integer> {
        @Mixin
        RegistryOptions registry;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try (Registry r = registry.open()) {
                RegistryCheck.Findings f = r.verify();
                f.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
                if (!f.ok()) {
                    f.problems().forEach(p -> spec.commandLine().getErr().println("FAILED: " + p));
                    return NOT_CONFIRMED;
                }
                spec.commandLine().getOut().println("OK: " + Count.of(f.rowsChecked(), "registry row")
                        + " checked against the ledgers");
                return 0;
            }
        }
    }
}
