package io.tabsynth.engine.fairness;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What sampling is to change about the groups of one protected column: a fairness target, a rebalancing of the
 * groups' shares, or both (then on the same column). See {@link RemediationPlan} for how it is met.
 *
 * @param fairness  the demographic-parity target, or {@code null}
 * @param rebalance the groups' shares, or {@code null}
 */
public record Remediation(FairnessTarget fairness, Rebalance rebalance) {
    /** The method, as lineage records it. */
    public static final String METHOD = "joint allocation: the (protected, target) cells of the model's own joint"
            + " distribution, adjusted to the target and allocated by largest remainder; the rest of each row drawn"
            + " conditioned on its cell";

    public Remediation {
        if (fairness == null && rebalance == null) {
            throw new IllegalArgumentException("a remediation needs a fairness target or a rebalancing");
        }
        if (fairness != null && rebalance != null && !fairness.protectedColumn().equals(rebalance.column())) {
            throw new BadInputException("--rebalance " + rebalance.column() + " and --fairness protected="
                    + fairness.protectedColumn() + " name two columns; together they must name the same protected column");
        }
    }

    /** The remediation the options ask for, or {@code null} when they ask for none. */
    public static Remediation of(FairnessTarget fairness, Rebalance rebalance) {
        return fairness == null && rebalance == null ? null : new Remediation(fairness, rebalance);
    }

    /** The protected column whose groups change. */
    public String protectedColumn() {
        return fairness != null ? fairness.protectedColumn() : rebalance.column();
    }

    /**
     * Refuses, from the model's schema alone and so before anything is drawn, a protected column or target that is
     * not a column, or is not a set of labels: groups and targets are categorical or boolean columns. A numeric
     * column (continuous, integer, datetime) has values that are amounts, not groups (parity for {@code income=50000}
     * or equal shares of every income would mean nothing), and free text and identifiers do not repeat.
     *
     * @return the index of the protected column in the schema
     */
    public int checkColumns(Schema schema) {
        int g = labelColumn(schema, protectedColumn(), fairness != null ? "--fairness protected" : "--rebalance");
        if (fairness != null) {
            labelColumn(schema, fairness.target(), "--fairness target");
        }
        return g;
    }

    private static int labelColumn(Schema schema, String column, String option) {
        if (!schema.has(column)) {
            throw schema.noSuchColumn(option, column);
        }
        ColumnKind kind = schema.column(column).kind();
        if (kind != ColumnKind.CATEGORICAL && kind != ColumnKind.BOOLEAN) {
            throw new BadInputException(option + " '" + column + "' is not categorical: it is " + article(kind) + " "
                    + kind.jsonName().replace('_', ' ') + " column, and groups and targets are categorical or boolean"
                    + " columns" + (kind == ColumnKind.INTEGER ? " (numbers that are codes, such as 1 and 2 for sex,"
                    + " can be declared categorical in a --metadata file when fitting: docs/data.md)" : ""));
        }
        return schema.indexOf(column);
    }

    private static String article(ColumnKind kind) {
        return kind == ColumnKind.INTEGER || kind == ColumnKind.IDENTIFIER ? "an" : "a";
    }

    /** The parameters lineage records: {@code fairness.*}, {@code rebalance.*} and {@code remediation.method}. */
    public Map<String, String> recorded() {
        Map<String, String> p = new LinkedHashMap<>();
        if (fairness != null) {
            p.put("fairness.target", fairness.target());
            p.put("fairness.positive", fairness.positive());
            p.put("fairness.protected", fairness.protectedColumn());
            p.put("fairness.ratio", io.tabsynth.spi.data.CellText.number(fairness.ratio()));
        }
        if (rebalance != null) {
            p.put("rebalance.column", rebalance.column());
            p.put("rebalance.shares", rebalance.words());
        }
        p.put("remediation.method", METHOD);
        return p;
    }
}
