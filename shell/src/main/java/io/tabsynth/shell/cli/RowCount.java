package io.tabsynth.shell.cli;

import java.math.BigDecimal;
import java.util.Locale;
import picocli.CommandLine;

/**
 * A number of rows as people write it: {@code 1000000}, {@code 1_000_000}, {@code 1,000,000}, {@code 1e6},
 * {@code 250k}, {@code 2M}. It must be a whole number from 0 up.
 */
public final class RowCount implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
        String t = text.strip().replace("_", "").replace(",", "");
        long unit = 1;
        if (t.endsWith("k") || t.endsWith("K")) {
            unit = 1_000;
        } else if (t.endsWith("M")) {
            unit = 1_000_000;
        }
        if (unit > 1) {
            t = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal v = new BigDecimal(t.toLowerCase(Locale.ROOT)).multiply(BigDecimal.valueOf(unit));
            if (v.signum() >= 0 && v.stripTrailingZeros().scale() <= 0 && v.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
                return v.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not a number of rows (write e.g. 1000000, "
                + "1_000_000, 1e6 or 1M)");
    }
}
