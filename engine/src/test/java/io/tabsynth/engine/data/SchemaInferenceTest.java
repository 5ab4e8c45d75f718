package io.tabsynth.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {
    private static ColumnSpec infer(String name, List<String> cells) {
        return SchemaInference.infer(name, cells, MissingValues.DEFAULT);
    }

    private static List<String> repeat(int n, java.util.function.IntFunction<String> f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return out;
    }

    @Test
    void infersEachKind() {
        assertEquals(ColumnKind.BOOLEAN, infer("b", List.of("true", "FALSE", "", "True")).kind());
        assertEquals(ColumnKind.INTEGER, infer("n", List.of("1", "-2", "+3", "NA")).kind());
        assertEquals(ColumnKind.CONTINUOUS, infer("x", List.of("1", "2.5", "-3e4", ".5")).kind());
        ColumnSpec date = infer("d", List.of("2024-01-31", "2023-12-01", ""));
        assertEquals(new ColumnSpec("d", ColumnKind.DATETIME, "yyyy-MM-dd"), date);
        assertEquals("yyyy-MM-dd HH:mm:ss", infer("t", List.of("2024-01-31 10:00:00")).format());
        assertEquals(ColumnKind.CATEGORICAL, infer("c", repeat(100, i -> "level" + i % 7)).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("key", repeat(50, i -> "K" + i)).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("customer_id", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.INTEGER, infer("count", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("userID", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.IDENTIFIER, infer("orderId", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.INTEGER, infer("paid", repeat(10, i -> Integer.toString(1000 + i))).kind());
        assertEquals(ColumnKind.INTEGER, infer("valid", repeat(10, i -> Integer.toString(1000 + i))).kind());
        for (String key : new String[] {"account_number", "order no", "policy_nr", "ssn", "iban", "phone", "accountNumber", "mobile_phone"}) {
            assertEquals(ColumnKind.IDENTIFIER, infer(key, repeat(30, i -> Long.toString(4_470_000_000L + 17L * i))).kind(), key);
        }
        for (String other : new String[] {"number_of_children", "nominal", "phones_owned", "snow"}) {
            assertEquals(ColumnKind.INTEGER, infer(other, repeat(30, i -> Integer.toString(i))).kind(), other);
        }
        assertEquals(ColumnKind.FREE_TEXT, infer("comment", repeat(50, i -> "this is comment number " + i)).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("empty", List.of("", "", "NA")).kind());
    }

    @Test
    void manyLevelsStayCategoricalWhenValuesRepeat() {
        assertEquals(ColumnKind.CATEGORICAL, infer("city", repeat(30_000, i -> "city-" + i % 10_000)).kind());
    }

    @Test
    void nearlyDistinctColumnsAreKeysSoThatNoGeneratorCopiesTheirValues() {
        // 400 addresses, 8 of them repeated: categorical would make generators replay real addresses
        List<String> emails = repeat(400, i -> "person" + (i % 392) + "@mail.com");
        assertEquals(ColumnKind.IDENTIFIER, infer("email", emails).kind());
        List<String> ids = repeat(400, i -> "C-" + (10_000 + (i % 395) * 7));
        assertEquals(ColumnKind.IDENTIFIER, infer("customer", ids).kind());
        // whole numbers need an id-like name as well; a measurement with few repeats stays a number
        assertEquals(ColumnKind.IDENTIFIER, infer("customer_id", repeat(400, i -> Integer.toString(i % 390))).kind());
        assertEquals(ColumnKind.INTEGER, infer("fnlwgt", repeat(400, i -> Integer.toString(i % 390))).kind());
        assertEquals(ColumnKind.FREE_TEXT, infer("note", repeat(100, i -> "called back on day " + i % 97)).kind());
        // under 95 % distinct, or under 20 values with a repeat: categories
        assertEquals(ColumnKind.CATEGORICAL, infer("city", repeat(400, i -> "town" + (i % 370))).kind());
        assertEquals(ColumnKind.INTEGER, infer("customer_id", repeat(400, i -> Integer.toString(i % 370))).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("name", repeat(19, i -> "n" + (i % 18))).kind());
        assertEquals(ColumnKind.INTEGER, infer("order_id", repeat(19, i -> Integer.toString(i % 18))).kind());
    }

    @Test
    void impossibleDatesAndOddNumbersAreNotMisread() {
        assertEquals(ColumnKind.CATEGORICAL, infer("d", List.of("2024-02-30", "2024-01-01", "2024-02-30")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("x", List.of("Infinity", "1", "Infinity")).kind());
        assertEquals(ColumnKind.CATEGORICAL, infer("x", List.of("0x1F", "1", "0x1F")).kind());
    }
}
