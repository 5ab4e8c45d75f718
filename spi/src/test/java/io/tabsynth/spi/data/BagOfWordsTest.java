package io.tabsynth.spi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** New texts keep the real vocabulary, word shares, lengths and missing rate, and copy no text or private word. */
class BagOfWordsTest {
    private static final String[] COMMON = {"late", "delivery", "great", "service", "refund", "asked", "for", "a"};

    /** 4,000 notes of 2 to 6 common words (a quarter of them "late"), each signed with the writer's own name. */
    private static List<String> notes() {
        Rng rng = new Rng(4);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            if (i % 10 == 0) {
                texts.add("");
                continue;
            }
            StringBuilder sb = new StringBuilder();
            int words = 2 + rng.nextInt(5);
            for (int w = 0; w < words; w++) {
                sb.append(rng.nextDouble() < 0.25 ? "late" : COMMON[1 + rng.nextInt(COMMON.length - 1)]).append(' ');
            }
            texts.add(sb.append("signed-person").append(i).toString());
        }
        return texts;
    }

    @Test
    void newTextsKeepTheVocabularyLengthsAndMissingRateButNoTextAndNoOnePersonsWord() {
        List<String> real = notes();
        BagOfWords model = BagOfWords.learn(real);
        assertEquals(Set.of(COMMON), new HashSet<>(model.words()), "each signature is in one text only: left out");
        assertEquals("late", model.words().get(0), "most frequent first");

        Set<String> realTexts = new HashSet<>(real);
        Rng rng = new Rng(9);
        int missing = 0;
        int late = 0;
        int words = 0;
        Map<Integer, Integer> lengths = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String t = model.text(rng);
            if (t.isEmpty()) {
                missing++;
                continue;
            }
            assertFalse(realTexts.contains(t), "a real text was copied: " + t);
            String[] ws = t.split(" ");
            lengths.merge(ws.length, 1, Integer::sum);
            for (String w : ws) {
                assertTrue(Set.of(COMMON).contains(w), w);
                late += w.equals("late") ? 1 : 0;
                words++;
            }
        }
        assertEquals(0.1, missing / 20_000.0, 0.01);
        // real texts have 3 to 7 words (2 to 6 common ones and the signature), uniformly
        assertEquals(Set.of(3, 4, 5, 6, 7), lengths.keySet());
        lengths.values().forEach(n -> assertEquals(0.2, n / (20_000.0 - 0.1 * 20_000), 0.02));
        assertEquals(0.25, late / (double) words, 0.01, "word shares are kept");
    }

    @Test
    void theModelRoundTripsThroughJsonAndAGarbledOneIsRefused() {
        BagOfWords model = BagOfWords.learn(notes());
        ObjectNode json = model.writeTo(JsonNodeFactory.instance.objectNode());
        BagOfWords back = BagOfWords.readFrom(json);
        Rng a = new Rng(3);
        Rng b = new Rng(3);
        for (int i = 0; i < 100; i++) {
            assertEquals(model.text(a), back.text(b));
        }
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("cumulative")).remove(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BagOfWords.readFrom(json));
        assertTrue(e.getMessage().contains("8 words but 7 frequencies"), e.getMessage());
        assertEquals("", BagOfWords.learn(List.of("", "")).text(new Rng(1)), "nothing to learn: missing");
    }
}
