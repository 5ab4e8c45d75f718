package io.tabsynth.engine.privacy;

import static io.tabsynth.engine.lineage.FitPrivacy.shown;

import io.tabsynth.engine.lineage.History;
import io.tabsynth.engine.lineage.FitPrivacy;
import io.tabsynth.spi.privacy.PrivacyCost;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ZcdpConversion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The privacy budget spent on one real dataset by the fits its ledgers recorded, under composition: the zCDP ρ's
 * of the differentially private fits add (Bun and Steinke 2016, Lemma 2.3), so do the δ's of their thresholded
 * selections (their Section 8), and the total is (ε, δ)-DP with ε = {@link ZcdpConversion#epsilon} of the total ρ
 * at δ less the selections' δ. Fits without a formal guarantee (seeded noise, or a generator that is not
 * differentially private) add nothing to ρ: they are listed apart, and while there is one the data has no formal
 * guarantee at all.
 */
public final class SpentBudget {
    private final Path data;
    private final String sha256;
    private final String contentSha256;
    private final List<Path> ledgers;
    private final List<RecordedFit> fits;

    /**
     * @param data          the real data file asked about
     * @param sha256        its file digest
     * @param contentSha256 its content digest, or {@code null} when it was not parsed
     * @param ledgers       the ledgers read
     * @param fits          the fits found on it
     */
    public SpentBudget(Path data, String sha256, String contentSha256, List<Path> ledgers, List<RecordedFit> fits) {
        this.data = data;
        this.sha256 = sha256;
        this.contentSha256 = contentSha256;
        this.ledgers = List.copyOf(ledgers);
        this.fits = List.copyOf(fits);
    }

    /** The real data file asked about. */
    public Path data() {
        return data;
    }

    /** Every fit found, in ledger order. */
    public List<RecordedFit> fits() {
        return fits;
    }

    /** The fits with a formal differential-privacy guarantee, whose costs compose. */
    public List<RecordedFit> privateFits() {
        return fits.stream().filter(f -> f.guarantee() == FitPrivacy.DIFFERENTIAL_PRIVACY).toList();
    }

    /** The fits with no formal guarantee (seeded noise, or not differentially private). */
    public List<RecordedFit> withoutGuarantee() {
        return fits.stream().filter(f -> f.guarantee() != FitPrivacy.DIFFERENTIAL_PRIVACY).toList();
    }

    /** Whether everything fitted on the data is covered by the total ε: no fit without a guarantee. */
    public boolean formalGuarantee() {
        return withoutGuarantee().isEmpty();
    }

    /** What the private fits spent together: their ρ's added exactly, and their selection δ's added. */
    public PrivacyCost spent() {
        Rational rho = Rational.ZERO;
        double selection = 0;
        for (RecordedFit f : privateFits()) {
            rho = rho.add(f.rho());
            selection += f.selectionDelta();
        }
        return new PrivacyCost(rho, Math.min(selection, Math.nextDown(1.0)));
    }

    /** The δ's the private fits asked for, added: the δ the total is stated at unless another is asked for. */
    public double deltaAsked() {
        return privateFits().stream().mapToDouble(RecordedFit::deltaAsked).filter(d -> !Double.isNaN(d)).sum();
    }

    /**
     * The ε of a cost at total δ: ρ converted at δ less the selections' δ; infinite when the selections' δ alone reach
     * δ (no ε holds at that δ), 0 for no cost.
     */
    public static double epsilon(PrivacyCost cost, double delta) {
        if (cost.rho().signum() == 0 && cost.selectionDelta() == 0) {
            return 0;
        }
        double remaining = delta - cost.selectionDelta();
        return remaining > 0 && remaining < 1 ? ZcdpConversion.epsilon(cost.rho().doubleValue(), remaining)
                : Double.POSITIVE_INFINITY;
    }

    /** Adds two costs. */
    public static PrivacyCost plus(PrivacyCost a, PrivacyCost b) {
        return new PrivacyCost(a.rho().add(b.rho()), Math.min(a.selectionDelta() + b.selectionDelta(), Math.nextDown(1.0)));
    }

    /** The budget as JSON ({@code privacy budget --json}); see docs/privacy.md for the fields. */
    public Map<String, Object> toMap(double delta) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", data.toString());
        d.put("sha256", sha256);
        d.put("contentSha256", contentSha256);
        m.put("data", d);
        m.put("ledgers", ledgers.stream().map(Path::toString).toList());
        List<Map<String, Object>> listed = new ArrayList<>();
        fits.forEach(f -> listed.add(f.toMap()));
        m.put("fits", listed);
        Map<String, Object> total = new LinkedHashMap<>();
        PrivacyCost spent = spent();
        total.put("privateFits", privateFits().size());
        total.put("rho", spent.rho().toString());
        total.put("rhoValue", spent.rho().doubleValue());
        total.put("selectionDelta", spent.selectionDelta());
        total.put("delta", delta);
        double epsilon = epsilon(spent, delta);
        total.put("epsilon", Double.isInfinite(epsilon) ? null : epsilon);
        total.put("fitsWithoutGuarantee", withoutGuarantee().size());
        total.put("formalGuarantee", formalGuarantee());
        total.put("statement", statement(delta));
        m.put("total", total);
        return m;
    }

    /** The table for people: one line per fit, then the total and what it means. */
    public String table(double delta) {
        StringBuilder sb = new StringBuilder();
        sb.append("privacy budget spent on ").append(data).append(" (sha256 ").append(History.shortHex(sha256))
                .append(contentSha256 == null ? "" : ", content " + History.shortHex(contentSha256)).append(")\n");
        sb.append("ledgers: ").append(String.join(", ", ledgers.stream().map(Path::toString).toList())).append('\n');
        if (fits.isEmpty()) {
            sb.append("no recorded fit on this data\n");
            return sb.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"WHEN", "GENERATOR", "MODEL", "EPS ASKED", "DELTA", "RHO SPENT", "EPS SPENT", "NOISE"});
        for (RecordedFit f : fits) {
            boolean dp = f.guarantee() != FitPrivacy.NOT_PRIVATE;
            rows.add(new String[] {f.when().toString(), f.generator(), f.output(), dp ? shown(f.epsilonAsked()) : "-",
                    dp ? shown(f.deltaAsked()) : "-", dp ? shown(f.rho().doubleValue()) : "-",
                    dp ? shown(f.epsilonSpent()) : "-", dp ? f.noise() : "none (not DP)"});
        }
        int[] width = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int c = 0; c < r.length; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.length; c++) {
                line.append(r[c]).append(c == r.length - 1 ? "" : " ".repeat(width[c] - r[c].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        PrivacyCost spent = spent();
        sb.append(String.format(Locale.ROOT, "total of %d differentially private fit%s: rho %s, selection delta %s%n",
                privateFits().size(), privateFits().size() == 1 ? "" : "s", shown(spent.rho().doubleValue()),
                shown(spent.selectionDelta())));
        sb.append(statement(delta)).append('\n');
        return sb.toString();
    }

    /** The total in words: the ε at δ, and, when fits without a guarantee exist, that the data has none. */
    public String statement(double delta) {
        StringBuilder sb = new StringBuilder();
        double epsilon = epsilon(spent(), delta);
        if (privateFits().isEmpty()) {
            sb.append("no differentially private fit spent any budget on this data");
        } else if (Double.isInfinite(epsilon)) {
            sb.append("at delta ").append(shown(delta)).append(" no epsilon holds: the selections alone spent delta ")
                    .append(shown(spent().selectionDelta()));
        } else {
            sb.append("together: (epsilon ").append(shown(epsilon)).append(", delta ").append(shown(delta))
                    .append(")-differential privacy for each row");
        }
        if (!formalGuarantee()) {
            sb.append("; but ").append(withoutGuarantee().size()).append(withoutGuarantee().size() == 1 ? " fit" : " fits")
                    .append(" on this data had no formal guarantee (");
            List<String> why = new ArrayList<>();
            for (RecordedFit f : withoutGuarantee()) {
                why.add(f.generator() + " " + f.when() + ": " + f.guarantee().label());
            }
            sb.append(String.join("; ", why)).append("), so the data has no formal privacy guarantee: their output is "
                    + "covered by no epsilon");
        }
        return sb.toString();
    }

    /** The table, with the total stated at the δ's the private fits asked for, added (as the workbench shows it). */
    @Override
    public String toString() {
        return table(deltaAsked()).stripTrailing();
    }
}
