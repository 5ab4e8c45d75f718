package io.tabsynth.engine.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Each condition is checked against its own column, in the order the conditions were given. */
class ConditionsTest {
    @Test
    void manyConditionsEachCompareTheirOwnColumn() {
        // the checker took the wanted values in the iteration order of an unordered copy of the map, so with
        // several conditions a column could be compared with another column's value
        List<String> names = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        Table t = Table.create("t");
        Map<String, String> wanted = new LinkedHashMap<>();
        ColumnSpec[] specs = new ColumnSpec[names.size()];
        for (int i = 0; i < names.size(); i++) {
            t.addColumns(StringColumn.create(names.get(i), new String[] {"v" + i, "other"}));
            specs[i] = ColumnSpec.of(names.get(i), ColumnKind.CATEGORICAL);
            wanted.put(names.get(i), "v" + i);
        }
        Frame f = Frame.of(t, Schema.of(specs));
        Conditions c = Conditions.of(f.schema(), wanted);
        assertEquals(-1, c.checker().admit(f, 0), "the row with every wanted value passes");
        assertEquals(0, c.checker().admit(f, 1), "the first broken condition is the first given: " + c.names());
        assertEquals(List.of("a = v0", "b = v1", "c = v2", "d = v3", "e = v4", "f = v5", "g = v6", "h = v7"), c.names());
    }

    @Test
    void anUnmetConditionSaysWhatTheModelDrew() {
        Table t = Table.create("t", LongColumn.create("a", new long[] {1, 5, 3}),
                StringColumn.create("b", new String[] {"x", "y", "z"}));
        Frame drawn = Frame.of(t, Schema.of(ColumnSpec.of("a", ColumnKind.INTEGER), ColumnSpec.of("b", ColumnKind.CATEGORICAL)));
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put("a", "2.5");
        wanted.put("b", "w");
        Conditions c = Conditions.of(drawn.schema(), wanted);
        assertEquals(0, c.checker().admit(drawn, 0));
        assertEquals("; a holds whole numbers; the model drew a from 1 to 5", c.whyNoneMet(0, drawn));
        String b = c.whyNoneMet(1, drawn);
        assertEquals("; the model drew x, y, z for b", b, "one letter is one edit from any other: no suggestion");
        assertTrue(Conditions.of(drawn.schema(), Map.of("b", "yy")).whyNoneMet(0, drawn).endsWith("(did you mean 'y'?)"));
        assertTrue(c.advice().contains("--max-tries"), c.advice());
        assertFalse(c.advice().contains("transform"), "a condition is not fitted with: " + c.advice());
    }
}
