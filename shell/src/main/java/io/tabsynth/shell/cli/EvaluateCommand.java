package io.tabsynth.shell.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.policy.ShippedPolicy;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.run.EvaluateRequest;
import io.tabsynth.spi.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tabsynth evaluate}: scores synthetic data against real data, applies policy gates, writes the report. */
@Command(name = "evaluate", description = "Evaluate synthetic data against real data; exit 3 if a policy gate fails.")
public final class EvaluateCommand implements Callable<Integer> {
    /** Exit code when a policy gate fails. */
    public static final int GATE_FAILED = 3;
    /** Significant digits of a policy check's value on the console (the report keeps the full number). */
    private static final int ACTUAL_DIGITS = 6;

    @Mixin
    EngineOptions engine;

    @Option(names = "--real", required = true, paramLabel = "REAL", description = "real (training) data")
    Path real;

    @Option(names = "--holdout", paramLabel = "H", description = "real rows not used for training")
    Path holdout;

    @Option(names = "--synthetic", required = true, paramLabel = "SYN", description = "synthetic data")
    Path synthetic;

    @Option(names = "--compare", paramLabel = "SYN2",
            description = "other synthetic data (e.g. the plain sample, when --synthetic is a remediated one) that the"
                    + " fairness evaluator reports beside --synthetic")
    Path compare;

    @Option(names = "--metadata", paramLabel = "M", description = "metadata for reading the data")
    Path metadata;

    @Option(names = "--evaluators", split = ",", paramLabel = "a,b", description = "evaluator ids (default: all installed)")
    List<String> evaluators = new ArrayList<>();

    @Option(names = "--target", description = "target column (utility, fairness)")
    String target;

    @Option(names = "--protected", split = ",", paramLabel = "c1,c2", description = "protected columns (fairness)")
    List<String> protectedColumns = new ArrayList<>();

    @Option(names = "--quasi", split = ",", paramLabel = "c1,c2", description = "quasi-identifiers (privacy)")
    List<String> quasi = new ArrayList<>();

    @Option(names = "--sensitive", paramLabel = "c", description = "sensitive column (privacy)")
    String sensitive;

    @Option(names = "--option", paramLabel = "k=v", description = "evaluator option, e.g. positive='>50K' "
            + "(repeatable; `tabsynth plugins` lists each evaluator's options)")
    Map<String, String> moreOptions = new LinkedHashMap<>();

    @Option(names = "--policy", paramLabel = "P.json", description = "policy file with acceptance thresholds, or "
            + "'baseline' for the baseline policy shipped with tabsynth")
    Path policy;

    @Option(names = "--report", required = true, paramLabel = "OUT.json", description = "where to write the report")
    Path report;

    @Option(names = "--html", paramLabel = "OUT.html", description = "also write a self-contained HTML report with plots")
    Path html;

    @Mixin
    CharterOption charter;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ApprovalExit.run(spec, this::evaluate);
    }

    private int evaluate() {
        SignedCharter underCharter = charter.read();
        if (underCharter != null) {
            if (policy != null) {
                throw new BadInputException("evaluate: --charter " + charter.file + " gives the checks; leave out --policy");
            }
            policy = charter.file;
        }
        policy = ShippedPolicy.resolve(policy, "--policy " + policy);
        Inputs.notAnInput(report, real, holdout, synthetic, metadata, policy, compare);
        if (html != null) {
            Inputs.notAnInput(html, real, holdout, synthetic, metadata, policy, report, compare);
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (target != null) {
            options.put("target", target);
        }
        if (!protectedColumns.isEmpty()) {
            options.put("protected", String.join(",", protectedColumns));
        }
        if (!quasi.isEmpty()) {
            options.put("quasi", String.join(",", quasi));
        }
        if (sensitive != null) {
            options.put("sensitive", sensitive);
        }
        moreOptions.forEach((name, value) -> {
            if (options.containsKey(name)) {
                throw new BadInputException("--option " + name + " repeats --" + name + "; give it once");
            }
            options.put(name, value);
        });
        try (Engine e = engine.open(CharterOption.context(underCharter))) {
            ObjectNode r = e.evaluate(new EvaluateRequest(real, holdout, synthetic, metadata, evaluators, options, policy,
                    report, html, compare));
            PrintWriter out = spec.commandLine().getOut();
            r.properties().forEach(entry -> {
                if (!entry.getKey().equals("policy")) {
                    JsonNode score = entry.getValue().path("score");
                    JsonNode note = entry.getValue().path("note");
                    out.printf(Locale.ROOT, "%-10s %s%n", entry.getKey(), score.isNumber()
                            ? String.format(Locale.ROOT, "%.4f", score.asDouble())
                                    + (entry.getKey().equals("fairness") ? fairnessGloss(entry.getValue()) : "")
                            : "-" + (note.isTextual() ? "  (" + note.asText() + ")" : ""));
                }
            });
            out.println("report written to " + report + (html == null ? "" : " and " + html));
            FindingWarnings.lines(r).forEach(spec.commandLine().getErr()::println);
            JsonNode verdict = r.path("policy");
            if (verdict.isMissingNode()) {
                return 0;
            }
            for (JsonNode c : verdict.path("checks")) {
                out.printf(Locale.ROOT, "%s %-45s actual %s%n", c.path("passed").asBoolean() ? "PASS" : "FAIL",
                        c.path("check").asText(), actual(c));
            }
            if (!verdict.path("passed").asBoolean()) {
                printFailedGate(spec.commandLine().getErr(), verdict, report);
                return GATE_FAILED;
            }
            return 0;
        }
    }

    /** Names each failed check of a report's {@code policy} section with its value, then the report, on {@code err}. */
    static void printFailedGate(java.io.PrintWriter err, JsonNode policy, Path report) {
        for (JsonNode c : failedChecks(policy)) {
            err.println("policy check failed: " + c.path("check").asText() + ", actual " + actual(c));
        }
        err.println("policy gate failed: see " + report);
    }

    /**
     * The exit code of a script or notebook run whose snippets all ran: {@link #GATE_FAILED} when a workbench
     * evaluation's policy gate failed (each named on {@code err}), else 0.
     */
    static int gatesOfRun(java.io.PrintWriter err) {
        List<io.tabsynth.shell.workbench.Report> failed = io.tabsynth.shell.workbench.Workbench.failedGates();
        failed.forEach(r -> printFailedGate(err, r.json().path("policy"), r.file()));
        return failed.isEmpty() ? 0 : GATE_FAILED;
    }

    /** The checks of a report's {@code policy} section that failed, in the policy's order. */
    static List<JsonNode> failedChecks(JsonNode policy) {
        List<JsonNode> failed = new ArrayList<>();
        policy.path("checks").forEach(c -> {
            if (!c.path("passed").asBoolean()) {
                failed.add(c);
            }
        });
        return failed;
    }

    /** A check's value for reading, or why it has none. */
    private static String actual(JsonNode check) {
        return check.path("actual").isNull() ? "none: " + check.path("reason").asText() : readable(check.path("actual"));
    }

    /** A check's value for reading: a number to six significant digits (0.972247, not 0.9722466204002662). */
    static String readable(JsonNode actual) {
        if (!actual.isNumber()) {
            return actual.asText();
        }
        return new java.math.BigDecimal(actual.asDouble()).round(new java.math.MathContext(ACTUAL_DIGITS))
                .stripTrailingZeros().toPlainString();
    }

    /**
     * What the fairness score measures, beside it, so that it does not read as a verdict on fairness: a remediated
     * sample with parity scores low because its disparate impact is far from the real data's.
     */
    private static String fairnessGloss(JsonNode fairness) {
        StringBuilder b = new StringBuilder("  (how closely group shares and disparate impact follow the real data's,"
                + " not how fair the data is; disparate impact");
        fairness.path("protected").properties().forEach(c -> b.append(String.format(Locale.ROOT,
                " by %s: real %.3f, synthetic %.3f;", c.getKey(), c.getValue().path("realDisparateImpact").asDouble(),
                c.getValue().path("syntheticDisparateImpact").asDouble())));
        b.setLength(b.length() - 1);
        return b.append(')').toString();
    }
}
