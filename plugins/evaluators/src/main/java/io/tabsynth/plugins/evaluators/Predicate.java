package io.tabsynth.plugins.evaluators;

import java.util.Arrays;

/**
 * A singling-out predicate: conditions on a few columns of {@link CodedRows}, all of which must hold, such as
 * "age &gt;= 71 and fnlwgt &lt;= 30127 and race = Other". A missing cell satisfies only {@link Op#MISSING} (and,
 * in a coded column, equality with the missing code).
 *
 * @param columns the columns, ascending
 * @param ops     the condition on each column
 * @param values  the value each condition compares with (a code in a coded column; unused by the missing tests)
 */
record Predicate(int[] columns, Op[] ops, double[] values) {
    /** The comparisons a condition makes. */
    enum Op {
        EQUALS, NOT_EQUALS, ABOVE, BELOW, AT_LEAST, AT_MOST, MISSING, PRESENT;

        boolean holds(double cell, double value) {
            if (this == MISSING || Double.isNaN(cell)) {
                return this == MISSING && Double.isNaN(cell);
            }
            return switch (this) {
                case EQUALS -> cell == value;
                case NOT_EQUALS -> cell != value;
                case ABOVE -> cell > value;
                case BELOW -> cell < value;
                case AT_LEAST -> cell >= value;
                case AT_MOST -> cell <= value;
                default -> true;   // PRESENT
            };
        }
    }

    boolean matches(CodedRows rows, int row) {
        for (int k = 0; k < columns.length; k++) {
            if (!ops[k].holds(rows.values[columns[k]][row], values[k])) {
                return false;
            }
        }
        return true;
    }

    /** How many rows match, counting no further than {@code limit}. */
    int count(CodedRows rows, int limit) {
        int n = 0;
        for (int r = 0; r < rows.size() && n < limit; r++) {
            n += matches(rows, r) ? 1 : 0;
        }
        return n;
    }

    /** The positions of every matching row. */
    int[] matching(CodedRows rows) {
        int[] out = new int[8];
        int n = 0;
        for (int r = 0; r < rows.size(); r++) {
            if (matches(rows, r)) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, 2 * n);
                }
                out[n++] = r;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The same conditions give the same key: how an attacker's distinct predicates are told apart. */
    String key() {
        return Arrays.toString(columns) + Arrays.toString(ops) + Arrays.toString(values);
    }
}
