package io.tabsynth.engine.run;

import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.spi.FrameStream;
import io.tabsynth.spi.Model;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import java.time.Instant;

/**
 * A model together with its provenance. This is what the engine hands out and what model files hold.
 *
 * @param model        the generator's model
 * @param info         how it was made
 * @param trainingData the file it was fitted on, when the engine read it ({@code null} otherwise or once saved)
 * @param fitStarted   when fitting started ({@code null} for a loaded model)
 * @param fitFinished  when fitting finished ({@code null} for a loaded model)
 * @param file         the model file it was saved to or loaded from, or {@code null}
 * @param fitInputs    files the fit read besides the training data (constraints, a spec), for lineage
 * @param fitResults   what the fit's record says besides the model's own description (the opt-out list it
 *                     honoured), empty for a loaded model
 */
public record FittedModel(Model model, ModelInfo info, Artifact trainingData, Instant fitStarted, Instant fitFinished,
                          Artifact file, java.util.List<Artifact> fitInputs, java.util.Map<String, Object> fitResults) {
    /** The key of a model's privacy record that lists warnings about the fit. */
    public static final String PRIVACY_WARNINGS = "warnings";
    /** The fit result listing the generator's warnings about the fit ({@link Model#warnings()}). */
    public static final String WARNINGS = "warnings";
    /** The fit result naming the differentially private generator that ignored a {@code minCount} it was given. */
    public static final String MIN_COUNT_IGNORED = "minCountIgnoredBy";

    public FittedModel {
        fitInputs = java.util.List.copyOf(fitInputs);
        fitResults = java.util.Map.copyOf(fitResults);
    }

    /**
     * The model's description for people, one line per entry of {@link Model#describeColumns()}: the column,
     * its kind and how the model represents it; entries that are not columns (notes such as {@code (training)})
     * get no kind.
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        var schema = info.schema();
        model.describeColumns().forEach((c, d) -> {
            String note = schema.has(c) ? schema.column(c).missingNote() : "";
            b.append(String.format(java.util.Locale.ROOT, "  %-24s %-12s %s%s%n", c,
                    schema.has(c) ? schema.column(c).kind().jsonName() : "", d, note.isEmpty() ? "" : "; " + note));
        });
        return b.toString();
    }

    /** One line per column that reads texts of its own as missing ({@link ColumnSpec#missingNote()}). */
    public String missingNotes() {
        StringBuilder b = new StringBuilder();
        for (ColumnSpec c : info.schema().columns()) {
            String note = c.missingNote();
            if (!note.isEmpty()) {
                b.append("  column '").append(c.name()).append("' ").append(note).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * One line per column whose rare text values the fit replaced by new ones, saying why
     * ({@link io.tabsynth.spi.disclosure.RareValues#notes()}); empty if none.
     */
    public java.util.List<String> rareValueNotes() {
        return info.rareValues() == null ? java.util.List.of()
                : io.tabsynth.spi.disclosure.RareValues.fromJson(info.rareValues()).notes();
    }

    /**
     * What a user should read after the fit, one line each: the {@link #rareValueNotes()}, that a differentially
     * private fit ignored the {@code minCount} it was given, then the generator's warnings about the fit
     * ({@value #WARNINGS} among the fit's results) and those a differentially private generator lists in its privacy
     * record under {@value #PRIVACY_WARNINGS} (a domain that came out useless, say), each as {@code warning: …}.
     */
    public java.util.List<String> notes() {
        java.util.List<String> out = new java.util.ArrayList<>(rareValueNotes());
        if (fitResults.get(MIN_COUNT_IGNORED) != null) {
            out.add("note: " + io.tabsynth.spi.disclosure.RareValues.PARAM + " is ignored by "
                    + fitResults.get(MIN_COUNT_IGNORED) + " with these parameters: a differentially private generator "
                    + "releases only the categories its selection clears");
        }
        if (fitResults.get(WARNINGS) instanceof java.util.List<?> warnings) {
            warnings.forEach(w -> out.add("warning: " + w));
        }
        if (model.privacy().get(PRIVACY_WARNINGS) instanceof java.util.List<?> warnings) {
            warnings.forEach(w -> out.add("warning: " + w));
        }
        return out;
    }

    /** The schema of the rows it samples. */
    public io.tabsynth.spi.data.Schema schema() {
        return model.schema();
    }

    /** Samples rows as batches; see {@link Model#sample}. */
    public FrameStream sample(long rows, long seed) {
        return model.sample(rows, seed);
    }

    /** Samples a small number of rows into one frame. */
    public Frame sampleFrame(int rows, long seed) {
        return model.sampleFrame(rows, seed);
    }

    /** What lineage names as the fit's inputs: the training data and metadata files, then the fit's other files. */
    java.util.List<Artifact> lineageInputs() {
        java.util.List<Artifact> inputs = new java.util.ArrayList<>(Artifact.read(Artifact.REAL_DATA_ROLE, trainingData));
        inputs.addAll(fitInputs);
        return inputs;
    }

    /** The same model, now kept in {@code file}. */
    FittedModel savedAs(Artifact file) {
        return new FittedModel(model, info, trainingData, fitStarted, fitFinished, file, fitInputs, fitResults);
    }
}
