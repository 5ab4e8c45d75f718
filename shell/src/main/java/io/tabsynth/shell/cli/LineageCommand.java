package io.tabsynth.shell.cli;

import io.tabsynth.engine.governance.optout.HonouredLists;
import io.tabsynth.engine.governance.revocation.Withdrawal;
import io.tabsynth.engine.governance.revocation.Withdrawals;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.History;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.Verifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth lineage verify|show|log}. */
@Command(name = "lineage", description = "Verify, show and list signed lineage records.",
        subcommands = {LineageCommand.Verify.class, LineageCommand.Show.class, LineageCommand.Log.class})
public final class LineageCommand {
    /** Exit code when verification fails. */
    public static final int VERIFICATION_FAILED = 4;
    /** How many hex digits of a key id the log shows. */
    private static final int SHORT_KEY_ID = 12;

    /** {@code lineage verify FILE|LEDGER}. */
    @Command(name = "verify", description = "Check signatures, the chain, key trust and file digests, and that the chain "
            + "reaches real data; exit 4 on any failure.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "a file with a .lineage.json sidecar, or a ledger (.jsonl)")
        Path target;

        @Option(names = "--trust", paramLabel = "FILE", description = "trust only the keys in this trust file")
        Path trust;

        @Option(names = "--charter", paramLabel = "CHARTER.json",
                description = "also check that a certificate has the release quorum this charter asks for and that its review "
                        + "is not overdue, or a retired file's retirement the retirement quorum (exit 3 if not; without it, "
                        + "the charter its certify step recorded is used for the review date)")
        Path charter;
        @Mixin
        WithdrawalOptions withdrawals;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return ApprovalExit.run(spec, this::verify);
        }

        private int verify() {
            TrustStore t = trust != null ? TrustStore.read(trust) : TrustStore.standard(KeyStore.standard());
            if (!Files.exists(target)) {
                List<Withdrawal> retired = withdrawals.known(t).retirementsOfGone(target, withdrawals.ledger());
                if (retired.isEmpty()) {
                    throw new io.tabsynth.spi.BadInputException(target + ": file not found");
                }
                // its deletion is what the signed retirement records: nothing is wrong, and nothing is left to check
                retired.forEach(w -> spec.commandLine().getOut().println(target + " is gone: it was " + w.describe(t)));
                Approvals.printRetirements(spec.commandLine().getOut(), retired, target, t, charter);
                return 0;
            }
            Verifier v = new Verifier(t);
            boolean ledger = target.getFileName().toString().endsWith(".jsonl") && !Files.exists(
                    Sidecar.of(target));
            Verification r = ledger ? v.verifyLedger(target) : v.verifyFile(target);
            PrintWriter out = spec.commandLine().getOut();
            r.notes().forEach(n -> out.println("note: " + n));
            List<Withdrawal> retired = List.of();
            if (r.ok() && !ledger) {
                Withdrawals known = withdrawals.known(t);
                retired = known.covering(Withdrawal.Kind.RETIRED, r.subject());
                known.retirements(r).forEach(n -> out.println("note: " + n));
                List<String> revoked = known.revocations(r);
                if (!revoked.isEmpty()) {
                    revoked.forEach(p -> spec.commandLine().getErr().println("FAILED: " + p));
                    return VERIFICATION_FAILED;
                }
            }
            if (r.ok() && !r.reachesRealData()) {
                spec.commandLine().getErr().printf("NOT VERIFIED: %s: %s, signatures and digests intact, but %s%n", target,
                        Count.of(r.records(), "record"), r.unreachedSummary());
                return VERIFICATION_FAILED;
            }
            if (r.ok()) {
                out.printf("verified %s: %s, signatures, chain and digests intact%n", target,
                        Count.of(r.records(), "record"));
                if (retired.isEmpty()) {
                    Approvals.print(out, r, target, t, charter);
                } else {
                    Approvals.print(out, r, target, t, null);
                    Approvals.printRetirements(out, retired, target, t, charter);
                    return 0; // a retired file is no longer reviewed
                }
                return ReviewCheck.check(target, charter, withdrawals.ledger(), t, Clock.systemUTC(), out,
                        spec.commandLine().getErr());
            }
            PrintWriter err = spec.commandLine().getErr();
            r.problems().forEach(p -> err.println("FAILED: " + p));
            return VERIFICATION_FAILED;
        }
    }

    /** {@code lineage show FILE}. */
    @Command(name = "show", description = "Print a file's history as a tree, the opt-out lists its fits honoured, and "
            + "whether it, or anything it was made from, was revoked or retired.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Mixin
        WithdrawalOptions withdrawals;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            out.print(History.of(file));
            List<SignedRecord> records = Sidecar.records(file);
            HonouredLists.describe(records).forEach(out::println);
            SignedRecord last = records.get(records.size() - 1);
            Artifact self = last.subjectNamed(Sidecar.recordedName(file));
            Withdrawals known = withdrawals.known(TrustStore.standard(KeyStore.standard()));
            for (Withdrawal.Kind kind : Withdrawal.Kind.values()) {
                known.findings(kind, file.toString(), self, records).forEach(out::println);
            }
            return 0;
        }
    }

    /** {@code lineage log}. */
    @Command(name = "log", description = "List the ledger's records.")
    static final class Log implements Callable<Integer> {
        @Mixin
        EngineOptions engine;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Ledger ledger = engine.lineage().ledger();
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<String[]> rows = new java.util.ArrayList<>();
            rows.add(new String[] {"SEQ", "FINISHED", "STEP", "BY", "KEY", "SUBJECTS"});
            for (SignedRecord r : ledger.records()) {
                Step step = r.step();
                String subjects = r.subjects().stream().map(s -> s.path().toString()).collect(Collectors.joining(", "));
                rows.add(new String[] {Long.toString(r.sequence()), String.valueOf(step.finished()), step.step(),
                        String.valueOf(step.extension()), r.keyId().substring(0, Math.min(SHORT_KEY_ID, r.keyId().length())),
                        subjects});
            }
            // columns at least as wide as always, wider where a cell needs it (a checkpoint step, a timestamp with
            // nanoseconds), so that they stay in line
            int[] width = {5, 24, 8, 16, 13};
            rows.forEach(row -> {
                for (int c = 0; c < width.length; c++) {
                    width[c] = Math.max(width[c], row[c].length());
                }
            });
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < width.length; c++) {
                    line.append(row[c]).append(" ".repeat(width[c] - row[c].length() + 1));
                }
                out.println(line.append(row[width.length]));
            }
            return 0;
        }
    }
}
