package io.tabsynth.shell.workbench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.governance.Plan;
import io.tabsynth.engine.governance.PlanApproval;
import io.tabsynth.engine.governance.SignedCharter;
import io.tabsynth.engine.lineage.History;
import io.tabsynth.engine.lineage.TrustStore;
import io.tabsynth.engine.lineage.Verification;
import io.tabsynth.engine.lineage.Verifier;
import io.tabsynth.engine.policy.ShippedPolicy;
import io.tabsynth.engine.governance.optout.OptOutList;
import io.tabsynth.engine.run.ConstraintFile;
import io.tabsynth.engine.run.Engine;
import io.tabsynth.engine.fairness.FairnessTarget;
import io.tabsynth.engine.fairness.Rebalance;
import io.tabsynth.engine.run.EvaluateFrames;
import io.tabsynth.engine.run.FittedModel;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fluent API of the JShell workbench, notebooks and batch scripts, made for typing at a prompt:
 *
 * <pre>
 * var real = read("adult.csv");
 * var m = fit(real, "gaussian-copula", seed(42));
 * var syn = m.sample(10_000);
 * evaluate(real, syn).show();
 * write(syn, "out.parquet");
 * </pre>
 *
 * Every call goes through the same {@link Engine} calls as the command line and leaves the same signed
 * lineage records: a sample is written (and recorded) by re-drawing it from its model and seed, which gives
 * the same rows; an evaluation of in-memory data evaluates the rows in memory and records them by content digest.
 */
public final class Workbench {
    private static Engine engine;
    private static List<String> args = List.of();
    private static Path work;
    private static int counter;
    /** The reports of this session whose policy gates failed, in order, for the runners' exit code. */
    private static final List<Report> failedGates = new ArrayList<>();
    private static Path base = Path.of("");
    /** Where fits report their progress: nowhere by default; the Jupyter kernel shows it under the cell. */
    private static Progress progress = Progress.NONE;

    private Workbench() {
    }

    /** Sends the progress of later fits to {@code p} (a runner that can show it calls this). */
    public static synchronized void showProgress(Progress p) {
        progress = p;
    }

    private static synchronized Progress progress() {
        return progress;
    }

    /** Starts a session on an engine (the runners call this); {@code args} are what {@link #args()} returns. */
    public static synchronized void open(Engine e, List<String> arguments) {
        open(e, arguments, Path.of(""));
    }

    /** As {@link #open(Engine, List)}, resolving relative file names against {@code directory}. */
    public static synchronized void open(Engine e, List<String> arguments, Path directory) {
        engine = e;
        base = directory;
        args = List.copyOf(arguments);
        Path ledger = e.lineage().ledger().file().toAbsolutePath();
        work = ledger.getParent().resolve("work");
        counter = 0;
        failedGates.clear();
    }

    /**
     * The reports of this session whose policy gates failed: a script or notebook run that made one exits 3, as
     * {@code tabsynth evaluate} does, after running to its end.
     */
    public static synchronized List<Report> failedGates() {
        return List.copyOf(failedGates);
    }

    /** The session's engine; opens the distribution's plugins and the default ledger if no runner did. */
    public static synchronized Engine engine() {
        if (engine == null) {
            String dist = System.getProperty("tabsynth.dist");
            Engine e = Engine.open(dist == null ? null : Path.of(dist, "plugins"), true,
                    io.tabsynth.engine.lineage.Lineage.standard(null));
            open(e, List.of());
        }
        return engine;
    }

    /** A file name resolved against the session's directory (the working directory unless a runner set one). */
    public static Path file(String name) {
        return base.resolve(name);
    }

    /** The arguments given after the script name to {@code tabsynth run SCRIPT.jsh ARGS}. */
    public static List<String> args() {
        return args;
    }

    /** Where the workbench writes the reports of its evaluations (beside the ledger). */
    public static synchronized Path workDirectory() {
        engine();
        return work;
    }

    /**
     * Writes the demo's made-up customers (see docs/demo.md: known relationships, no real person) to
     * {@code file}, recorded as an export, and reads them back: data for notebooks and first experiments.
     */
    public static Frame demoCustomers(String file, int rows, long seed) {
        Path p = file(file);
        engine().write(io.tabsynth.shell.demo.DemoData.customers(rows, seed), p);
        return engine().read(p, null);
    }

    /** Adds a generator written in this session (see notebooks/custom-generator.ipynb). */
    public static void register(io.tabsynth.spi.Generator generator) {
        engine().register(generator, "session", "0");
    }

    /** Reads a data file (CSV, TSV, Arrow IPC, Parquet). */
    public static Frame read(String file) {
        return engine().read(file(file), null);
    }

    /** Reads a data file with a metadata file that sets column kinds. */
    public static Frame read(String file, String metadata) {
        return engine().read(file(file), file(metadata));
    }

    /** A fit or sample option. */
    public sealed interface Option permits Seed, Param, Constraints, Condition, Exclude, Policy, UnderCharter, ApprovedPlan, FairnessGoal, Shares {
    }

    /** The seed for every random choice. */
    public record Seed(long value) implements Option {
    }

    /** A generator parameter. */
    public record Param(String name, String value) implements Option {
    }

    /** A constraints file (see docs/rules.md). */
    public record Constraints(String file) implements Option {
    }

    /** An opt-out list and the column it shares with the data: those rows are removed before the fit learns anything. */
    public record Exclude(String file, String key) implements Option {
    }

    /** A fixed value for conditional sampling. */
    public record Condition(String column, String value) implements Option {
    }

    /** A demographic-parity target for sampling (docs/fairness.md). */
    public record FairnessGoal(FairnessTarget target) implements Option {
    }

    /** The groups' shares of a column for sampling (docs/fairness.md). */
    public record Shares(Rebalance rebalance) implements Option {
    }

    /**
     * Sampling with the same share of rows with {@code positive} in {@code target} in every group of
     * {@code protectedColumn}, as {@code --fairness target=.. positive=.. protected=..} does.
     */
    public static FairnessGoal fairness(String target, Object positive, String protectedColumn) {
        return fairness(target, positive, protectedColumn, FairnessTarget.PARITY);
    }

    /** As {@link #fairness(String, Object, String)}, every other group's rate {@code ratio} times the most favoured group's. */
    public static FairnessGoal fairness(String target, Object positive, String protectedColumn, double ratio) {
        return new FairnessGoal(new FairnessTarget(target, String.valueOf(positive), protectedColumn, ratio));
    }

    /**
     * Sampling with equal shares of rows for the column's groups, or stated ones:
     * {@code rebalance("sex", " Female", 0.5)}; the groups not named share the rest as learned.
     */
    public static Shares rebalance(String column, Object... valuesAndShares) {
        if (valuesAndShares.length % 2 != 0) {
            throw new BadInputException("rebalance takes a column, then value, share pairs: rebalance(\"sex\", \" Female\", 0.5)");
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i = 0; i < valuesAndShares.length; i += 2) {
            if (!(valuesAndShares[i + 1] instanceof Number share)) {
                throw new BadInputException("rebalance(\"" + column + "\", ...): the share of '" + valuesAndShares[i]
                        + "' must be a number, not " + valuesAndShares[i + 1]);
            }
            shares.put(String.valueOf(valuesAndShares[i]), share.doubleValue());
        }
        return new Shares(new Rebalance(column, shares));
    }

    public static Seed seed(long value) {
        return new Seed(value);
    }

    public static Param param(String name, Object value) {
        return new Param(name, String.valueOf(value));
    }

    public static Constraints constraints(String file) {
        return new Constraints(file);
    }

    /** The opt-out list {@code file}, matched on the column {@code key} (docs/governance.md, "Opt-outs"). */
    public static Exclude exclude(String file, String key) {
        return new Exclude(file, key);
    }

    public static Condition condition(String column, Object value) {
        return new Condition(column, String.valueOf(value));
    }

    /** The signed charter a fit (and what is sampled from it) or an evaluation is done under (docs/governance.md). */
    public record UnderCharter(String file) implements Option, Check {
    }

    /** A generation plan its approvers signed (tabsynth fit --plan-out, tabsynth approve), for a fit under a charter. */
    public record ApprovedPlan(String file) implements Option {
    }

    /**
     * {@code --charter}: the step is done under this signed charter, checked as the command line checks it (signatures,
     * its own quorum; a fit needs {@link #plan}, within its privacy budget and opt-out list) and named in the records.
     */
    public static UnderCharter charter(String file) {
        return new UnderCharter(file);
    }

    /** {@code --plan}: the approved plan a fit under a {@link #charter} follows. */
    public static ApprovedPlan plan(String file) {
        return new ApprovedPlan(file);
    }

    /**
     * Fits a generator to data; options: {@link #seed}, {@link #param}, {@link #constraints}, {@link #exclude} and {@link #policy},
     * whose {@code privacyBudget} the fit must stay within (checked before the generator sees the data), and
     * {@link #charter} with {@link #plan}, as {@code tabsynth fit --charter C --plan P}: the fit, and what is sampled
     * from the model, record the charter and the plan.
     */
    public static WorkbenchModel fit(Frame data, String generator, Option... options) {
        long seed = 0;
        Map<String, String> params = new LinkedHashMap<>();
        ConstraintFile c = null;
        Path constraintsFile = null;
        OptOutList optOuts = null;
        Path policy = null;
        Path charterFile = null;
        Path planFile = null;
        for (Option o : options) {
            if (o instanceof Seed s) {
                seed = s.value();
            } else if (o instanceof Param p) {
                params.put(p.name(), p.value());
            } else if (o instanceof Constraints k) {
                constraintsFile = file(k.file());
                c = engine().constraints(constraintsFile);
            } else if (o instanceof Exclude x) {
                optOuts = OptOutList.read(file(x.file()), x.key());
            } else if (o instanceof Policy p) {
                policy = policyFile(p);
            } else if (o instanceof UnderCharter u) {
                charterFile = file(u.file());
            } else if (o instanceof ApprovedPlan p) {
                planFile = file(p.file());
            } else {
                throw new BadInputException("fit takes seed(..), param(..), constraints(..), exclude(..), policy(..), "
                        + "charter(..) and plan(..), not " + o);
            }
        }
        SignedCharter charter = charterFile == null ? null : SignedCharter.readApproved(charterFile, trust());
        Engine recorder = engine();
        if (charter != null) {
            PlanApproval.requirePlan("fit", planFile, charter);
            io.tabsynth.engine.lineage.Artifact source = data == null ? null : io.tabsynth.engine.lineage.Artifact.of(data);
            Path metadata = source == null || source.metadata() == null ? null : source.metadata().path();
            Plan given = Plan.of(source == null ? null : source.path(), generator, params, seed, metadata, constraintsFile,
                    charter.digest());
            recorder = engine().with(new PlanApproval("fit", planFile, charter, trust()).context(charter.context(), given));
            if (source != null) {
                engine().checkPrivacyBudget(charter.charter().budgetLimits(charter.file()), source.path(),
                        source.contentSha256(), generator, params);
            }
            if (charter.charter().optOuts() != null) {
                charter.charter().optOuts().require(data, optOuts, charter.file());
            }
        } else if (planFile != null) {
            throw new BadInputException("fit with plan(..) needs charter(..), whose quorum of approvers the plan must have");
        }
        if (policy != null && data != null) {
            io.tabsynth.engine.lineage.Artifact source = io.tabsynth.engine.lineage.Artifact.of(data);
            if (source == null) {
                throw new BadInputException("fit with policy(..) checks the privacy budget of the real data file: read "
                        + "the data with read(..)");
            }
            engine().checkPrivacyBudget(policy, source.path(), source.contentSha256(), generator, params);
        }
        var fitted = recorder.fit(data, generator, params, seed, progress(), c, optOuts);
        fitted.notes().forEach(System.err::println);
        return new WorkbenchModel(fitted, seed, recorder);
    }

    /** Fits a generator that needs no data, e.g. {@code fit("rules", param("spec", "spec.json"))}. */
    public static WorkbenchModel fit(String generator, Option... options) {
        return fit(null, generator, options);
    }

    /** Loads a model file written by {@code tabsynth fit} or {@link WorkbenchModel#save}. */
    public static WorkbenchModel load(String file) {
        FittedModel m = engine().load(file(file));
        return new WorkbenchModel(m, m.info().seed(), engine());
    }

    /** Writes a sample (recorded as the sample step that made it) or any frame (recorded as an export). */
    public static void write(Object data, String file) {
        Path out = file(file);
        if (data instanceof Sample s) {
            s.writeTo(out);
        } else if (data instanceof Frame f) {
            engine().write(f, out);
        } else {
            throw new BadInputException("write takes a sample or a frame, not " + data);
        }
    }

    /** An evaluation option. */
    public sealed interface Check permits Holdout, Setting, Policy, UnderCharter, Compare {
    }

    /** Other synthetic data the fairness evaluator reports beside the evaluated data, as {@code evaluate --compare}. */
    public record Compare(Object data) implements Check {
    }

    public static Compare compare(Object data) {
        return new Compare(data);
    }

    /** Real rows kept out of training, the baseline for privacy and utility. */
    public record Holdout(Object data) implements Check {
    }

    /** An evaluator setting: {@code evaluators}, or an evaluator option ({@code target}, {@code protected}, ...). */
    public record Setting(String name, String value) implements Check {
    }

    /** A policy file with acceptance gates. */
    public record Policy(String file) implements Check, Option {
    }

    public static Holdout holdout(Object data) {
        return new Holdout(data);
    }

    public static Setting target(String column) {
        return new Setting("target", column);
    }

    public static Setting protectedColumns(String... columns) {
        return new Setting("protected", String.join(",", columns));
    }

    public static Setting quasi(String... columns) {
        return new Setting("quasi", String.join(",", columns));
    }

    public static Setting sensitive(String column) {
        return new Setting("sensitive", column);
    }

    /** Any option an evaluator declares ({@code tabsynth plugins} lists them), e.g. {@code option("positive", ">50K")}. */
    public static Setting option(String name, String value) {
        return new Setting(name, value);
    }

    public static Setting evaluators(String... ids) {
        return new Setting("evaluators", String.join(",", ids));
    }

    public static Policy policy(String file) {
        return new Policy(file);
    }

    /**
     * Evaluates synthetic data (a sample, a frame or a file name) against real data. In-memory data is evaluated
     * as it is, and recorded by its content digest; files (and frames read from files) are read with the real
     * data's column kinds. The JSON and HTML reports are written, recorded, under the work directory.
     */
    public static Report evaluate(Object real, Object synthetic, Check... checks) {
        Object holdout = null;
        Object compared = null;
        Path policy = null;
        SignedCharter charter = null;
        List<String> evaluators = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (Check c : checks) {
            if (c instanceof UnderCharter u) {
                charter = SignedCharter.readApproved(file(u.file()), trust());
            } else if (c instanceof Holdout h) {
                holdout = h.data();
            } else if (c instanceof Compare k) {
                compared = k.data();
            } else if (c instanceof Setting s && s.name().equals("evaluators")) {
                evaluators.addAll(List.of(s.value().split(",")));
            } else if (c instanceof Setting s) {
                options.put(s.name(), s.value());
            } else if (c instanceof Policy p) {
                policy = policyFile(p);
            }
        }
        if (charter != null && policy != null) {
            throw new BadInputException("evaluate: charter(\"" + charter.file() + "\") gives the checks; leave out policy(..)");
        }
        if (charter != null) {
            policy = charter.file(); // its checks are the policy, as with tabsynth evaluate --charter
        }
        Engine recorder = charter == null ? engine() : engine().with(charter.context());
        Frame r = realFrame(real);
        Frame s = frameLike(synthetic, r);
        Frame h = holdout == null ? null : frameLike(holdout, r);
        Path json = fresh("report", ".json");
        Path html = json.resolveSibling(json.getFileName().toString().replace(".json", ".html"));
        Frame k = compared == null ? null : frameLike(compared, r);
        ObjectNode report = recorder.evaluate(new EvaluateFrames(r, h, s, evaluators, options, policy, json, html, k));
        Report result = new Report(report, json, html);
        if (!result.passed()) {
            synchronized (Workbench.class) {
                failedGates.add(result);
            }
        }
        return result;
    }

    /** The keys this session trusts: its own and those of the trust file beside it. */
    private static TrustStore trust() {
        return TrustStore.standard(engine().lineage().keys());
    }

    /**
     * Certifies a synthetic data file whose lineage verifies, with an evaluation report, as {@code tabsynth certify}
     * does: the signed certificate and the data card (Markdown) are written under the work directory; returns the card.
     */
    public static Text certify(String dataset, Report report) {
        Path certificate = fresh("certificate", ".json");
        Path card = fresh("card", ".md");
        engine().certify(new io.tabsynth.engine.certify.CertifyRequest(file(dataset), report.file(), null, certificate,
                card, null, null));
        try {
            return new Text(Files.readString(card));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A policy's file: one in the working directory, else a policy shipped with tabsynth. */
    private static Path policyFile(Policy p) {
        Path named = file(p.file());
        return Files.exists(named) ? named : ShippedPolicy.resolve(Path.of(p.file()), "policy(\"" + p.file() + "\")");
    }

    /**
     * The privacy budget spent on real data (a frame read from a file, or a file name) by every fit the ledgers
     * recorded (this session's ledger when none is named), each ledger verified first; see docs/privacy.md.
     */
    public static io.tabsynth.engine.privacy.SpentBudget privacyBudget(Object data, String... ledgers) {
        List<Path> named = new ArrayList<>();
        for (String l : ledgers) {
            Path p = file(l);
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(p + ": ledger file not found");
            }
            named.add(p);
        }
        return engine().privacyBudget(realFrame(data), named);
    }

    /** A new file name in the work directory, {@code prefix-N.ext}, never one that exists already. */
    private static synchronized Path fresh(String prefix, String ext) {
        try {
            Files.createDirectories(workDirectory());
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot create " + work + ": " + e.getMessage(), e);
        }
        Path p;
        do {
            p = workDirectory().resolve(prefix + "-" + ++counter + ext);
        } while (Files.exists(p) || Files.exists(p.resolveSibling(prefix + "-" + counter + ".html")));
        return p;
    }

    /** The real data as a frame: a file name read now, a frame, or a sample's rows. */
    private static Frame realFrame(Object data) {
        if (data instanceof String name) {
            return engine().read(file(name), null);
        }
        if (data instanceof Path p) {
            return engine().read(p, null);
        }
        return inMemory(data);
    }

    /**
     * Data to compare with the real frame: a file (named, or the one a frame was read from) read with the real
     * data's column kinds, or in-memory rows as they are.
     */
    private static Frame frameLike(Object data, Frame real) {
        if (data instanceof String name) {
            return engine().readLike(file(name), real);
        }
        if (data instanceof Path p) {
            return engine().readLike(p, real);
        }
        if (data instanceof Frame f && f.source() != null) {
            return engine().readLike(f.source().file(), real);
        }
        return inMemory(data);
    }

    private static Frame inMemory(Object data) {
        if (data instanceof Sample s) {
            return s.frame();
        }
        if (data instanceof Frame f) {
            return f;
        }
        throw new BadInputException("evaluate takes samples, frames and file names, not " + data);
    }

    /** The history of a file as a tree: which real data, which model, which parameters, which scores. */
    public static Text lineage(String file) {
        return new Text(History.of(file(file)));
    }

    /** Verifies a file's (or a ledger's) lineage against the keys this machine trusts. */
    public static Verification verify(String file) {
        Verifier v = new Verifier(TrustStore.standard(engine().lineage().keys()));
        Path p = file(file);
        return p.getFileName().toString().endsWith(".jsonl") ? v.verifyLedger(p) : v.verifyFile(p);
    }

    /** Prints a value in full (JShell's own echo shortens long values). */
    public static void show(Object value) {
        System.out.println(value);
    }

    /** Text that prints as itself (no quotes) at a prompt. */
    public record Text(String text) {
        @Override
        public String toString() {
            return text;
        }
    }
}
