package io.tabsynth.spi.privacy.domain;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What releasing a table's domains will take, known from its schema and the domains declared public before any value
 * is read: which columns a private generator models (all but identifiers), how many mechanism calls the paid domains
 * make and would make with nothing declared (the budget split gives a declared domain's share to the rest), how many
 * of them are thresholded selections, and what was declared, for the record.
 *
 * @param modelled   the indexes of the modelled columns, in schema order
 * @param paidCalls  the calls of the domains still paid from the budget
 * @param allCalls   the calls the domains would make with nothing declared
 * @param selections the thresholded selections among the paid calls
 * @param declared   each column whose declared domain saves a call, with that domain ({@link DeclaredDomain#toMap})
 */
public record DomainPlan(List<Integer> modelled, int paidCalls, int allCalls, int selections,
                         Map<String, Object> declared) {
    /** Keeps the sum of the selections' δ strictly within their share, whatever the floating-point rounding. */
    private static final double DELTA_MARGIN = 1 - 1e-9;

    public DomainPlan {
        modelled = List.copyOf(modelled);
        declared = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }

    /** The plan for a table of this schema with these domains declared public (by column name). */
    public static DomainPlan of(Schema schema, Map<String, DeclaredDomain> declaredDomains) {
        List<Integer> modelled = new ArrayList<>();
        int paid = 0;
        int all = 0;
        int selections = 0;
        Map<String, Object> declared = new LinkedHashMap<>();
        for (int c = 0; c < schema.size(); c++) {
            ColumnSpec spec = schema.column(c);
            if (spec.kind() == ColumnKind.IDENTIFIER) {
                continue;
            }
            modelled.add(c);
            DeclaredDomain given = declaredDomains.get(spec.name());
            paid += DomainRelease.calls(spec, given);
            all += DomainRelease.calls(spec);
            selections += DomainRelease.selects(spec, given) ? 1 : 0;
            if (DomainRelease.calls(spec, given) < DomainRelease.calls(spec)) {
                declared.put(spec.name(), given.toMap());
            }
        }
        return new DomainPlan(modelled, paid, all, selections, declared);
    }

    /** The δ each thresholded selection may spend when together they share {@code selectionDelta}. */
    public double deltaPerSelection(double selectionDelta) {
        return selections == 0 ? 0 : selectionDelta / selections * DELTA_MARGIN;
    }
}
