package io.tabsynth.spi.data;

import it.unimi.dsi.fastutil.bytes.Byte2ObjectMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.strings.ByteDictionaryMap;
import tech.tablesaw.columns.strings.DictionaryMap;
import tech.tablesaw.columns.strings.IntDictionaryMap;
import tech.tablesaw.columns.strings.NullDictionaryMap;
import tech.tablesaw.columns.strings.ShortDictionaryMap;

/**
 * The dictionary keys Tablesaw stores for each row of a text column, read in bulk rather than by a call per
 * row: up to 127 distinct values take one byte per row, up to 32,767 two bytes, more an int. Writers and
 * digests that go over every cell use them to work once per distinct value instead of once per cell.
 */
public final class DictionaryKeys {
    private DictionaryKeys() {
    }

    /**
     * Each row's key (the first {@code col.size()} entries), in {@code scratch} when it is long enough; null
     * when Tablesaw keeps the column without a dictionary. Two- and four-byte keys are copied in bulk; for
     * one-byte keys, read {@link #bytes} in place.
     */
    public static int[] of(StringColumn col, int[] scratch) {
        DictionaryMap dict = col.getDictionary();
        if (dict instanceof NullDictionaryMap) {
            return null;
        }
        int n = col.size();
        int[] keys = scratch != null && scratch.length >= n ? scratch : new int[n];
        if (dict instanceof ShortDictionaryMap) {
            short[] k = ((ShortDictionaryMap) dict).values().elements();
            for (int i = 0; i < n; i++) {
                keys[i] = k[i];
            }
        } else if (dict instanceof IntDictionaryMap) {
            System.arraycopy(((IntDictionaryMap) dict).values().elements(), 0, keys, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                keys[i] = dict.getKeyForIndex(i);
            }
        }
        return keys;
    }

    /**
     * The one-byte keys of a column Tablesaw keeps so (the first {@code col.size()} entries are its rows;
     * the array is Tablesaw's own, not to be changed), or null.
     */
    public static byte[] bytes(StringColumn col) {
        DictionaryMap dict = col.getDictionary();
        return dict instanceof ByteDictionaryMap ? ((ByteDictionaryMap) dict).values().elements() : null;
    }

    /**
     * For a column Tablesaw keeps with one-byte keys: each key's value passed through {@code encode} once,
     * at index key + 128 (null where no value has that key, or where {@code encode} gives null); null for
     * other columns. A writer then looks a row's cell up by {@code bytes(col)[row] + 128}.
     */
    public static <T> T[] byByteKey(StringColumn col, Function<String, T> encode, IntFunction<T[]> array) {
        DictionaryMap dict = col.getDictionary();
        if (!(dict instanceof ByteDictionaryMap)) {
            return null;
        }
        T[] out = array.apply(256);
        for (Byte2ObjectMap.Entry<String> e : ((ByteDictionaryMap) dict).getKeyValueEntries()) {
            out[e.getByteKey() + 128] = encode.apply(e.getValue());
        }
        return out;
    }
}
