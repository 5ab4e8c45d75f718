package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Dsse;
import io.tabsynth.engine.lineage.KeyStore;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.shell.demo.DemoData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 25: charters, plans and releases that k of n approvers sign, and the records made under them. */
class GovernanceCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path real;
    private String alice;
    private String bob;
    private String carol;

    /** Three approvers' keys, made and exported with tabsynth keys, trusted locally; demo customers as the real data. */
    @BeforeEach
    void approversAndData() {
        alice = approver("alice");
        bob = approver("bob");
        carol = approver("carol");
        real = dir.resolve("real.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 4), real);
        }
    }

    private String approver(String name) {
        Path keys = dir.resolve("keys-" + name);
        Cli made = Cli.run("keys", "create", "--key-dir", keys);
        assertEquals(0, made.code(), made.err());
        Path pem = dir.resolve(name + ".pem");
        assertEquals(0, Cli.run("keys", "export", "--key-dir", keys, "--out", pem).code());
        Path trustFile = TrustStore.trustFile(KeyStore.standard());
        try {
            Files.createDirectories(trustFile.getParent()); // the test home, when this test runs first
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Cli trusted = Cli.run("keys", "trust", pem, "--name", name, "--trust-file", trustFile);
        assertEquals(0, trusted.code(), trusted.err());
        return made.out().replace("created key ", "").trim();
    }

    private Path keys(String name) {
        return dir.resolve("keys-" + name);
    }

    /** A draft charter in JSON with the three approvers and the given plan and release quorums. */
    private Path draft(String file, int plan, int release) throws Exception {
        return draft(file, plan, release, "elsewhere.csv");
    }

    /** As above, with a privacy budget of ε 3 on the data file named {@code budgeted}. */
    private Path draft(String file, int plan, int release, String budgeted) throws Exception {
        String text = "{\"name\": \"customers\", \"version\": 2, \"purpose\": \"dashboard tests\","
                + "\"approvedUses\": [\"testing\"], \"audiences\": [\"analysts\"],"
                + "\"checks\": [\"fidelity.score >= 0.5\"],"
                + "\"privacyBudget\": [{\"data\": \"" + budgeted + "\", \"maxEpsilon\": 3, \"delta\": 1e-6}],"
                + "\"approvers\": [{\"name\": \"Alice\", \"keyid\": \"" + alice + "\"}, {\"name\": \"Bob\", \"keyid\": \""
                + bob + "\"}, {\"name\": \"Carol\", \"keyid\": \"" + carol + "\"}],"
                + "\"quorum\": {\"charter\": 2, \"plan\": " + plan + ", \"release\": " + release + "},"
                + "\"reviewInterval\": \"P6M\", \"issued\": \"2026-12-01\"}";
        return Files.writeString(dir.resolve(file), text);
    }

    /** The draft signed by Alice and Bob. */
    private Path charter(String name, int plan, int release) throws Exception {
        Path signed = dir.resolve(name + ".json");
        Cli first = Cli.run("charter", "sign", draft(name + "-draft.json", plan, release), "--out", signed, "--key", keys("alice"));
        assertEquals(0, first.code(), first.err());
        assertEquals(0, Cli.run("charter", "sign", signed, "--key", keys("bob")).code());
        return signed;
    }

    private Cli fit(Object... more) {
        Object[] args = {"fit", "--data", real, "--generator", "gaussian-copula", "--seed", 7};
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    /** A plan written under the charter and approved by Alice and Bob. */
    private Path approvedPlan(Path charter) {
        Path plan = dir.resolve("plan.json");
        Cli written = fit("--charter", charter, "--plan-out", plan);
        assertEquals(0, written.code(), written.err());
        assertFalse(Files.exists(dir.resolve("m.model")), "a plan fits nothing");
        for (String who : new String[] {"alice", "bob"}) {
            Cli approved = Cli.run("approve", plan, "--key", keys(who));
            assertEquals(0, approved.code(), approved.err());
        }
        return plan;
    }

    @Test
    void aFitUnderTheCharterStaysWithinItsPrivacyBudgetForTheDataItNames() throws Exception {
        Path signed = dir.resolve("budgeted.json");
        Cli first = Cli.run("charter", "sign", draft("budgeted-draft.json", 2, 2, "real.csv"), "--out", signed, "--key",
                keys("alice"));
        assertEquals(0, first.code(), first.err());
        assertEquals(0, Cli.run("charter", "sign", signed, "--key", keys("bob")).code());
        Path ledger = dir.resolve("ledger.jsonl");
        Object[] dpFit = {"fit", "--data", real, "--generator", "dp-marginals", "--param", "epsilon=2.5", "--seed", 1,
                "--charter", signed};
        Object[] dp = append(append(append(append(dpFit, "--plan"), planned("dp-plan.json", dpFit)), "--ledger", ledger),
                "--model");
        Cli once = Cli.run(append(dp, dir.resolve("a.model")));
        assertEquals(0, once.code(), once.err());
        Cli twice = Cli.run(append(dp, dir.resolve("b.model")));
        assertEquals(3, twice.code(), "a second fit at ε 2.5 goes over the charter's ε 3 on real.csv: " + twice.err());
        assertTrue(twice.err().contains("budgeted.json (maxEpsilon 3"), twice.err());
        assertFalse(Files.exists(dir.resolve("b.model")));
        Object[] copulaFit = {"fit", "--data", real, "--generator", "gaussian-copula", "--seed", 7, "--charter", signed};
        Cli copula = Cli.run(append(append(append(copulaFit, "--plan"), planned("copula-plan.json", copulaFit)),
                "--ledger", ledger, "--model", dir.resolve("c.model")));
        assertEquals(3, copula.code(), "a fit with no formal guarantee is refused under a budget: " + copula.err());
        assertTrue(copula.err().contains("budgeted.json"), copula.err());
        Path copy = Files.copy(real, dir.resolve("copy.csv"));
        Object[] copyFit = {"fit", "--data", copy, "--generator", "dp-marginals", "--param", "epsilon=2.5", "--seed", 1,
                "--charter", signed};
        Cli renamed = Cli.run(append(append(append(copyFit, "--plan"), planned("copy-plan.json", copyFit)),
                "--ledger", ledger, "--model", dir.resolve("e.model")));
        assertEquals(3, renamed.code(), "a copy of real.csv is held to real.csv's budget: " + renamed.err());
        assertTrue(renamed.err().contains("for real.csv, whose data this file holds under another name"),
                renamed.err());
        Path other = dir.resolve("other.csv");
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 5), other);
        }
        Object[] otherFit = {"fit", "--data", other, "--generator", "gaussian-copula", "--seed", 7, "--charter", signed};
        Cli elsewhere = Cli.run(append(append(append(otherFit, "--plan"), planned("other-plan.json", otherFit)),
                "--ledger", ledger, "--model", dir.resolve("d.model")));
        assertEquals(0, elsewhere.code(), "the budget names real.csv only: " + elsewhere.err());
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    /** The plan of this fit (its arguments name the charter), written and approved by Alice and Bob. */
    private Path planned(String name, Object... fitArgs) {
        Path plan = dir.resolve(name);
        Cli written = Cli.run(append(fitArgs, "--plan-out", plan));
        assertEquals(0, written.code(), written.err());
        for (String who : new String[] {"alice", "bob"}) {
            Cli approved = Cli.run("approve", plan, "--key", keys(who));
            assertEquals(0, approved.code(), approved.err());
        }
        return plan;
    }

    /** The draft of {@link #draft(String, int, int)} issued on another day, signed by Alice and Bob. */
    private Path charterIssued(String name, String issued) throws Exception {
        Path draft = draft(name + "-draft.json", 1, 1);
        Files.writeString(draft, Files.readString(draft).replace("\"issued\": \"2026-12-01\"",
                "\"issued\": \"" + issued + "\""));
        Path signed = dir.resolve(name + ".json");
        assertEquals(0, Cli.run("charter", "sign", draft, "--out", signed, "--key", keys("alice")).code());
        assertEquals(0, Cli.run("charter", "sign", signed, "--key", keys("bob")).code());
        return signed;
    }

    @Test
    void aCharterNotYetInEffectRefusesPlansAndFitsAndShowSaysWhenReviewIsOverdue() throws Exception {
        Path future = charterIssued("future", "2099-01-01");
        Path plan = dir.resolve("plan.json");
        Cli planned = fit("--charter", future, "--plan-out", plan);
        assertEquals(3, planned.code(), planned.err());
        assertTrue(planned.err().contains(future + ": charter 'customers' version 2 is not yet in effect: it is issued "
                + "2099-01-01"), planned.err());
        assertFalse(Files.exists(plan), "no plan is written under it");
        Path out = dir.resolve("syn.csv");
        Cli synth = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 20, "--seed", 3,
                "--out", out, "--charter", future);
        assertEquals(3, synth.code(), synth.err());
        assertFalse(Files.exists(out));
        Cli shown = Cli.run("charter", "show", future);
        assertEquals(0, shown.code(), shown.err());
        assertTrue(shown.out().contains("not yet in effect (issued 2099-01-01); next due 2099-07-01"), shown.out());

        Path old = charterIssued("old", "2020-01-01");
        Cli overdue = Cli.run("charter", "show", old);
        assertTrue(overdue.out().contains("every P6M from 2020-01-01: overdue since 2020-07-01"), overdue.out());
        assertFalse(overdue.out().contains("next due"), overdue.out());
        assertEquals(0, fit("--charter", old, "--plan-out", plan).code(), "a charter in effect writes plans");
    }

    @Test
    void aFitOrSynthUnderACharterWithoutAnApprovedPlanIsRefusedNamingThePlanStep() throws Exception {
        Path charter = charter("c", 1, 1);
        Path model = dir.resolve("m.model");
        Cli fitted = fit("--charter", charter, "--model", model);
        assertEquals(3, fitted.code(), fitted.out() + fitted.err());
        assertTrue(fitted.err().contains("fit under the charter " + charter + " needs a plan approved by 1 of its 3 approvers")
                && fitted.err().contains("--plan-out PLAN.json") && fitted.err().contains("tabsynth approve PLAN.json"),
                fitted.err());
        assertFalse(Files.exists(model), "nothing is fitted without a plan");
        Path out = dir.resolve("syn.csv");
        Cli synth = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 50, "--seed", 3,
                "--out", out, "--charter", charter);
        assertEquals(3, synth.code(), synth.out() + synth.err());
        assertTrue(synth.err().contains("synth under the charter " + charter + " needs a plan"), synth.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void synthUnderACharterRunsTheApprovedPlanAndOnlyThat() throws Exception {
        Path charter = charter("c", 2, 2);
        Path plan = approvedPlan(charter); // written by fit --plan-out: seed 7, gaussian-copula, real.csv
        Path out = dir.resolve("syn.csv");
        Cli other = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 50, "--seed", 8,
                "--out", out, "--charter", charter, "--plan", plan);
        assertEquals(2, other.code(), other.out() + other.err());
        assertTrue(other.err().contains("the synth given is not the plan that was approved") && other.err().contains("seed"),
                other.err());
        assertFalse(Files.exists(out), "nothing is written for a synth that is not the plan");

        Cli synth = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 50, "--seed", 7,
                "--out", out, "--charter", charter, "--plan", plan);
        assertEquals(0, synth.code(), synth.out() + synth.err());
        Cli verified = Cli.run("lineage", "verify", out);
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().contains("approved: the plan " + plan + " of the fit was approved by Alice on 20"),
                verified.out());

        Path threeOfThree = charter("three", 3, 3);
        Path plan3 = dir.resolve("plan3.json");
        assertEquals(0, fit("--charter", threeOfThree, "--plan-out", plan3).code());
        assertEquals(0, Cli.run("approve", plan3, "--key", keys("alice")).code());
        Path refusedOut = dir.resolve("refused.csv");
        Cli refused = Cli.run("synth", "--data", real, "--generator", "gaussian-copula", "--rows", 50, "--seed", 7,
                "--out", refusedOut, "--charter", threeOfThree, "--plan", plan3);
        assertEquals(3, refused.code(), refused.err());
        assertTrue(refused.err().contains("the plan needs 2 more approvals (quorum 3 of 3), from Bob, Carol"), refused.err());
        assertFalse(Files.exists(refusedOut));
    }

    @Test
    void twoOfThreeApproversMeetATwoOfThreeQuorumAndNotAThreeOfThree() throws Exception {
        Path twoOfThree = charter("two", 2, 2);
        Path plan = approvedPlan(twoOfThree);
        Path model = dir.resolve("m.model");
        Cli fitted = fit("--charter", twoOfThree, "--plan", plan, "--model", model);
        assertEquals(0, fitted.code(), fitted.err());
        Cli verified = Cli.run("lineage", "verify", model);
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().contains("approved: the plan " + plan + " of the fit was approved by Alice on 20")
                && verified.out().contains(", Bob on 20"), verified.out());

        Path threeOfThree = charter("three", 3, 3);
        Path plan3 = dir.resolve("plan3.json");
        assertEquals(0, fit("--charter", threeOfThree, "--plan-out", plan3).code());
        assertEquals(0, Cli.run("approve", plan3, "--key", keys("alice")).code());
        assertEquals(0, Cli.run("approve", plan3, "--key", keys("bob")).code());
        Path refusedModel = dir.resolve("refused.model");
        Cli refused = fit("--charter", threeOfThree, "--plan", plan3, "--model", refusedModel);
        assertEquals(3, refused.code(), refused.err());
        assertTrue(refused.err().contains("the plan needs 1 more approval (quorum 3 of 3), from Carol"), refused.err());
        assertFalse(Files.exists(refusedModel), "nothing is fitted without the approvals");
    }

    @Test
    void theFitRecordNamesTheCharterAndThePlanWithTheirDigests() throws Exception {
        Path charter = charter("c", 2, 2);
        Path plan = approvedPlan(charter);
        Path model = dir.resolve("m.model");
        assertEquals(0, fit("--charter", charter, "--plan", plan, "--model", model).code());
        JsonNode side = JSON.readTree(Files.readAllBytes(Path.of(model + ".lineage.json")));
        JsonNode records = side.path("records"); // the export that wrote real.csv, then the fit
        JsonNode predicate = JSON.readTree(Base64.getDecoder().decode(records.path(records.size() - 1).path("payload").asText()))
                .path("predicate");
        JsonNode charterEnvelope = JSON.readTree(Files.readAllBytes(charter));
        String charterDigest = io.tabsynth.spi.io.Sha256.hex(Dsse.payload(charterEnvelope));
        boolean namesCharter = false;
        boolean namesPlan = false;
        for (JsonNode in : predicate.path("inputs")) {
            namesCharter |= in.path("role").asText().equals("charter")
                    && in.path("annotations").path("contentSha256").asText().equals(charterDigest);
            namesPlan |= in.path("role").asText().equals("plan") && in.path("name").asText().equals(plan.toString());
        }
        assertTrue(namesCharter && namesPlan, predicate.path("inputs").toString());
        assertEquals("2", predicate.path("parameters").path("charter.version").asText());
        assertEquals(2, predicate.path("results").path("planApprovals").size());
    }

    @Test
    void aPlanChangedByOneByteIsCaught() throws Exception {
        Path charter = charter("c", 2, 2);
        Path plan = approvedPlan(charter);
        ObjectNode env = (ObjectNode) JSON.readTree(Files.readAllBytes(plan));
        byte[] payload = Dsse.payload(env);
        String text = new String(payload, StandardCharsets.UTF_8);
        int at = text.indexOf("\"seed\":7");
        assertTrue(at > 0, text);
        payload[at + "\"seed\":".length()] = '8'; // one byte: the seed the approvers signed for becomes 8
        env.put("payload", Base64.getEncoder().encodeToString(payload));
        Files.write(plan, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(env));
        Path model = dir.resolve("m.model");
        Cli r = Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 8, "--charter", charter,
                "--plan", plan, "--model", model);
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().contains("does not verify; the document was changed after it was signed"), r.err());
        assertFalse(Files.exists(model));
        Cli approve = Cli.run("approve", plan, "--key", keys("carol"));
        assertEquals(4, approve.code(), "a signature over other bytes is refused: " + approve.err());
    }

    @Test
    void aPlanForOtherDataIsRefusedNamingBothDigests() throws Exception {
        Path charter = charter("c", 2, 2);
        Path plan = approvedPlan(charter);
        try (Engine e = Engine.classpath()) {
            e.write(DemoData.customers(300, 5), real); // other rows under the same name
        }
        Path model = dir.resolve("m.model");
        Cli r = fit("--charter", charter, "--plan", plan, "--model", model);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("the fit given is not the plan that was approved: the plan's data " + real + " has sha256 ")
                && r.err().contains("but the data given, " + real + ", has " + io.tabsynth.spi.io.Sha256.file(real)), r.err());
        assertFalse(Files.exists(model));
        Cli otherSeed = fit("--charter", charter, "--plan", plan, "--model", model, "--param", "minCount=3");
        assertTrue(otherSeed.err().contains("the plan's parameters {} differ from those given {minCount=3}"), otherSeed.err());
    }

    @Test
    void aKeySignsOnce() throws Exception {
        Path charter = charter("c", 2, 2);
        Path plan = approvedPlan(charter);
        byte[] before = Files.readAllBytes(plan);
        Cli again = Cli.run("approve", plan, "--key", keys("alice"));
        assertEquals(2, again.code());
        assertTrue(again.err().contains("has signed it already; a key signs once"), again.err());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(plan), "the plan is left as it was");
    }

    @Test
    void anUntrustedKeyOrAKeyThatIsNoApproverIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path charter = charter("c", 1, 1);
        Path plan = approvedPlan(charter);
        byte[] before = Files.readAllBytes(plan);
        Path daveKeys = dir.resolve("keys-dave");
        assertEquals(0, Cli.run("keys", "create", "--key-dir", daveKeys).code());
        Cli untrusted = Cli.run("approve", plan, "--key", daveKeys);
        assertEquals(4, untrusted.code(), untrusted.out() + untrusted.err());
        assertTrue(untrusted.err().contains("is not trusted") && !untrusted.out().contains("approved the"), untrusted.out());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(plan), "the plan is left as it was");

        Path pem = dir.resolve("dave.pem");
        assertEquals(0, Cli.run("keys", "export", "--key-dir", daveKeys, "--out", pem).code());
        assertEquals(0, Cli.run("keys", "trust", pem, "--name", "dave", "--trust-file",
                TrustStore.trustFile(KeyStore.standard())).code());
        Cli notApprover = Cli.run("approve", plan, "--key", daveKeys, "--charter", charter);
        assertEquals(2, notApprover.code(), notApprover.out() + notApprover.err());
        assertTrue(notApprover.err().contains("is not one of the approvers of the charter " + charter), notApprover.err());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(plan), "the plan is left as it was");
        assertEquals(0, Cli.run("approve", plan, "--key", keys("carol"), "--charter", charter).code(),
                "an approver still signs afterwards");
    }

    @Test
    void aReleaseNeedsItsQuorumAndVerifyNamesWhoApprovedAndWhen() throws Exception {
        Path charter = charter("c", 2, 2);
        Path syn = dir.resolve("syn.csv");
        Path model = dir.resolve("m.model");
        Cli fitted = fit("--charter", charter, "--plan", approvedPlan(charter), "--model", model);
        assertEquals(0, fitted.code(), fitted.err());
        Cli sampled = Cli.run("sample", "--model", model, "--rows", 200, "--seed", 3, "--out", syn, "--charter", charter);
        assertEquals(0, sampled.code(), sampled.err());
        Path report = dir.resolve("report.json");
        Cli evaluated = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity", "--charter", charter,
                "--report", report);
        assertEquals(0, evaluated.code(), evaluated.err());
        JsonNode checks = JSON.readTree(Files.readAllBytes(report)).path("policy").path("checks");
        assertEquals("fidelity.score >= 0.5", checks.path(0).path("check").asText(), "the charter's checks are the policy");
        assertEquals(1, checks.size());

        Path cert = dir.resolve("cert.json");
        Path ledger = dir.resolve("ledger.jsonl");
        Cli certified = Cli.run("certify", syn, "--report", report, "--out", cert, "--charter", charter, "--ledger", ledger);
        assertEquals(0, certified.code(), certified.err());
        assertTrue(certified.err().contains("the release awaits approval"), certified.err());
        assertEquals(0, Cli.run("approve", cert, "--key", keys("carol")).code());
        Cli short1 = Cli.run("lineage", "verify", cert, "--charter", charter);
        assertEquals(3, short1.code(), short1.out() + short1.err());
        assertTrue(short1.err().contains("the release needs 1 more approval (quorum 2 of 3), from any 1 of: Alice, Bob"),
                short1.err());
        assertEquals(0, Cli.run("approve", cert, "--key", keys("alice")).code());
        Cli ok = Cli.run("lineage", "verify", cert, "--charter", charter);
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("2 of 3 approvers signed the release (quorum 2): Alice on 20") && ok.out().contains("Carol on 20"),
                ok.out());
        assertTrue(ok.out().contains("has approvals added after it was written"), ok.out());
        Cli ledgerVerified = Cli.run("lineage", "verify", ledger);
        assertEquals(0, ledgerVerified.code(), "the ledger accepts approvals added to the certificate as lineage verify "
                + "CERT does: " + ledgerVerified.out() + ledgerVerified.err());
        assertTrue(ledgerVerified.out().contains("has approvals added after it was written")
                || ledgerVerified.err().contains("has approvals added after it was written"), ledgerVerified.out());

        Cli withoutCharter = Cli.run("lineage", "verify", cert);
        assertEquals(0, withoutCharter.code(), "approvals do not break the certificate's own lineage: " + withoutCharter.err());
        String text = Files.readString(cert);
        Files.writeString(cert, text.replaceFirst("\"approvedOn\" : \"20", "\"approvedOn\" : \"19"));
        Cli backdated = Cli.run("lineage", "verify", cert);
        assertEquals(4, backdated.code(), "a changed approval time is caught: " + backdated.out());
    }

    @Test
    void aReleaseWhoseReportFailedTheCharterChecksIsNotApprovable() throws Exception {
        Path draft = draft("strict-draft.json", 2, 2);
        Files.writeString(draft, Files.readString(draft).replace("fidelity.score >= 0.5", "fidelity.score >= 0.999"));
        Path charter = dir.resolve("strict.json");
        assertEquals(0, Cli.run("charter", "sign", draft, "--out", charter, "--key", keys("alice")).code());
        assertEquals(0, Cli.run("charter", "sign", charter, "--key", keys("bob")).code());
        Path model = dir.resolve("m.model");
        Cli fitted = fit("--charter", charter, "--plan", approvedPlan(charter), "--model", model);
        assertEquals(0, fitted.code(), fitted.err());
        Path syn = dir.resolve("syn.csv");
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 200, "--seed", 3, "--out", syn, "--charter", charter)
                .code());
        Path report = dir.resolve("report.json");
        Cli evaluated = Cli.run("evaluate", "--real", real, "--synthetic", syn, "--evaluators", "fidelity", "--charter",
                charter, "--report", report);
        assertEquals(3, evaluated.code(), evaluated.err());
        Path cert = dir.resolve("cert.json");
        Cli certified = Cli.run("certify", syn, "--report", report, "--out", cert, "--charter", charter);
        assertEquals(0, certified.code(), certified.err());

        byte[] before = Files.readAllBytes(cert);
        Cli approve = Cli.run("approve", cert, "--key", keys("carol"), "--charter", charter);
        assertEquals(3, approve.code(), approve.out() + approve.err());
        assertTrue(approve.err().contains("the release is not approvable") && approve.err().contains("fidelity.score >= 0.999"),
                approve.err());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(cert), "the certificate is left as it was");

        assertEquals(0, Cli.run("approve", cert, "--key", keys("alice")).code());
        assertEquals(0, Cli.run("approve", cert, "--key", keys("bob")).code());
        Cli verified = Cli.run("lineage", "verify", cert, "--charter", charter);
        assertEquals(3, verified.code(), "two approvals do not make a failed release approved: " + verified.out());
        assertTrue(verified.err().contains("the release is not approvable: its report failed the checks of " + charter
                + ": fidelity.score >= 0.999 (the report has 0."), verified.err());
    }

    @Test
    void charterVerifyChecksSignaturesSchemaAndQuorum() throws Exception {
        Path draft = draft("charter-draft.json", 2, 2);
        Path signed = dir.resolve("charter.json");
        assertEquals(0, Cli.run("charter", "sign", draft, "--out", signed, "--key", keys("alice")).code());
        Cli one = Cli.run("charter", "verify", signed);
        assertEquals(3, one.code());
        assertTrue(one.err().contains("the charter needs 1 more approval (quorum 2 of 3), from any 1 of: Bob, Carol"), one.err());
        Cli fitUnder = fit("--charter", signed, "--model", dir.resolve("m.model"));
        assertEquals(3, fitUnder.code(), "nothing is done under a charter that lacks its own approvals");

        assertEquals(0, Cli.run("charter", "sign", signed, "--key", keys("carol")).code());
        Cli ok = Cli.run("charter", "verify", signed);
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("verified charter customers v2"), ok.out());
        Cli shown = Cli.run("charter", "show", signed);
        assertTrue(shown.out().contains("privacy budget  elsewhere.csv: epsilon at most 3, delta 0.000001"), shown.out());
        assertTrue(shown.out().contains("quorum          charter 2 of 3, plan 2 of 3, release 2 of 3")
                && shown.out().contains("next due 2027-06-01"), shown.out());

        String text = Files.readString(signed);
        int sig = text.indexOf("\"sig\" : \"") + "\"sig\" : \"".length();
        char c = text.charAt(sig);
        Files.writeString(signed, text.substring(0, sig) + (c == 'A' ? 'B' : 'A') + text.substring(sig + 1));
        assertEquals(4, Cli.run("charter", "verify", signed).code(), "a bad signature");

        Files.writeString(draft, Files.readString(draft).replace("\"plan\": 2", "\"plan\": 4"));
        Cli malformed = Cli.run("charter", "sign", draft, "--out", dir.resolve("bad.json"), "--key", keys("alice"));
        assertEquals(2, malformed.code());
        assertTrue(malformed.err().contains(draft + ": 'quorum.plan' is 4 but there are only 3 approvers"), malformed.err());
        assertFalse(Files.exists(dir.resolve("bad.json")), "nothing half-written");
    }

    @Test
    void approveAndCharterSignSpeakTheirOwnWordsForFilesTheyCannotUse() throws Exception {
        Cli csv = Cli.run("approve", real, "--key", keys("alice"));
        assertEquals(2, csv.code(), csv.err());
        assertTrue(csv.err().contains(real + " is not a signed plan, certificate or charter"), csv.err());
        assertFalse(csv.err().contains("Unrecognized token") || csv.err().contains("JSON String"), csv.err());

        Path yaml = Files.writeString(dir.resolve("broken.yaml"), "name: customers\nversion: 2\npurpose: a: b\n");
        Cli broken = Cli.run("charter", "sign", yaml, "--out", dir.resolve("broken.json"), "--key", keys("alice"));
        assertEquals(2, broken.code(), broken.err());
        assertTrue(broken.err().contains(yaml + ": not valid YAML at line 3, column "), broken.err());
        assertFalse(broken.err().contains("in 'reader'"), broken.err());

        Path missing = dir.resolve("nosuch.yaml");
        Cli none = Cli.run("charter", "sign", missing);
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains(missing + ": file not found") && !none.err().contains("--out"), none.err());
    }

    @Test
    void aYamlDraftSignsToTheSameCharterAsItsJson() throws Exception {
        Path json = draft("same.json", 2, 2);
        JsonNode tree = JSON.readTree(Files.readAllBytes(json));
        Path yaml = dir.resolve("same.yaml");
        Files.writeString(yaml, new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValueAsString(tree));
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        assertEquals(0, Cli.run("charter", "sign", json, "--out", a, "--key", keys("alice")).code());
        assertEquals(0, Cli.run("charter", "sign", yaml, "--out", b, "--key", keys("alice")).code());
        assertEquals(JSON.readTree(Files.readAllBytes(a)).path("payload"), JSON.readTree(Files.readAllBytes(b)).path("payload"));
        Path init = dir.resolve("init.yaml");
        assertEquals(0, Cli.run("charter", "init", "--out", init).code());
        Cli shown = Cli.run("charter", "show", init);
        assertEquals(0, shown.code(), "the starting charter is a valid one: " + shown.err());
        assertTrue(Files.readString(init).contains("# "), "it is commented");
    }

    /** A charter signed by Alice and Bob whose retirement quorum is {@code retirement} of the three approvers. */
    private Path retirementCharter(String name, int retirement) throws Exception {
        Path draft = draft(name + "-draft.json", 1, 1);
        Files.writeString(draft, Files.readString(draft).replace("\"release\": 1}", "\"release\": 1, \"retirement\": "
                + retirement + "}"));
        Path signed = dir.resolve(name + ".json");
        assertEquals(0, Cli.run("charter", "sign", draft, "--out", signed, "--key", keys("alice")).code());
        assertEquals(0, Cli.run("charter", "sign", signed, "--key", keys("bob")).code());
        return signed;
    }

    /** Synthetic rows sampled with {@code seed} from a model of the real data, recorded in {@code ledger}. */
    private Path sampled(String name, long seed, Path ledger) {
        Path model = dir.resolve(name + ".model");
        assertEquals(0, Cli.run("fit", "--data", real, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--ledger", ledger).code());
        Path syn = dir.resolve(name + ".csv");
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", 100, "--seed", seed, "--out", syn, "--ledger", ledger)
                .code());
        return syn;
    }

    @Test
    void aRetirementUnderACharterNeedsItsRetirementQuorumTwoOfThreeAcceptedThreeOfThreeRefused() throws Exception {
        Path twoOfThree = retirementCharter("ret2", 2);
        Path threeOfThree = retirementCharter("ret3", 3);
        Path ledger = dir.resolve("ledger.jsonl");
        Path syn = sampled("syn", 2, ledger);
        String reason = "all copies deleted on 2026-12-01";

        Cli unapproved = Cli.run("retire", syn, "--reason", reason, "--charter", twoOfThree, "--ledger", ledger);
        assertEquals(3, unapproved.code(), unapproved.out() + unapproved.err());
        assertTrue(unapproved.err().contains("needs the approval of 2 of its 3 approvers")
                && unapproved.err().contains("--request-out RETIREMENT.json"), unapproved.err());
        Cli notYet = Cli.run("lineage", "verify", syn, "--ledger", ledger);
        assertFalse(notYet.out().contains("was retired"), "nothing was recorded: " + notYet.out());

        Path request = dir.resolve("retirement.json");
        Cli written = Cli.run("retire", syn, "--reason", reason, "--charter", twoOfThree, "--request-out", request,
                "--ledger", ledger);
        assertEquals(0, written.code(), written.err());
        for (String who : new String[] {"alice", "bob"}) {
            Cli approved = Cli.run("approve", request, "--key", keys(who), "--charter", twoOfThree);
            assertEquals(0, approved.code(), approved.err());
            assertTrue(approved.out().contains("approved the retirement " + request), approved.out());
        }
        Cli otherReason = Cli.run("retire", syn, "--reason", "something else", "--charter", twoOfThree, "--approved",
                request, "--ledger", ledger);
        assertEquals(2, otherReason.code(), otherReason.err());
        assertTrue(otherReason.err().contains("the retirement given is not the one approved"), otherReason.err());

        Cli retired = Cli.run("retire", syn, "--reason", reason, "--charter", twoOfThree, "--approved", request,
                "--ledger", ledger);
        assertEquals(0, retired.code(), retired.err());
        assertTrue(retired.out().contains("2 of 3 approvers signed the retirement (quorum 2): Alice on 20")
                && retired.out().contains("Bob on 20"), retired.out());

        Cli verified = Cli.run("lineage", "verify", syn, "--charter", twoOfThree, "--ledger", ledger);
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().contains("was retired by") && verified.out().contains(
                "2 of 3 approvers signed the retirement (quorum 2)"), verified.out());
        Cli short3 = Cli.run("lineage", "verify", syn, "--charter", threeOfThree, "--ledger", ledger);
        assertEquals(3, short3.code(), short3.out() + short3.err());
        assertTrue(short3.err().contains("the retirement needs 1 more approval (quorum 3 of 3), from Carol"), short3.err());

        Path syn2 = sampled("syn2", 3, ledger); // other rows: a retirement covers every copy of the same bytes
        Path request3 = dir.resolve("retirement3.json");
        assertEquals(0, Cli.run("retire", syn2, "--reason", reason, "--charter", threeOfThree, "--request-out", request3,
                "--ledger", ledger).code());
        assertEquals(0, Cli.run("approve", request3, "--key", keys("alice")).code());
        assertEquals(0, Cli.run("approve", request3, "--key", keys("bob")).code());
        long lines = Files.readAllLines(ledger).size();
        Cli refused = Cli.run("retire", syn2, "--reason", reason, "--charter", threeOfThree, "--approved", request3,
                "--ledger", ledger);
        assertEquals(3, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("the retirement needs 1 more approval (quorum 3 of 3), from Carol"), refused.err());
        assertEquals(lines, Files.readAllLines(ledger).size(), "a refused retirement records nothing");
        assertEquals(0, Cli.run("approve", request3, "--key", keys("carol")).code());
        Cli all = Cli.run("retire", syn2, "--reason", reason, "--charter", threeOfThree, "--approved", request3,
                "--ledger", ledger);
        assertEquals(0, all.code(), all.err());
        Files.delete(syn2);
        Cli gone = Cli.run("lineage", "verify", syn2, "--charter", threeOfThree, "--ledger", ledger);
        assertEquals(0, gone.code(), gone.err());
        assertTrue(gone.out().contains(syn2 + " is gone: it was retired by")
                && gone.out().contains("3 of 3 approvers signed the retirement (quorum 3)"), gone.out());
    }

    @Test
    void theWorkbenchWorksUnderACharterWithTheCommandLinesChecksAndRecords() throws Exception {
        Path charter = charter("c", 2, 2);
        Path plan = approvedPlan(charter); // fit --plan-out of real.csv, gaussian-copula, seed 7: the workbench's fit below
        Path ledger = dir.resolve("wb.jsonl");
        Path noPlan = Files.writeString(dir.resolve("noplan.jsh"), """
                var real = read("real.csv");
                var m = fit(real, "gaussian-copula", seed(7), charter("c.json"));
                """);
        Cli refused = Cli.run("run", noPlan, "--dir", dir, "--ledger", ledger);
        assertEquals(3, refused.code(), refused.out() + refused.err());
        assertTrue(refused.err().contains("fit under the charter " + charter + " needs a plan approved by 2 of its 3 approvers"),
                refused.err());
        assertFalse(refused.err().contains("Exception") || refused.err().contains("QuorumNotMet"), refused.err());

        Path otherSeed = Files.writeString(dir.resolve("otherseed.jsh"), """
                var m = fit(read("real.csv"), "gaussian-copula", seed(8), charter("c.json"), plan("plan.json"));
                """);
        Cli notThePlan = Cli.run("run", otherSeed, "--dir", dir, "--ledger", ledger);
        assertEquals(2, notThePlan.code(), notThePlan.err());
        assertTrue(notThePlan.err().contains("the fit given is not the plan that was approved"), notThePlan.err());

        Path missing = Files.writeString(dir.resolve("missing.jsh"), """
                var m = fit(read("real.csv"), "gaussian-copula", seed(7), charter("nosuch.json"), plan("plan.json"));
                """);
        Cli bad = Cli.run("run", missing, "--dir", dir, "--ledger", ledger);
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("nosuch.json: file not found"), bad.err());
        assertFalse(bad.err().contains("Exception"), bad.err());

        Path ok = Files.writeString(dir.resolve("ok.jsh"), """
                var real = read("real.csv");
                var m = fit(real, "gaussian-copula", seed(7), charter("c.json"), plan("plan.json"));
                var syn = m.sample(200, 3);
                write(syn, "wb.csv");
                evaluate(real, "wb.csv", evaluators("fidelity"), charter("c.json"));
                """);
        Cli run = Cli.run("run", ok, "--dir", dir, "--ledger", ledger);
        assertEquals(0, run.code(), run.out() + run.err());
        Cli verified = Cli.run("lineage", "verify", dir.resolve("wb.csv"));
        assertEquals(0, verified.code(), verified.err());
        assertTrue(verified.out().contains("approved: the plan " + plan + " of the fit was approved by Alice on 20"),
                verified.out());
        String charterDigest = io.tabsynth.spi.io.Sha256.hex(Dsse.payload(JSON.readTree(Files.readAllBytes(charter))));
        java.util.Set<String> stepsUnderCharter = new java.util.TreeSet<>();
        for (var r : new io.tabsynth.engine.lineage.Ledger(ledger).records()) {
            boolean namesCharter = r.step().inputs().stream().anyMatch(a -> a.role().equals("charter")
                    && charterDigest.equals(a.contentSha256()));
            if (namesCharter) {
                assertEquals("2", r.step().parameters().get("charter.version"), r.step().parameters().toString());
                stepsUnderCharter.add(r.step().step());
            }
            if (r.step().step().equals("sample")) {
                assertTrue(r.step().inputs().stream().anyMatch(a -> a.role().equals("plan")), "the fit's plan");
                assertEquals(2, ((java.util.List<?>) r.step().results().get("planApprovals")).size());
            }
        }
        assertEquals(java.util.Set.of("evaluate", "sample"), stepsUnderCharter, "the sample (with its fit) and the "
                + "evaluation are recorded under the charter");
    }
}
