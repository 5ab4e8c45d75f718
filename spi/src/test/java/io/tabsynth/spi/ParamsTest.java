package io.tabsynth.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tabsynth.spi.BadInputException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    static final List<ParamSpec> SPECS = List.of(ParamSpec.integer("k", 10, 1, 100, "k"),
            ParamSpec.real("rate", 0.5, 0, 1, "rate"), ParamSpec.bool("on", true, "on"),
            ParamSpec.choice("mode", "a", "mode", "a", "b"));

    @Test
    void defaultsAndGivenValuesAreTyped() {
        Params p = Params.resolve("g", SPECS, Map.of("k", "42", "mode", "b"));
        assertEquals(42, p.getInt("k"));
        assertEquals(0.5, p.getDouble("rate"));
        assertEquals(true, p.getBoolean("on"));
        assertEquals("b", p.getString("mode"));
        assertEquals(Map.of("k", "42", "rate", "0.5", "on", "true", "mode", "b"), p.asText());
    }

    @Test
    void badValuesNameTheParameter() {
        assertEquals("generator 'g' has no parameter 'kk' (did you mean 'k'?) (parameters: k, rate, on, mode)", error(Map.of("kk", "1")));
        assertEquals("generator 'g' parameter 'k': 'ten' is not a whole number", error(Map.of("k", "ten")));
        assertEquals("generator 'g' parameter 'k': 0 is outside [1, 100]", error(Map.of("k", "0")));
        assertEquals("generator 'g' parameter 'rate': 'NaN' is outside [0.0, 1.0]".replace("'NaN' is", "NaN is"),
                error(Map.of("rate", "NaN")));
        assertEquals("generator 'g' parameter 'on': 'yes' is not true or false", error(Map.of("on", "yes")));
        assertEquals("generator 'g' parameter 'mode': 'c' is not one of [a, b]", error(Map.of("mode", "c")));
    }

    private static String error(Map<String, String> given) {
        return assertThrows(BadInputException.class, () -> Params.resolve("generator 'g'", SPECS, given)).getMessage();
    }
}
