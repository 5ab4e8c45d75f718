package io.tabsynth.engine.fairness;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.CellText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A demographic-parity target for sampling ({@code --fairness target=income positive=' >50K' protected=sex
 * ratio=1.0}): the share of rows with the positive value of the target is to be the same in every group of the
 * protected column, or, with a ratio below 1, every other group's share is to be that ratio of the share in the group
 * the model favours most.
 *
 * @param target          the target column
 * @param positive        the target's favourable value, as written in the data
 * @param protectedColumn the protected column whose groups are compared
 * @param ratio           the positive rate of every other group over that of the most favoured group, in (0, 1]
 */
public record FairnessTarget(String target, String positive, String protectedColumn, double ratio) {
    /** Parity: every group's positive rate the same. */
    public static final double PARITY = 1.0;
    private static final List<String> KEYS = List.of("target", "positive", "protected", "ratio");

    public FairnessTarget {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new BadInputException("--fairness ratio=" + CellText.number(ratio) + " must be above 0 and at most 1:"
                    + " it is the lowest group's positive rate over the highest group's (1 is demographic parity)");
        }
        if (target.equals(protectedColumn)) {
            throw new BadInputException("--fairness target and protected are both '" + target + "': they must be two columns");
        }
    }

    /** Parses {@code key=value} words as given on the command line; {@code target}, {@code positive}, {@code protected} are required. */
    public static FairnessTarget parse(List<String> words) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String w : words) {
            int at = OptionText.valueStart(w);
            String key = at < 0 ? w : w.substring(0, at - 1).trim();
            if (at < 0 || !KEYS.contains(key)) {
                throw new BadInputException("--fairness takes target=COLUMN positive=VALUE protected=COLUMN [ratio=R], not '"
                        + w + "'" + io.tabsynth.spi.Suggestion.didYouMean(key, KEYS));
            }
            given.put(key, OptionText.unquote(w.substring(at)));
        }
        for (String required : KEYS.subList(0, 3)) {
            if (!given.containsKey(required) || (!required.equals("positive") && given.get(required).isBlank())) {
                throw new BadInputException("--fairness needs " + required + "=...: write --fairness target=COLUMN"
                        + " positive=VALUE protected=COLUMN [ratio=R]");
            }
        }
        double ratio = PARITY;
        if (given.containsKey("ratio")) {
            try {
                ratio = Double.parseDouble(given.get("ratio").trim());
            } catch (NumberFormatException e) {
                throw new BadInputException("--fairness ratio=" + given.get("ratio") + " is not a number");
            }
        }
        return new FairnessTarget(given.get("target").trim(), given.get("positive"), given.get("protected").trim(), ratio);
    }

    /** The target as words, for lineage and messages: {@code target=income positive=' >50K' protected=sex ratio=1}. */
    public String words() {
        return String.format(Locale.ROOT, "target=%s positive='%s' protected=%s ratio=%s", target, positive,
                protectedColumn, CellText.number(ratio));
    }
}
