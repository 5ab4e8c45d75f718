package io.tabsynth.engine.certify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.FitPrivacy;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.engine.privacy.SpentBudget;
import io.tabsynth.spi.JsonOutput;
import io.tabsynth.spi.privacy.PrivacyCost;
import io.tabsynth.spi.privacy.Rational;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a synthetic dataset's lineage proves about the privacy of the people in the real data: a
 * differential-privacy guarantee (ε, δ) when every step of the chain that learned from data was a differentially
 * private fit with unpredictable noise, and otherwise, plainly, none, with the reason. Read from the fits'
 * {@code results.privacy} (docs/privacy.md, "The record"); stated in plain words for data cards and as fields for
 * the certificate ({@link #toJson()}).
 */
public final class PrivacyGuarantee {
    /** {@code kind} of a dataset with a differential-privacy guarantee. */
    public static final String DIFFERENTIAL_PRIVACY = "differential-privacy";
    /** {@code kind} of a dataset with no formal guarantee. */
    public static final String NONE = "none";
    static final String NEIGHBOURS = "one row added or removed";
    /** Why measured privacy is no substitute for the guarantee. */
    static final String ATTACKS_ARE_NOT_A_GUARANTEE = "The attack results in the evaluation report show what the "
            + "attacks that were tried could not do; they are not a guarantee about what any attacker could do.";
    /** What certification adds beside the dataset that the privacy budget never paid for. */
    static final String REAL_STATISTICS = "the evaluation's statistics of the real data in this card and its "
            + "certificate (real pair strengths, counts of unique values, group base rates)";
    /** Steps that only carry data along: they learn nothing from real data. */
    private static final Set<String> CARRYING_STEPS = Set.of("export", "evaluate", "certify");
    /** What a fit's {@code results.privacy} must state for its guarantee to be shown. */
    private static final List<String> REQUIRED = List.of("epsilon", "delta", "rho", "noise");
    /** The role of a constraints file among a step's inputs, and the key of a fit's constraints among its results. */
    private static final String CONSTRAINTS = "constraints";
    private static final int FACTOR_DIGITS = 3;
    private static final int RHO_DIGITS = 4;
    private static final double WHOLE_FACTOR = 100;
    /** From here on e^ε is written as "about m·10^k": its whole digits would be noise, and it overflows a long. */
    private static final double POWER_FACTOR = 1e9;
    private static final ObjectMapper JSON = JsonOutput.mapper();

    private final String kind;
    private final String reason;
    private final String noise;
    private final double epsilon;
    private final double delta;
    private final Rational rho;
    private final List<String> fits;
    private final List<String> postProcessing;
    private final List<String> treatedAsPublic;
    /** What the real data's budget ledger holds beside this dataset's fits, or {@code null} when not stated. */
    private String ledgerContext;

    private PrivacyGuarantee(String kind, String reason, String noise, double epsilon, double delta, Rational rho,
                             List<String> fits, List<String> postProcessing, List<String> treatedAsPublic) {
        this.kind = kind;
        this.reason = reason;
        this.noise = noise;
        this.epsilon = epsilon;
        this.delta = delta;
        this.rho = rho;
        this.fits = List.copyOf(fits);
        this.postProcessing = List.copyOf(postProcessing);
        this.treatedAsPublic = List.copyOf(treatedAsPublic);
    }

    private static PrivacyGuarantee none(String reason, String noise) {
        return new PrivacyGuarantee(NONE, reason, noise, Double.NaN, Double.NaN, null, List.of(), List.of(), List.of());
    }

    /**
     * The guarantee of a dataset whose verified chain is {@code chain} (oldest first); {@code unreached} names where
     * the chain stops short of real data (a model of unknown origin), empty when it reaches it.
     */
    public static PrivacyGuarantee of(List<Step> chain, List<String> unreached) {
        if (!unreached.isEmpty()) {
            return none("its lineage cannot be followed back to the fit that learned from the real data, so no "
                    + "guarantee can be shown", null);
        }
        List<Step> learning = chain.stream().filter(PrivacyGuarantee::learns).toList();
        if (learning.isEmpty()) {
            return none("no step in its lineage learned from real data", null);
        }
        Rational rhoTotal = Rational.ZERO;
        double deltaTotal = 0;
        double selectionDelta = 0;
        double epsilonAsked = 0;
        List<String> fits = new ArrayList<>();
        for (Step fit : learning) {
            JsonNode privacy = JSON.valueToTree(fit.results()).path("privacy");
            String model = "the " + fit.extension() + " model";
            if (!privacy.isObject()) {
                return none("it was made by " + fit.extension() + ", which is not differentially private (it adds no "
                        + "privacy noise)", null);
            }
            List<String> missing = REQUIRED.stream().filter(k -> !privacy.hasNonNull(k)).toList();
            if (!missing.isEmpty()) {
                return none(model + "'s privacy record does not state its " + String.join(", ", missing)
                        + ", so no guarantee can be shown", null);
            }
            String noise = privacy.path("noise").asText();
            if (!noise.equals(FitPrivacy.SECURE_NOISE)) {
                return none(model + " was fitted with " + noise + " noise (noise=" + noise + "), which anyone with the "
                        + "seed can recompute and subtract, so it makes no privacy claim", noise);
            }
            if (constrainedAtFit(fit)) {
                return none(model + " was fitted under constraints, whose transforms were chosen from the real data "
                        + "outside the privacy budget (give constraints when sampling instead)", noise);
            }
            String by = fit.step() + " by " + fit.extension() + " (" + fit.finished() + ")";
            rhoTotal = rhoTotal.add(Rational.parse(privacy.path("rho").asText()));
            deltaTotal += privacy.path("delta").asDouble();
            selectionDelta += privacy.path("selectionDelta").asDouble();
            epsilonAsked = privacy.path("epsilon").asDouble();
            fits.add(by + ": epsilon " + number(privacy.path("epsilon").asDouble()) + ", delta "
                    + number(privacy.path("delta").asDouble()) + ", rho "
                    + rounded(Rational.parse(privacy.path("rho").asText()).doubleValue()));
        }
        // One fit: its budget, which the fit never exceeds. Several: their costs composed, converted at their δ's sum.
        double eps = learning.size() == 1 ? epsilonAsked
                : SpentBudget.epsilon(new PrivacyCost(rhoTotal, selectionDelta), deltaTotal);
        return new PrivacyGuarantee(DIFFERENTIAL_PRIVACY, null, FitPrivacy.SECURE_NOISE, eps, deltaTotal, rhoTotal, fits,
                postProcessing(chain, learning.get(learning.size() - 1)), treatedAsPublic(learning));
    }

    /** The last step of the chain that learned from data, or {@code null} when none did. */
    static Step lastLearning(List<Step> chain) {
        Step last = null;
        for (Step step : chain) {
            if (learns(step)) {
                last = step;
            }
        }
        return last;
    }

    /**
     * A step that learned from real data: one that read real data to make something (a fit, a file a fit wrote such
     * as a checkpoint, a sample fitted in memory by {@code synth}), not one that only carries data along (an export,
     * an evaluation, a certificate). A fit of a generator that reads no data (rules) learned nothing.
     */
    private static boolean learns(Step step) {
        return !CARRYING_STEPS.contains(step.step())
                && step.inputs().stream().anyMatch(in -> Artifact.REAL_DATA_ROLE.equals(in.role()));
    }

    /**
     * Whether constraints were given to the fit (a fit records them; a sample fitted in memory reads their file):
     * their transforms are chosen from the real data, outside any privacy budget.
     */
    private static boolean constrainedAtFit(Step fit) {
        return fit.results().containsKey(CONSTRAINTS) || fit.step().equals("sample")
                && fit.inputs().stream().anyMatch(in -> CONSTRAINTS.equals(in.role()));
    }

    /** What was done with the noisy release, which costs no privacy. */
    private static List<String> postProcessing(List<Step> chain, Step lastFit) {
        List<String> out = new ArrayList<>();
        out.add("fitting the model to the noisy measurements (" + lastFit.extension() + ")");
        boolean after = false;
        for (Step step : chain) {
            if (step == lastFit) {
                after = true;
                if (!step.step().equals("sample")) {
                    continue;
                }
            }
            if (!after) {
                continue;
            }
            if (step.step().equals("sample")) {
                Map<String, String> params = new TreeMap<>(step.parameters());
                StringBuilder s = new StringBuilder("sampling " + rows(params.get("rows")) + " rows"
                        + (step.seed() == null ? "" : " (seed " + step.seed() + ")"));
                params.forEach((k, v) -> {
                    if (k.startsWith("condition.")) {
                        s.append(", on condition ").append(k.substring("condition.".length())).append(" = ").append(v);
                    }
                });
                step.inputs().stream().filter(in -> CONSTRAINTS.equals(in.role()))
                        .forEach(in -> s.append(", under the constraints of ").append(in.path().getFileName()));
                out.add(s.toString());
            } else if (step.step().equals("export")) {
                out.add("writing the rows as " + step.parameters().getOrDefault("format", step.extension()));
            }
        }
        return out;
    }

    private static List<String> treatedAsPublic(List<Step> fits) {
        List<String> out = new ArrayList<>();
        out.add("the schema: column names, each column's kind and written form (decimals, date style)");
        for (Step fit : fits) {
            fit.inputs().stream().filter(in -> Artifact.METADATA_ROLE.equals(in.role())).forEach(in -> out.add(
                    "the metadata file " + in.path().getFileName() + " (what it declares about the columns)"));
        }
        out.add(REAL_STATISTICS + ": not covered by the guarantee, as they were computed from the real data outside "
                + "the privacy budget");
        return out;
    }

    public String kind() {
        return kind;
    }

    public boolean isPrivate() {
        return kind.equals(DIFFERENTIAL_PRIVACY);
    }

    /** ε; NaN when there is no guarantee. */
    public double epsilon() {
        return epsilon;
    }

    /** δ; NaN when there is no guarantee. */
    public double delta() {
        return delta;
    }

    /** e^ε, the most one person's row can multiply the probability of any output by. */
    public double factor() {
        return Math.exp(epsilon);
    }

    /**
     * Adds what the budget ledger holds about the real data this dataset was learned from, when it records more than
     * this one fit or a fit without a guarantee: the total ε spent on that data, or that the data has no formal
     * guarantee. This dataset's own statement stays; the context says what it does not cover.
     */
    public void inContextOf(SpentBudget spent) {
        if (spent.fits().size() <= 1 && spent.formalGuarantee()) {
            return;
        }
        ledgerContext = "The budget ledger records " + spent.fits().size() + " fits on the same real data ("
                + spent.data().getFileName() + "): " + spent.statement(spent.deltaAsked()) + ". The statement above "
                + "is about this dataset alone; for everything released from that data together, only the ledger's "
                + "total applies.";
    }

    /** Says that the real data's budget ledger could not be read, so what else was spent on it is unknown. */
    public void ledgerUnreadable(String why) {
        ledgerContext = "What else was spent on the same real data is not known: " + why + ".";
    }

    /** The guarantee in plain words, with what the real data's ledger holds when that was added. */
    public List<String> plainStatements() {
        return ledgerContext == null ? List.of(summary()) : List.of(summary(), ledgerContext);
    }

    /** The guarantee in one or two plain sentences. */
    public String summary() {
        if (!isPrivate()) {
            return "No formal privacy guarantee: " + reason + ". " + ATTACKS_ARE_NOT_A_GUARANTEE;
        }
        return "Differential privacy: any one person's presence in the real data changes the probability of any "
                + "output by at most a factor e^ε = " + factorText() + " (ε = " + number(epsilon)
                + "), except with probability δ = " + number(delta) + " (" + oneIn(delta) + "). This holds whatever "
                + "else is known about that person, for anything made from this dataset; " + REAL_STATISTICS
                + " are not covered.";
    }

    /** Paragraphs for a data card: the summary, then what it covers and what it rests on. */
    public List<String> paragraphs() {
        List<String> out = new ArrayList<>(plainStatements());
        if (isPrivate()) {
            out.add("Neighbouring data sets: two versions of the real data with " + NEIGHBOURS + ". The guarantee "
                    + "protects a row; a person with several rows is protected as several rows, and the guarantee "
                    + "weakens accordingly.");
            out.add("Noise: drawn exactly from the operating system's cryptographic random source (noise=secure), so "
                    + "nobody can recompute it and subtract it.");
            out.add("Post-processing, which costs no privacy: " + String.join("; ", postProcessing) + ".");
            out.add("Treated as public (not protected): " + String.join("; ", treatedAsPublic) + ".");
        }
        return out;
    }

    /** Key-value rows for a data card. */
    public List<String[]> rows() {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"kind", kind});
        if (isPrivate()) {
            out.add(new String[] {"epsilon (ε)", number(epsilon)});
            out.add(new String[] {"e^ε", factorText()});
            out.add(new String[] {"delta (δ)", number(delta)});
            out.add(new String[] {"rho (zCDP)", rounded(rho.doubleValue()) + " (the exact fraction is the certificate's "
                    + "rhoExact)"});
            out.add(new String[] {"neighbouring relation", NEIGHBOURS});
            out.add(new String[] {"noise", noise});
            for (String fit : fits) {
                out.add(new String[] {"private step", fit});
            }
        } else {
            out.add(new String[] {"reason", reason});
            if (noise != null) {
                out.add(new String[] {"noise", noise});
            }
        }
        return out;
    }

    /** The certificate's {@code privacyGuarantee}. */
    public ObjectNode toJson() {
        ObjectNode g = JSON.createObjectNode();
        g.put("kind", kind);
        if (isPrivate()) {
            g.put("epsilon", epsilon);
            g.put("delta", delta);
            if (Double.isFinite(factor())) {
                g.put("factor", factor());
            }
            g.put("rho", rho.doubleValue());
            g.put("rhoExact", rho.toString());
            g.put("neighbouring", NEIGHBOURS);
            g.put("noise", noise);
            fits.forEach(g.putArray("privateSteps")::add);
            postProcessing.forEach(g.putArray("postProcessing")::add);
            treatedAsPublic.forEach(g.putArray("treatedAsPublic")::add);
        } else {
            g.put("reason", reason);
            if (noise != null) {
                g.put("noise", noise);
            }
        }
        g.put("statement", summary());
        if (ledgerContext != null) {
            g.put("realDataLedger", ledgerContext);
        }
        return g;
    }

    /**
     * e^ε to three significant digits, as a whole number once it is 100 or more, and as "about 2.7·10^43" once it
     * is a billion or more (computed from ε's decimal logarithm, so no ε overflows).
     */
    private String factorText() {
        double f = factor();
        if (f >= POWER_FACTOR) {
            double log10 = epsilon / Math.log(10);
            long power = (long) Math.floor(log10);
            double mantissa = Math.pow(10, log10 - power);
            String m = String.format(Locale.ROOT, "%.1f", mantissa);
            if (m.equals("10.0")) {
                m = "1.0";
                power++;
            }
            return "about " + m + "·10^" + power;
        }
        if (f >= WHOLE_FACTOR) {
            return String.format(Locale.ROOT, "%,d", Math.round(f));
        }
        return new BigDecimal(f).round(new MathContext(FACTOR_DIGITS, RoundingMode.HALF_EVEN)).toPlainString();
    }

    /** A row count as recorded, written with thousands separators. */
    private static String rows(String recorded) {
        if (recorded == null || !recorded.matches("\\d+")) {
            return "the";
        }
        return String.format(Locale.ROOT, "%,d", Long.parseLong(recorded));
    }

    /** A number to four significant digits. */
    private static String rounded(double v) {
        return new BigDecimal(v).round(new MathContext(RHO_DIGITS, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    /** A number written out as short as it is exact: 1, 0.3, 0.000001. */
    private static String number(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** "one in 1,000,000" for δ = 1e-6. */
    private static String oneIn(double p) {
        return String.format(Locale.ROOT, "one in %,d", Math.round(1 / p));
    }
}
