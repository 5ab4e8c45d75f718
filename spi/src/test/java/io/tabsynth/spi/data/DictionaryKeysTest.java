package io.tabsynth.spi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;

class DictionaryKeysTest {
    @Test
    void keysMatchTablesawsOwnForEveryKeyWidth() {
        for (int distinct : new int[] {3, 300, 40_000}) {
            StringColumn col = StringColumn.create("s");
            for (int i = 0; i < 50_000; i++) {
                col.append(i % 11 == 0 ? "" : "v" + (i * 7 % distinct));
            }
            int[] keys = DictionaryKeys.of(col, new int[10]);
            assertNotNull(keys, distinct + " values");
            for (int i = 0; i < col.size(); i++) {
                assertEquals(col.getDictionary().getKeyForIndex(i), keys[i], "row " + i + " of " + distinct);
                assertEquals(col.get(i), col.getDictionary().getValueForKey(keys[i]));
            }
            byte[] bytes = DictionaryKeys.bytes(col);
            String[] values = DictionaryKeys.byByteKey(col, v -> v, String[]::new);
            if (distinct < 127) {
                for (int i = 0; i < col.size(); i++) {
                    assertEquals(col.get(i), values[bytes[i] + 128], "row " + i);
                }
            } else {
                assertNull(bytes, "one byte per row only up to 127 values");
                assertNull(values);
            }
        }
    }
}
