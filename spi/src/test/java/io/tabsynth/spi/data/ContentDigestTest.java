package io.tabsynth.spi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.tabsynth.spi.io.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDateTime;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ContentDigestTest {
    @Test
    void theDigestIsTheDocumentedCanonicalForm() {
        // Built here byte by byte from docs/lineage.md ("Content digest"), independently of the hasher.
        LongColumn n = LongColumn.create("n", 1, 0, 3);
        n.setMissing(1);
        DoubleColumn x = DoubleColumn.create("x", 0.5, Double.longBitsToDouble(0x7ff8000000000001L), -2);
        String[] text = new String[300];
        for (int i = 0; i < text.length; i++) {
            text[i] = i == 7 ? "" : i < 200 ? "v" + i : i == 250 ? "bé" : "v" + (i - 200);
        }
        StringColumn s = StringColumn.create("s", text);
        BooleanColumn b = BooleanColumn.create("b", true, false);
        b.appendMissing();
        LocalDateTime second = LocalDateTime.of(1970, 1, 1, 0, 0, 1);
        DateTimeColumn t = DateTimeColumn.create("t", second);
        t.appendMissing();
        t.append(second.plusNanos(2_000_000)); // Tablesaw keeps milliseconds
        Frame numbers = Frame.of(Table.create("f").addColumns(x, n), Schema.of(
                ColumnSpec.of("x", ColumnKind.CONTINUOUS), ColumnSpec.of("n", ColumnKind.INTEGER)));
        Frame flags = Frame.of(Table.create("f").addColumns(t, b), Schema.of(ColumnSpec.of("t", ColumnKind.DATETIME),
                ColumnSpec.of("b", ColumnKind.BOOLEAN)));
        Frame words = Frame.of(Table.create("f").addColumns(s), Schema.of(ColumnSpec.of("s", ColumnKind.CATEGORICAL)));

        ByteBuffer nBytes = littleEndian(3 * 8).putDouble(1).putLong(0x7ff8000000000000L).putDouble(3);
        ByteBuffer xBytes = littleEndian(3 * 8).putDouble(0.5).putLong(0x7ff8000000000000L).putDouble(-2);
        assertEquals(combine("n", 'F', nBytes.array(), "x", 'F', xBytes.array()), ContentDigest.of(numbers));

        assertEquals(201, new java.util.HashSet<>(java.util.Arrays.asList(text)).size() - 1, "v0..v199 but v7, then v7 and bé");
        assertEquals(combine("s", 'S', textForm(text)), ContentDigest.of(words), "codes above 127 take two varint bytes");

        byte[] bBytes = {2, 1, 0};
        ByteBuffer tBytes = littleEndian(3 * 8).putLong(1_000_000L).putLong(Long.MIN_VALUE).putLong(1_002_000L);
        assertEquals(combine("b", 'B', bBytes, "t", 'T', tBytes.array()), ContentDigest.of(flags));
    }

    /**
     * A text column's canonical bytes as docs/lineage.md gives them: 0 for missing; 1, the UTF-8 length and the
     * bytes for a value not in the dictionary, which takes the next code (from 2) while it holds fewer than
     * 65,536 values; the code of a value in it.
     */
    private static byte[] textForm(String[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.util.Map<String, Integer> dictionary = new java.util.HashMap<>();
        for (String v : values) {
            if (v.isEmpty()) {
                out.write(0);
            } else if (dictionary.containsKey(v)) {
                varint(out, dictionary.get(v));
            } else {
                byte[] utf8 = v.getBytes(StandardCharsets.UTF_8);
                out.write(1);
                varint(out, utf8.length);
                out.writeBytes(utf8);
                if (dictionary.size() < 65_536) {
                    dictionary.put(v, dictionary.size() + 2);
                }
            }
        }
        return out.toByteArray();
    }

    private static ByteBuffer littleEndian(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void varint(ByteArrayOutputStream out, int value) {
        while (value >= 0x80) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** Arguments in threes, in name order: name, type letter, the column's canonical bytes. */
    private static String combine(Object... columns) {
        MessageDigest all = Sha256.digester();
        for (int i = 0; i < columns.length; i += 3) {
            all.update(((String) columns[i]).getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update((byte) (char) (Character) columns[i + 1]);
            all.update(Sha256.digester().digest((byte[]) columns[i + 2]));
        }
        return HexFormat.of().formatHex(all.digest());
    }

    @Test
    void contentDigestIgnoresFormatBatchingAndColumnOrder() {
        Frame ints = Frame.of(Table.create("t").addColumns(LongColumn.create("n", 1, 2, 3), StringColumn.create("s", "a", "", "c")),
                Schema.of(ColumnSpec.of("n", ColumnKind.INTEGER), ColumnSpec.of("s", ColumnKind.CATEGORICAL)));
        Frame doubles = Frame.of(Table.create("t").addColumns(StringColumn.create("s", "a", "", "c"), DoubleColumn.create("n", 1, 2, 3)),
                Schema.of(ColumnSpec.of("s", ColumnKind.IDENTIFIER), ColumnSpec.of("n", ColumnKind.CONTINUOUS)));
        String d = ContentDigest.of(ints);
        assertEquals(d, ContentDigest.of(doubles), "whole numbers as integer or double, columns in any order, any text kind");
        ContentDigest.Hasher h = new ContentDigest.Hasher(ints.schema());
        h.add(Frame.of(ints.table().inRange(0, 1), ints.schema()));
        h.add(Frame.of(ints.table().inRange(1, 3), ints.schema()));
        assertEquals(d, h.finish(), "batch boundaries do not matter");
        Frame changed = Frame.of(Table.create("t").addColumns(LongColumn.create("n", 1, 2, 4), StringColumn.create("s", "a", "", "c")),
                ints.schema());
        assertNotEquals(d, ContentDigest.of(changed));
        Frame missing = Frame.of(Table.create("t").addColumns(LongColumn.create("n", 1, 2, 3), StringColumn.create("s", "a", "b", "c")),
                ints.schema());
        assertNotEquals(d, ContentDigest.of(missing), "a missing cell differs from a value");
    }

    @Test
    void contentDigestKeepsMissingNumbersBooleansAndTimesApartFromValues() {
        Schema ints = Schema.of(ColumnSpec.of("n", ColumnKind.INTEGER));
        LongColumn withGap = LongColumn.create("n", 1, 0, 3);
        withGap.setMissing(1);
        String gap = ContentDigest.of(Frame.of(Table.create("t").addColumns(withGap), ints));
        assertEquals(gap, ContentDigest.of(Frame.of(Table.create("t").addColumns(DoubleColumn.create("n", 1, Double.NaN, 3)),
                Schema.of(ColumnSpec.of("n", ColumnKind.CONTINUOUS)))), "a missing integer is a missing number");
        assertNotEquals(gap, ContentDigest.of(Frame.of(Table.create("t").addColumns(LongColumn.create("n", 1, 0, 3)), ints)));

        Schema flags = Schema.of(ColumnSpec.of("b", ColumnKind.BOOLEAN));
        tech.tablesaw.api.BooleanColumn b = tech.tablesaw.api.BooleanColumn.create("b", true, false);
        b.appendMissing();
        tech.tablesaw.api.BooleanColumn c = tech.tablesaw.api.BooleanColumn.create("b", true, false, false);
        assertNotEquals(ContentDigest.of(Frame.of(Table.create("t").addColumns(b), flags)),
                ContentDigest.of(Frame.of(Table.create("t").addColumns(c), flags)));

        Schema times = Schema.of(ColumnSpec.of("t", ColumnKind.DATETIME));
        java.time.LocalDateTime epoch = java.time.LocalDateTime.of(1970, 1, 1, 0, 0);
        tech.tablesaw.api.DateTimeColumn t1 = tech.tablesaw.api.DateTimeColumn.create("t", epoch);
        t1.appendMissing();
        tech.tablesaw.api.DateTimeColumn t2 = tech.tablesaw.api.DateTimeColumn.create("t", epoch, epoch);
        assertNotEquals(ContentDigest.of(Frame.of(Table.create("t").addColumns(t1), times)),
                ContentDigest.of(Frame.of(Table.create("t").addColumns(t2), times)));
    }

    @Test
    void contentDigestOfTextIsTheSameWithOrWithoutTablesawDictionaries() {
        // 100,000 cells over 80,000 distinct values: more than the digest's 65,536-entry dictionary, and more
        // than Tablesaw keeps dictionary-encoded in one column, so the whole column and its small batches are
        // stored differently yet must hash the same.
        String[] values = new String[100_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 997 == 0 ? "" : "v" + (i * 7919L % 80_000);
        }
        Schema schema = Schema.of(ColumnSpec.of("s", ColumnKind.IDENTIFIER));
        Frame whole = Frame.of(Table.create("t").addColumns(StringColumn.create("s", values)), schema);
        String d = ContentDigest.of(whole);
        ContentDigest.Hasher h = new ContentDigest.Hasher(schema);
        for (int from = 0; from < values.length; from += 700) {
            String[] part = java.util.Arrays.copyOfRange(values, from, Math.min(values.length, from + 700));
            h.add(Frame.of(Table.create("t").addColumns(StringColumn.create("s", part)), schema));
        }
        assertEquals(d, h.finish());
        values[99_999] = "v1";
        assertNotEquals(d, ContentDigest.of(Frame.of(Table.create("t").addColumns(StringColumn.create("s", values)), schema)),
                "a changed value past the dictionary's limit changes the digest");
    }

    @Test
    void longTextColumnsWithOneAndFourByteTablesawKeysAreTheDocumentedForm() {
        // 210,000 rows. "s": 70,000 values, each three times in a row, so Tablesaw keeps int keys (more than a
        // short holds, yet not so many distinct values that it drops the dictionary) and the digest's
        // dictionary fills up. "c": 50 values, one-byte keys, several times the digest's 64 KB buffer.
        String[] many = new String[210_000];
        String[] few = new String[many.length];
        for (int i = 0; i < many.length; i++) {
            many[i] = i % 1009 == 0 ? "" : "v" + (i / 3 * 7919L % 70_000);
            few[i] = i % 101 == 0 ? "" : "c" + (i * 31L % 50);
        }
        StringColumn s = StringColumn.create("s", many);
        StringColumn c = StringColumn.create("c", few);
        assertEquals(tech.tablesaw.columns.strings.IntDictionaryMap.class, s.getDictionary().getClass());
        assertEquals(tech.tablesaw.columns.strings.ByteDictionaryMap.class, c.getDictionary().getClass());
        Schema schema = Schema.of(ColumnSpec.of("s", ColumnKind.IDENTIFIER), ColumnSpec.of("c", ColumnKind.CATEGORICAL));
        String d = ContentDigest.of(Frame.of(Table.create("t").addColumns(s, c), schema));
        assertEquals(combine("c", 'S', textForm(few), "s", 'S', textForm(many)), d);
        ContentDigest.Hasher h = new ContentDigest.Hasher(schema);
        for (int from = 0; from < many.length; from += 500) {
            int to = Math.min(many.length, from + 500);
            h.add(Frame.of(Table.create("t").addColumns(StringColumn.create("s", java.util.Arrays.copyOfRange(many, from, to)),
                    StringColumn.create("c", java.util.Arrays.copyOfRange(few, from, to))), schema));
        }
        assertEquals(d, h.finish(), "batches of 500 rows, kept with one- and two-byte keys, hash the same");
    }
}
