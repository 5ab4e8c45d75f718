package io.tabsynth.engine.data.io;

import io.tabsynth.engine.data.infer.Placeholders;
import io.tabsynth.spi.data.MissingValues;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Numbers written with a decimal comma and optional thousands points ({@code 3,5}, {@code -1.234,56}), as
 * spreadsheets in many locales save them in semicolon-separated files. A column is read this way when every cell
 * that is not missing or a placeholder is such a number and at least one has a comma: {@code 1.234} in such a
 * column is 1234, in a column without commas it stays 1.234.
 */
final class DecimalComma {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d{1,3}(\\.\\d{3})+|\\d+)(,\\d+)?");

    private DecimalComma() {
    }

    /** The cells with their numbers rewritten with a decimal point, or the same list if the column does not qualify. */
    static List<String> normalize(List<String> cells, MissingValues missing) {
        boolean comma = false;
        for (String cell : cells) {
            String c = cell.strip();
            if (c.isEmpty() || missing.isMissing(cell) || Placeholders.isPlaceholder(c)) {
                continue;
            }
            if (!NUMBER.matcher(c).matches()) {
                return cells;
            }
            comma |= c.indexOf(',') >= 0;
        }
        if (!comma) {
            return cells;
        }
        List<String> out = new ArrayList<>(cells.size());
        for (String cell : cells) {
            String c = cell.strip();
            out.add(NUMBER.matcher(c).matches() ? c.replace(".", "").replace(',', '.') : cell);
        }
        return out;
    }
}
