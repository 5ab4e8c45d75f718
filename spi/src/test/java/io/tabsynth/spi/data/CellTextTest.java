package io.tabsynth.spi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tabsynth.spi.JsonOutput;
import org.junit.jupiter.api.Test;

/** Numbers are written in the shortest text that reads back exactly, and that text does not depend on the JDK. */
class CellTextTest {
    @Test
    void numbersArePlainShortAndExact() {
        assertEquals("393.43", CellText.number(393.43));
        assertEquals("-0.000012345678901234", CellText.number(-1.2345678901234e-5));
        assertEquals("0.30000000000000004", CellText.number(0.1 + 0.2));
        assertEquals("3.0E-7", CellText.number(3e-7));
        for (double v : new double[] {393.4312345678901, 1e23, 2.1684043449710089E-19, Math.PI * 1e-5}) {
            assertEquals(v, Double.parseDouble(CellText.number(v)), "reads back exactly");
        }
    }

    @Test
    void theShortestFormIsWrittenOnJava17TooWhoseToStringAddsADigit() throws Exception {
        // Java 17's Double.toString gives 9.999999999999999E22 and 2.1684043449710089E-19; Java 19 and later
        // give the shortest forms below, so CSV files and JSON models and reports would differ between JDKs
        assertEquals("1.0E23", CellText.number(1e23));
        JsonNode n = JsonOutput.mapper().createObjectNode().put("a", 1e23).put("b", 2.1684043449710089E-19);
        assertEquals("{\"a\":1.0E23,\"b\":2.168404344971009E-19}", JsonOutput.mapper().writeValueAsString(n));
    }

    @Test
    void aValueNeedsTheFewestDecimalsThatWriteItExactly() {
        assertEquals(0, CellText.decimals(-0.0));
        assertEquals(0, CellText.decimals(42));
        assertEquals(0, CellText.decimals(-7));
        assertEquals(2, CellText.decimals(Double.parseDouble("123.4500")),
                "trailing zeros are the text's, not the value's");
        assertEquals(0, CellText.decimals(Double.parseDouble("1E+20")), "no double that large has a fraction");
        assertEquals(-1, CellText.decimals(1e-300), "more decimals than are ever written: not to be rounded");
        assertEquals(-1, CellText.decimals(Double.POSITIVE_INFINITY));
    }

    @Test
    void aColumnNeedsTheMostDecimalsAnyOfItsValuesNeeds() {
        assertEquals(2, CellText.mostDecimals(new double[] {-0.0, 123.45, 1e20, 3}));
        assertEquals(0, CellText.mostDecimals(new double[] {1, -2, 1e20, -0.0}));
        assertEquals(1, CellText.mostDecimals(new double[] {Double.NaN, 0.5, Double.NaN}), "missing values are skipped");
        assertEquals(-1, CellText.mostDecimals(new double[] {0.5, 1e-300}), "one value beyond the most written");
        assertEquals(-1, CellText.mostDecimals(new double[] {0.5, Double.NEGATIVE_INFINITY}));
        // nothing present: no number of decimals to round to (the rules plugin's copy of this rule started at 0,
        // whole numbers; the written form's at -1)
        assertEquals(-1, CellText.mostDecimals(new double[0]));
        assertEquals(-1, CellText.mostDecimals(new double[] {Double.NaN}));
    }
}
