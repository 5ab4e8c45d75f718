package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.ParamSpec;

/**
 * The options the first-party evaluators read, declared once for every evaluator that reads them. Column options
 * name columns of the real data (the engine checks that they exist); empty means not given.
 */
final class EvaluationOptions {
    /** The column predicted (utility) or whose base rates are compared (fairness). */
    static final ParamSpec TARGET = ParamSpec.text("target", "",
            "target column (--target); without it the evaluator reports a note and no score");
    /** The target's class counted as positive. */
    static final ParamSpec POSITIVE = ParamSpec.text("positive", "",
            "the target's class counted as positive; by default the rarer class of a binary target");
    /** The columns whose groups fairness compares. */
    static final ParamSpec PROTECTED = ParamSpec.text("protected", "",
            "protected columns, comma-separated (--protected); without them fairness reports a note and no score");
    /** The columns an attacker is assumed to know. */
    static final ParamSpec QUASI = ParamSpec.text("quasi", "",
            "quasi-identifier columns, comma-separated (--quasi): adds k-anonymity");
    /** The column an attacker tries to infer. */
    static final ParamSpec SENSITIVE = ParamSpec.text("sensitive", "",
            "sensitive column (--sensitive): adds l-diversity and, with a holdout, the attribute-inference attack");

    private EvaluationOptions() {
    }
}
