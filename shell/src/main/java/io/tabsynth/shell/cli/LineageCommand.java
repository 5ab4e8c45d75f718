package io.tabsynth.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.lineage.History;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.Verifier;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
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

    /** {@code lineage verify FILE|LEDGER}. */
    @Command(name = "verify", description = "Check signatures, the chain, key trust and file digests, and that the chain "
            + "reaches real data; exit 4 on any failure.")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "a file with a .lineage.json sidecar, or a ledger (.jsonl)")
        Path target;

        @Option(names = "--trust", paramLabel = "FILE", description = "trust only the keys in this trust file")
        Path trust;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            TrustStore t = trust != null ? TrustStore.read(trust) : TrustStore.standard(KeyStore.standard());
            Verifier v = new Verifier(t);
            boolean ledger = target.getFileName().toString().endsWith(".jsonl") && !Files.exists(
                    io.tabsynth.engine.lineage.Sidecar.of(target));
            Verification r = ledger ? v.verifyLedger(target) : v.verifyFile(target);
            PrintWriter out = spec.commandLine().getOut();
            r.notes().forEach(n -> out.println("note: " + n));
            if (r.ok() && !r.reachesRealData()) {
                spec.commandLine().getErr().printf("NOT VERIFIED: %s: %s, signatures and digests intact, but %s%n", target,
                        Count.of(r.records(), "record"), r.unreachedSummary());
                return VERIFICATION_FAILED;
            }
            if (r.ok()) {
                out.printf("verified %s: %s, signatures, chain and digests intact%n", target,
                        Count.of(r.records(), "record"));
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            r.problems().forEach(p -> err.println("FAILED: " + p));
            return VERIFICATION_FAILED;
        }
    }

    /** {@code lineage show FILE}. */
    @Command(name = "show", description = "Print a file's history as a tree.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(History.of(file));
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
        public Integer call() throws Exception {
            Ledger ledger = engine.lineage().ledger();
            PrintWriter out = spec.commandLine().getOut();
            ObjectMapper json = new ObjectMapper();
            out.printf("%-5s %-24s %-8s %-16s %-13s %s%n", "SEQ", "FINISHED", "STEP", "BY", "KEY", "SUBJECTS");
            for (String line : ledger.lines()) {
                JsonNode env = json.readTree(line);
                JsonNode st;
                try {
                    st = json.readTree(Base64.getDecoder().decode(env.path("payload").asText()));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(ledger.file() + ": a record's payload is not base64");
                }
                JsonNode p = st.path("predicate");
                StringBuilder subjects = new StringBuilder();
                st.path("subject").forEach(s -> subjects.append(subjects.length() == 0 ? "" : ", ").append(s.path("name").asText()));
                out.printf("%-5d %-24s %-8s %-16s %-13s %s%n", p.path("sequence").asLong(),
                        p.path("finishedOn").asText(), p.path("step").asText(), p.path("extension").asText(),
                        env.path("signatures").path(0).path("keyid").asText().substring(0, 12), subjects);
            }
            return 0;
        }
    }
}
