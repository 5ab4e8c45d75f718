package io.tabsynth.plugins.copula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.FitContext;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Identifiers become new, unique keys in the real format; free text is new text from the real vocabulary. */
class KeysAndTextTest {
    @Test
    void keysAreNewUniqueAndInFormatTextUsesTheVocabulary() {
        int n = 3000;
        Rng rng = new Rng(8);
        String[] code = new String[n];
        String[] uuid = new String[n];
        String[] number = new String[n];
        String[] note = new String[n];
        String[] vocab = {"late", "delivery", "great", "service", "refund", "asked", "for", "a"};
        for (int i = 0; i < n; i++) {
            code[i] = String.format("ORD-%05d-X", 500 + i);
            uuid[i] = new java.util.UUID(rng.nextLong(), rng.nextLong()).toString();
            number[i] = Long.toString(1_000_000 + 7L * i);
            StringBuilder sb = new StringBuilder();
            int words = 3 + rng.nextInt(5);
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(vocab[rng.nextInt(vocab.length)]);
            }
            note[i] = i % 10 == 0 ? "" : sb.toString();
        }
        Frame real = Frame.of(Table.create("t").addColumns(StringColumn.create("code", code),
                StringColumn.create("uuid", uuid), StringColumn.create("number", number), StringColumn.create("note", note)),
                Schema.of(ColumnSpec.of("code", ColumnKind.IDENTIFIER), ColumnSpec.of("uuid", ColumnKind.IDENTIFIER),
                        ColumnSpec.of("number", ColumnKind.IDENTIFIER), ColumnSpec.of("note", ColumnKind.FREE_TEXT)));
        CopulaModel model = (CopulaModel) new GaussianCopula().fit(real, GaussianCopulaTest.defaults(), FitContext.of(1));
        Frame syn = model.sampleFrame(20_000, 4);

        Set<String> codes = new HashSet<>(syn.strings("code").asList());
        assertEquals(20_000, codes.size(), "identifiers are unique across batches");
        assertTrue(codes.stream().allMatch(c -> c.matches("ORD-\\d{5,}-X")), "same format as the real keys");
        Set<String> uuids = new HashSet<>(syn.strings("uuid").asList());
        assertEquals(20_000, uuids.size());
        assertTrue(uuids.stream().allMatch(u -> java.util.UUID.fromString(u).version() == 4));
        Set<String> realUuids = Set.of(uuid);
        assertTrue(uuids.stream().noneMatch(realUuids::contains), "no real key is copied");

        Set<String> numbers = new HashSet<>(syn.strings("number").asList());
        assertEquals(20_000, numbers.size());
        assertTrue(numbers.stream().allMatch(x -> x.matches("\\d{7,}")), "numeric keys stay numeric");

        Set<String> words = Set.of(vocab);
        int nulls = 0;
        for (String t : syn.strings("note")) {
            if (t.isEmpty()) {
                nulls++;
                continue;
            }
            String[] ws = t.split(" ");
            assertTrue(ws.length >= 3 && ws.length <= 7, t);
            for (String w : ws) {
                assertTrue(words.contains(w), w);
            }
        }
        assertEquals(0.1, nulls / 20_000.0, 0.01, "free-text null rate");
    }
}
