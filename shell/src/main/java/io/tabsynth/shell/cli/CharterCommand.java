package io.tabsynth.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.engine.governance.Charter;
import io.tabsynth.engine.governance.QuorumNotMet;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.SignedDocument;
import io.tabsynth.engine.lineage.SigningKey;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.JsonInput;
import io.tabsynth.spi.io.AtomicFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tabsynth charter init|sign|show|verify}: the governing charter (docs/governance.md). */
@Command(name = "charter", description = "Write, sign, show and verify the charter that fits, samples, evaluations "
        + "and certificates are made under.",
        subcommands = {CharterCommand.Init.class, CharterCommand.Sign.class, CharterCommand.Show.class,
                CharterCommand.Verify.class})
public final class CharterCommand {
    private CharterCommand() {
    }

    /** Whether a file is a signed document (a DSSE envelope) rather than a draft. */
    static boolean signed(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.endsWith(".yaml") && !name.endsWith(".yml") && JsonInput.read(file, "charter").has("payloadType");
    }

    /** {@code charter init}. */
    @Command(name = "init", description = "Write a commented starting charter (YAML) naming this key as its approver.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default charter.yaml)")
        Path out = Path.of("charter.yaml");

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (Files.exists(out)) {
                throw new BadInputException(out + ": exists already; it is kept (name another --out)");
            }
            SigningKey key = KeyStore.standard().signingKey();
            String text = template(key.keyId(), LocalDate.now(ZoneOffset.UTC));
            AtomicFile.write(out, tmp -> Files.writeString(tmp, text, StandardCharsets.UTF_8));
            spec.commandLine().getOut().println("charter written to " + out + "; edit it, then: tabsynth charter sign " + out
                    + " --out charter.json");
            return 0;
        }

        static String template(String keyId, LocalDate today) {
            return "# A tabsynth charter: what synthetic data made under it is for, the checks its evaluations must pass,\n"
                    + "# the privacy budget per source dataset, who approves plans and releases, and when it is reviewed.\n"
                    + "# Schema: docs/governance.md. Sign it with: tabsynth charter sign charter.yaml --out charter.json\n"
                    + "name: customer-analytics\n"
                    + "version: 1                     # raise it with every change; records name the version they ran under\n"
                    + "purpose: >-\n"
                    + "  Synthetic customer records for testing dashboards without personal data.\n"
                    + "approvedUses:\n"
                    + "  - dashboard and report testing\n"
                    + "  - training for analysts\n"
                    + "audiences:\n"
                    + "  - internal analytics team\n"
                    + "checks:                        # the same checks as a policy file (docs/evaluation.md)\n"
                    + "  - fidelity.score >= 0.8\n"
                    + "  - privacy.exactMatches == 0\n"
                    + "privacyBudget:                 # per source dataset: its content sha256 or file name\n"
                    + "  - data: customers.csv\n"
                    + "    maxEpsilon: 3\n"
                    + "    delta: 1.0e-6\n"
                    + "approvers:                     # name and key id (tabsynth keys show); their keys must be trusted\n"
                    + "  - name: charter owner\n"
                    + "    keyid: " + keyId + "\n"
                    + "quorum:                        # how many approvers must sign (k of the n above)\n"
                    + "  charter: 1                   # the charter itself (default: every approver)\n"
                    + "  plan: 1                      # a generation plan (tabsynth fit --plan-out)\n"
                    + "  release: 1                   # a release (a certificate from tabsynth certify)\n"
                    + "  # retirement: 1              # a retirement (tabsynth retire --request-out); left out: none\n"
                    + "reviewInterval: P6M            # ISO-8601 period: P6M six months, P90D ninety days\n"
                    + "issued: " + today + "\n";
        }
    }

    /** {@code charter sign}. */
    @Command(name = "sign", description = "Sign a draft charter (JSON or YAML) into a signed charter, or add this key's "
            + "signature to a signed one.")
    static final class Sign implements Callable<Integer> {
        @Parameters(paramLabel = "CHARTER", description = "a draft (.yaml, .yml, .json) or a signed charter (.json)")
        Path file;

        @Option(names = "--out", paramLabel = "CHARTER.json",
                description = "where to write the signed charter (default: a signed charter is signed in place)")
        Path out;

        @Option(names = "--key", paramLabel = "DIR", description = "key directory to sign with (default: the local key)")
        Path keyDir;

        @Mixin
        TrustOption trust;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            SigningKey key = SigningKeyOption.signingKey(keyDir);
            PrintWriter o = spec.commandLine().getOut();
            if (!Files.exists(file)) {
                throw new BadInputException(file + ": file not found");
            }
            if (signed(file)) {
                SignedCharter c = SignedCharter.read(file, trust.store());
                c.document().approve(key, Instant.now(), trust.store()).write(out == null ? file : out);
                o.println("signed " + c.charter().name() + " v" + c.charter().version() + " with key " + key.keyId()
                        + " -> " + (out == null ? file : out));
                return 0;
            }
            if (out == null) {
                throw new BadInputException("charter sign " + file + ": a draft needs --out CHARTER.json for the signed charter");
            }
            Inputs.notAnInput(out, file);
            Charter c = Charter.readDraft(file);
            SignedDocument.create(Dsse.IN_TOTO, c.payload(), key, Instant.now()).write(out);
            o.println("signed " + c.name() + " v" + c.version() + " with key " + key.keyId() + " -> " + out
                    + "; its approvers add their signatures with tabsynth charter sign " + out + " --key DIR");
            return 0;
        }
    }

    /** {@code charter show}. */
    @Command(name = "show", description = "Print a charter, draft or signed, for people.")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "CHARTER")
        Path file;

        @Mixin
        TrustOption trust;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            if (!Files.exists(file)) {
                throw new BadInputException(file + ": file not found");
            }
            if (signed(file)) {
                SignedCharter c = SignedCharter.read(file, trust.store());
                print(o, c.charter(), "signed, digest " + c.digest());
                o.printf("%-15s %s%n", "signatures", c.quorum().summary());
            } else {
                print(o, Charter.readDraft(file), "draft, not signed");
            }
            return 0;
        }

        static void print(PrintWriter o, Charter c, String state) {
            JsonNode b = c.body();
            o.printf("%-15s %s v%d (%s)%n", "charter", c.name(), c.version(), state);
            o.printf("%-15s %s%n", "purpose", c.purpose());
            o.printf("%-15s %s%n", "approved uses", join(b.path("approvedUses")));
            o.printf("%-15s %s%n", "audiences", join(b.path("audiences")));
            for (JsonNode check : b.path("checks")) {
                o.printf("%-15s %s%n", "check", check.isTextual() ? check.asText()
                        : check.path("metric").asText() + " " + check.path("op").asText() + " " + check.path("value"));
            }
            for (JsonNode budget : b.path("privacyBudget")) {
                o.printf(Locale.ROOT, "%-15s %s: epsilon at most %s%s%n", "privacy budget", budget.path("data").asText(),
                        plain(budget.path("maxEpsilon")), budget.has("delta") ? ", delta " + plain(budget.path("delta")) : "");
            }
            for (Charter.Approver a : c.approvers()) {
                o.printf("%-15s %s (key %s)%n", "approver", a.name(), a.keyId());
            }
            o.printf("%-15s %s%n", "quorum", Charter.QUORUM_FOR.stream().filter(w -> c.quorum(w) > 0)
                    .map(w -> w + " " + c.quorum(w) + " of " + c.approvers().size()).collect(Collectors.joining(", ")));
            if (c.optOuts() != null) {
                o.printf("%-15s %s (sha256 %s), key %s%n", "opt-out list", c.optOuts().file(), c.optOuts().sha256(),
                        c.optOuts().keyColumn());
            }
            o.printf("%-15s every %s from %s: %s%n", "review", c.reviewInterval(), c.issued(),
                    c.reviewState(LocalDate.now(ZoneOffset.UTC)));
        }

        /** A number as people write it: 3, not 3.0; 0.000001, not 1.0E-6. */
        private static String plain(JsonNode number) {
            return number.decimalValue().stripTrailingZeros().toPlainString();
        }

        private static String join(JsonNode texts) {
            StringBuilder s = new StringBuilder();
            texts.forEach(t -> s.append(s.length() == 0 ? "" : "; ").append(t.asText()));
            return s.toString();
        }
    }

    /** {@code charter verify}. */
    @Command(name = "verify", description = "Check a signed charter's signatures (exit 4), schema (exit 2) and its own "
            + "quorum of approvers (exit 3).")
    static final class Verify implements Callable<Integer> {
        @Parameters(paramLabel = "CHARTER.json")
        Path file;

        @Mixin
        TrustOption trust;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            return ApprovalExit.run(spec, () -> {
                if (!signed(file)) {
                    throw new BadInputException(file + ": a draft, not a signed charter (tabsynth charter sign " + file
                            + " --out CHARTER.json signs it)");
                }
                SignedCharter c = SignedCharter.read(file, trust.store());
                if (!c.quorum().met()) {
                    throw new QuorumNotMet(file.toString(), c.quorum());
                }
                spec.commandLine().getOut().printf("verified charter %s v%d (digest %s): %s%n", c.charter().name(),
                        c.charter().version(), c.digest(), c.quorum().summary());
                if (LocalDate.now(ZoneOffset.UTC).isAfter(c.charter().reviewDue())) {
                    spec.commandLine().getErr().println("note: " + file + " was due for review on " + c.charter().reviewDue());
                }
                return 0;
            });
        }
    }
}
