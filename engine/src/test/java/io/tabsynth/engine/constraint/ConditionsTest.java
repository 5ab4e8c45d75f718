package io.tabsynth.engine.constraint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.engine.data.ColumnKind;
import io.tabsynth.engine.data.ColumnSpec;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.data.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
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
}
