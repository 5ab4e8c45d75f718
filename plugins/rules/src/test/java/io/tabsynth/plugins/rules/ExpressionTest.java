package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Any column name is usable in an expression, as a bare name or through {@code row['name']}. */
class ExpressionTest {
    @TempDir
    Path dir;

    @Test
    void columnsWithAnyNameAreReachedThroughRow() throws Exception {
        Frame f = RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "Airport Name", "type": "categorical", "values": ["Heathrow", "Luton"]},
                  {"name": "capital-gain", "type": "integer", "min": 1, "max": 9},
                  {"name": "größe.m", "type": "constant", "value": 2.5},
                  {"name": "size", "type": "constant", "value": 3},
                  {"name": "row", "type": "constant", "value": 10},
                  {"name": "code", "type": "expression", "kind": "categorical",
                   "expr": "{'Heathrow': 'LHR', 'Luton': 'LTN'}[row['Airport Name']]"},
                  {"name": "total", "type": "expression", "kind": "integer",
                   "expr": "row['capital-gain'] * row['size'] + row['row']"},
                  {"name": "half", "type": "expression", "expr": "row['größe.m'] / 2",
                   "when": [{"if": "row['Airport Name'] == 'Luton'", "expr": "0"}]}
                ],
                "constraints": [{"type": "expression", "expr": "row['capital-gain'] <= 5"}]}""").sample(50, 2).collect();
        for (int r = 0; r < f.rowCount(); r++) {
            String airport = f.strings("Airport Name").get(r);
            assertEquals(airport.equals("Heathrow") ? "LHR" : "LTN", f.strings("code").get(r));
            assertEquals(f.longs("capital-gain").getLong(r) * 3 + 10, f.longs("total").getLong(r));
            assertTrue(f.longs("capital-gain").getLong(r) <= 5, "the constraint reads the column through row");
            assertEquals(airport.equals("Luton") ? 0 : 1.25, f.doubles("half").getDouble(r), 1e-12);
        }
    }

    @Test
    void onlyAnExpressionThatNamesNullSeesMissingValues() throws Exception {
        Frame f = RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "days", "type": "integer", "min": 0, "max": 30, "nullRate": 0.3},
                  {"name": "paid", "type": "expression", "kind": "categorical",
                   "expr": "days == null ? 'nein' : 'ja'"},
                  {"name": "label", "type": "expression", "kind": "categorical", "expr": "days > -1 ? 'null' : 'x'"}
                ]}""").sample(500, 3).collect();
        int missing = 0;
        for (int r = 0; r < f.rowCount(); r++) {
            boolean none = f.isMissing(0, r);
            missing += none ? 1 : 0;
            assertEquals(none ? "nein" : "ja", f.strings("paid").get(r), "row " + r);
            assertEquals(none ? "" : "null", f.strings("label").get(r), "a quoted 'null' names no missing value");
        }
        assertTrue(missing > 100, "missing days: " + missing);
    }

    @Test
    void referencesAreBareOnlyForPlainNames() {
        assertEquals("age", Expression.reference("age"));
        assertEquals("capital_gain", Expression.reference("capital_gain"));
        assertEquals("row['Airport Name']", Expression.reference("Airport Name"));
        assertEquals("row['capital-gain']", Expression.reference("capital-gain"));
        assertEquals("row['size']", Expression.reference("size"), "a JEXL keyword");
        assertEquals("row['row']", Expression.reference("row"));
        assertEquals("row['1st']", Expression.reference("1st"));
        assertEquals("row['it\\'s']", Expression.reference("it's"));
    }

    @Test
    void aFailingExpressionIsReportedWithoutJexlInternals() {
        String m = assertThrows(BadInputException.class, () -> RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "a", "type": "constant", "value": "x"},
                  {"name": "b", "type": "expression", "expr": "a.nope"}
                ]}""").sample(5, 1).collect()).getMessage();
        assertTrue(m.contains("expression 'a.nope' failed"), m);
        assertFalse(m.contains("io.tabsynth") || m.contains("@1:"), "no class or position prefix: " + m);

        String bare = assertThrows(BadInputException.class, () -> RulesGeneratorTest.fit(dir, """
                {"columns": [{"name": "b", "type": "expression", "expr": "row + 1"}]}""")).getMessage();
        assertTrue(bare.contains("write row['name'] for a column"), bare);
    }
}
