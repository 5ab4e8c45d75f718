package io.tabsynth.engine.privacy;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.FitPrivacy;
import io.tabsynth.engine.lineage.Step;
import io.tabsynth.spi.privacy.Rational;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One fit on a real dataset as a ledger recorded it: a {@code fit} step, or the {@code sample} step of a model fitted
 * in memory and never saved ({@code synth} without {@code --model}), whose record names the real data in its place.
 *
 * @param ledger    the ledger file that holds the record
 * @param sequence  the record's sequence number in it
 * @param step      the step, as signed
 * @param data      the real-data input the fit read
 */
public record RecordedFit(Path ledger, long sequence, Step step, Artifact data) {
    /** When the fit finished. */
    public Instant when() {
        return step.finished();
    }

    public String generator() {
        return step.extension();
    }

    /** The file the step wrote: the model file, or the sample of an unsaved model. */
    public String output() {
        return step.outputs().isEmpty() ? "" : step.outputs().get(0).path().toString();
    }

    public FitPrivacy guarantee() {
        return FitPrivacy.of(privacy());
    }

    /** The ρ the fit spent (0 for a fit that recorded none). */
    public Rational rho() {
        Object rho = privacy().get("rho");
        return rho == null ? Rational.ZERO : Rational.parse(rho.toString());
    }

    /** The δ its thresholded selections spent (0 for none). */
    public double selectionDelta() {
        return number("selectionDelta", 0);
    }

    /** The ε asked for, or NaN for a fit that asked for none. */
    public double epsilonAsked() {
        return number("epsilon", Double.NaN);
    }

    /** The δ asked for, or NaN. */
    public double deltaAsked() {
        return number("delta", Double.NaN);
    }

    /** The ε this fit alone spent, at the δ it asked for, or NaN. */
    public double epsilonSpent() {
        return number("epsilonSpent", Double.NaN);
    }

    /** The noise source ({@code secure} or {@code seeded}), or empty for a fit that drew no privacy noise. */
    public String noise() {
        Object noise = privacy().get("noise");
        return noise == null ? "" : noise.toString();
    }

    /** The fit for {@code privacy budget --json}. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ledger", ledger.toString());
        m.put("sequence", sequence);
        m.put("when", when().toString());
        m.put("step", step.step());
        m.put("generator", generator());
        m.put("output", output());
        m.put("data", data.path().toString());
        m.put("guarantee", guarantee().label());
        if (!privacy().isEmpty()) {
            m.put("epsilon", epsilonAsked());
            m.put("delta", deltaAsked());
            m.put("rho", rho().toString());
            m.put("selectionDelta", selectionDelta());
            m.put("epsilonSpent", epsilonSpent());
            m.put("noise", noise());
        }
        return m;
    }

    private Map<?, ?> privacy() {
        return step.results().get(FitPrivacy.RESULT) instanceof Map<?, ?> m ? m : Map.of();
    }

    private double number(String key, double none) {
        return privacy().get(key) instanceof Number n ? n.doubleValue() : none;
    }
}
