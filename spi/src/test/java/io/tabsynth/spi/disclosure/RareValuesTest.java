package io.tabsynth.spi.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.random.Rng;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Values fewer than minCount rows hold are never given back; new ones read like them. */
class RareValuesTest {
    private static final int ROWS = 2000;
    private static final int K = 5;
    private static final String[] SUFFIXES = {"St", "Avenue", "Road", "Lane"};

    /** A made-up name: capitalised syllables, like the real ones a table of people holds. */
    static String name(Random r) {
        String c = "bdfgklmnprstvz";
        String v = "aeiou";
        StringBuilder b = new StringBuilder();
        int syllables = 2 + r.nextInt(3);
        for (int i = 0; i < syllables; i++) {
            b.append(c.charAt(r.nextInt(c.length()))).append(v.charAt(r.nextInt(v.length())));
        }
        if (r.nextBoolean()) {
            b.append(c.charAt(r.nextInt(c.length())));
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    /** People: last names 92 % distinct, street addresses, a segment with three rare values. */
    static Frame people(long seed) {
        Random r = new Random(seed);
        String[] common = {"Smith", "Garcia", "Okafor", "Rossi", "Kim", "Silva"};
        String[] streets = new String[300];
        for (int i = 0; i < streets.length; i++) {
            streets[i] = name(r);
        }
        String[] last = new String[ROWS];
        String[] address = new String[ROWS];
        String[] segment = new String[ROWS];
        for (int i = 0; i < ROWS; i++) {
            last[i] = i < 180 ? common[i % common.length] : name(r) + "-" + i % 7;
            address[i] = i % 10 < 8 ? (1 + r.nextInt(999)) + " " + streets[r.nextInt(streets.length)] + " "
                    + SUFFIXES[r.nextInt(SUFFIXES.length)] : (10 + i % 8) + " Harbour " + SUFFIXES[i % 2];
            segment[i] = i < 1000 ? "retail" : i < 1600 ? "business" : i < 1994 ? "enterprise"
                    : i < 1995 ? "Olsen family office" : i < 1997 ? "pilot 42" : "legacy";
        }
        Table t = Table.create("people", StringColumn.create("last_name", last), StringColumn.create("address", address),
                StringColumn.create("segment", segment));
        return Frame.of(t, Schema.of(ColumnSpec.of("last_name", ColumnKind.CATEGORICAL),
                ColumnSpec.of("address", ColumnKind.CATEGORICAL), ColumnSpec.of("segment", ColumnKind.CATEGORICAL)));
    }

    private static Map<String, Integer> counts(List<String> values) {
        Map<String, Integer> out = new HashMap<>();
        values.forEach(v -> out.merge(v, 1, Integer::sum));
        return out;
    }

    @Test
    void rareValuesBecomeStandInsAndStandInsBecomeNewValuesThatNoRealRowHolds() {
        Frame real = people(1);
        RareValues plan = RareValues.learn(real, K, 7);
        assertEquals(List.of("last_name", "address", "segment"), List.copyOf(plan.names()));
        RareValues.Column last = plan.column("last_name");
        assertTrue(last.mostlyNew(), "most last names are held by one row");
        assertEquals(List.of("Garcia", "Kim", "Okafor", "Rossi", "Silva", "Smith"), last.kept());
        RareValues.Column segment = plan.column("segment");
        assertFalse(segment.mostlyNew());
        assertEquals(3, segment.rareValues());
        assertEquals(6, segment.rareRows());

        // the generator sees the stand-in in place of every rare value and nothing else changes
        Frame seen = plan.toModel(real);
        Map<String, Integer> seenSegments = counts(seen.strings("segment").asList());
        assertEquals(Map.of("retail", 1000, "business", 600, "enterprise", 394, RareValues.STAND_IN, 6), seenSegments);
        assertEquals(180, seen.strings("last_name").asList().stream().filter(last.kept()::contains).count());

        // what it samples back (here: what it saw) gets new values for the stand-ins, never a rare real value
        Frame back = plan.fromModel(seen, new Rng(3));
        for (String column : List.of("last_name", "address", "segment")) {
            Map<String, Integer> realCounts = counts(real.strings(column).asList());
            for (String v : back.strings(column)) {
                int n = realCounts.getOrDefault(v, 0);
                assertTrue(n == 0 || n >= K, column + ": '" + v + "' is held by " + n + " real rows");
                assertNotEquals(RareValues.STAND_IN, v);
            }
        }
        assertEquals(Map.of("retail", 1000, "business", 600, "enterprise", 394),
                counts(back.strings("segment").asList()).entrySet().stream().filter(e -> e.getValue() > 6)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "frequent categories keep their rows");
    }

    @Test
    void newValuesKeepTheWrittenFormFrequentWordsAndDigitsOfTheRealOnes() {
        Frame real = people(2);
        RareValues plan = RareValues.learn(real, K, 11);
        Rng rng = new Rng(4);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            made.add(plan.column("address").shape().draw(rng));
        }
        int withSuffix = 0;
        for (String a : made) {
            String[] words = a.split(" ");
            assertTrue(words[0].matches("[1-9]\\d{0,2}"), "a house number first, not starting with 0: " + a);
            assertTrue(words[1].matches("[A-Z][a-z]+"), "a capitalised street name: " + a);
            withSuffix += List.of(SUFFIXES).contains(words[words.length - 1]) ? 1 : 0;
        }
        assertTrue(withSuffix > 1900, "the suffixes many rows hold are kept: " + withSuffix);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            names.add(plan.column("last_name").shape().draw(rng));
        }
        assertTrue(names.stream().allMatch(n -> n.matches("[A-Z][a-z]+-\\d")), names.subList(0, 5).toString());
        assertTrue(counts(names).size() > 100, "varied: " + counts(names).size() + " distinct");
    }

    @Test
    void countsGatheredBatchByBatchInAnyOrderGiveThePlanTheWholeFrameGives() {
        Frame real = people(5);
        RareValues whole = RareValues.learn(real, K, 9);
        assertFalse(whole.isEmpty());
        // reversed batches of uneven sizes: the counts, and so the plan, cannot depend on how the rows came
        ValueCounts counts = new ValueCounts(real.schema());
        int[] cuts = {ROWS, 1500, 1499, 700, 13, 0};
        for (int i = 0; i + 1 < cuts.length; i++) {
            counts.add(Frame.of(real.table().inRange(cuts[i + 1], cuts[i]), real.schema()));
        }
        assertEquals(whole.toJson(), RareValues.learn(counts, K, 9).toJson());
        assertEquals(whole.toJson(), RareValues.fromJson(RareValues.learn(counts, K, 9).toJson()).toJson());
    }

    @Test
    void aZeroThatStartsANumberIsPartOfTheShapeAndOtherNumbersDoNotStartWithZero() {
        assertEquals("09999", TextShape.shapeOf("00501"));
        assertEquals("999", TextShape.shapeOf("417"));
        assertEquals("A-0999/9", TextShape.shapeOf("B-0417/3"));
        Map<String, Integer> rareZips = Map.of("00501", 1, "00544", 1, "01001", 1, "02108", 1, "03301", 1);
        TextShape zips = TextShape.learn(rareZips, rareZips, K, new Rng(1));
        Rng rng = new Rng(2);
        for (int i = 0; i < 200; i++) {
            assertTrue(zips.draw(rng).matches("0\\d{4}"), "zip codes keep their leading zero");
        }
    }

    @Test
    void oneRareValueKeepsTheShapeTheColumnsCommonValuesShare() {
        // one rare zip among common ones: its shape is every zip's, so replacing it keeps the written form
        Map<String, Integer> column = new java.util.HashMap<>(Map.of("00834", 1));
        for (int i = 0; i < 2 * K; i++) {
            column.put(String.format("%05d", 100 + 137 * i), K + 1);
        }
        TextShape zips = TextShape.learn(Map.of("00834", 1), column, K, new Rng(1));
        assertEquals(List.of("09999"), zips.templates());
        TextShape alone = TextShape.learn(Map.of("00834", 1), Map.of("00834", 1, "ab", K), K, new Rng(1));
        assertFalse(alone.templates().contains("09999"), "a shape only the rare value has is not kept");
    }

    @Test
    void aLeadingSpaceIsPartOfTheWrittenForm() {
        // UCI Adult writes every category after a space; here five rare countries share one shape
        Map<String, Integer> rare = Map.of(" Holand-Netherlands", 1, " Boland-Vetherlands", 1, " Coland-Setherlands", 1,
                " Doland-Ketherlands", 1, " Foland-Retherlands", 1);
        Map<String, Integer> all = new java.util.HashMap<>(rare);
        all.put(" United-States", 1);
        TextShape shape = TextShape.learn(rare, all, K, new Rng(1));
        String made = shape.draw(new Rng(2));
        assertTrue(made.matches(" [A-Z][a-z]{5}-[A-Z][a-z]{10}"), "'" + made + "'");
        assertEquals(List.of(" Aaaaaa-Aaaaaaaaaaa"), shape.templates());
    }

    @Test
    void aShapeFewerThanKRealValuesHoldIsNotKept() {
        // one VIP among hundreds of plain tiers: its shape alone would tell its form
        Map<String, Integer> rare = new java.util.HashMap<>(Map.of("VIP-Royal", 1));
        for (int i = 0; i < K; i++) {
            rare.put("tier" + (char) ('a' + i) + "x", 1);
        }
        TextShape shape = TextShape.learn(rare, rare, K, new Rng(1));
        assertEquals(List.of("aaaaaa"), shape.templates(), "only the shape five values share is kept");
        Rng rng = new Rng(2);
        for (int i = 0; i < 100; i++) {
            assertTrue(shape.draw(rng).matches("[a-z]{6}"));
        }
        TextShape alone = TextShape.learn(Map.of("VIP-Royal", 1), Map.of("VIP-Royal", 1), K, new Rng(1));
        assertEquals(List.of("Aaaaaaa"), alone.templates(), "no shared shape: a shape of no real value's telling");
    }

    @Test
    void thePlanRoundTripsThroughJsonDependsOnTheSeedAloneAndKeepsNoRareValue() {
        Frame real = people(3);
        RareValues plan = RareValues.learn(real, K, 5);
        String json = plan.toJson().toString();
        assertEquals(json, RareValues.learn(real, K, 5).toJson().toString(), "same data and seed, same plan");
        Map<String, Integer> realCounts = new HashMap<>();
        for (String column : List.of("last_name", "address", "segment")) {
            real.strings(column).forEach(v -> {
                realCounts.merge(v, 1, Integer::sum);
                for (String w : v.split(" ")) {
                    realCounts.merge("word:" + w, 1, Integer::sum);
                }
            });
        }
        realCounts.forEach((v, n) -> {
            if (!v.startsWith("word:") && n < K) {
                assertFalse(json.contains("\"" + v + "\""), "rare value " + v + " in the plan");
            }
        });
        RareValues back = RareValues.fromJson(plan.toJson());
        assertEquals(json, back.toJson().toString());
        Frame seen = plan.toModel(real);
        assertEquals(plan.fromModel(seen, new Rng(8)).strings("address").asList(),
                back.fromModel(seen, new Rng(8)).strings("address").asList());
    }

    @Test
    void conditionsOnValuesNoRowCanHaveAreRefusedWithoutSayingWhetherTheyAreReal() {
        RareValues plan = RareValues.learn(people(4), K, 1);
        plan.checkCondition("segment", "retail");
        plan.checkCondition("other", "anything");
        BadInputException e = assertThrows(BadInputException.class, () -> plan.checkCondition("segment", "legacy"));
        assertTrue(e.getMessage().startsWith("condition segment=legacy: no row can have this value: column 'segment' "
                + "keeps only the 3 values at least 5 real rows hold"), e.getMessage());
        assertTrue(e.getMessage().contains("minCount=5"), e.getMessage());
        BadInputException unseen = assertThrows(BadInputException.class, () -> plan.checkCondition("segment", "nobody"));
        assertEquals(e.getMessage().replace("legacy", "nobody"), unseen.getMessage(), "a rare and an absent value read alike");
    }

    @Test
    void minCountIsAParameterOfAtLeastOneAndOneTurnsTheRuleOff() {
        assertEquals(RareValues.DEFAULT_MIN_COUNT, RareValues.minCount(Map.of()));
        assertEquals(12, RareValues.minCount(Map.of("minCount", "12")));
        BadInputException e = assertThrows(BadInputException.class, () -> RareValues.minCount(Map.of("minCount", "0")));
        assertTrue(e.getMessage().startsWith("parameter 'minCount': '0' is not a whole number"), e.getMessage());
        assertThrows(BadInputException.class, () -> RareValues.minCount(Map.of("minCount", "five")));
        assertTrue(RareValues.learn(people(5), 1, 1).isEmpty());
        assertNull(RareValues.learn(people(5), 1, 1).column("segment"));
    }

    @Test
    void notesSayPerColumnWhatWasDoneAndWhy() {
        List<String> notes = RareValues.learn(people(6), K, 1).notes();
        assertEquals(3, notes.size());
        assertTrue(notes.get(0).startsWith("column 'last_name': 91 % of rows hold a value fewer than 5 rows hold"),
                notes.get(0));
        assertTrue(notes.get(2).startsWith("column 'segment': 3 values that fewer than 5 rows hold (0.3 % of rows) "
                + "replaced by new values in their written form"), notes.get(2));
        RareValues plan = RareValues.learn(people(6), K, 1);
        for (int i = 0; i < notes.size(); i++) {
            RareValues.Column c = plan.columns().get(i);
            assertTrue(notes.get(i).contains("(e.g. '" + c.example() + "')"),
                    "the note shows the column's one example: " + notes.get(i));
            assertEquals(c.example(), RareValues.fromJson(plan.toJson()).columns().get(i).example(),
                    "the saved model shows the same example");
        }
    }

    @Test
    void oneRareRowInThousandsIsUnderATenthOfAPercentNotNone() {
        String[] plan = new String[3000];
        for (int i = 0; i < plan.length; i++) {
            plan[i] = i == 0 ? "platinum" : i % 2 == 0 ? "basic" : "plus";
        }
        Frame f = Frame.of(Table.create("t", StringColumn.create("plan", plan)),
                Schema.of(ColumnSpec.of("plan", ColumnKind.CATEGORICAL)));
        List<String> notes = RareValues.learn(f, K, 1).notes();
        assertTrue(notes.get(0).startsWith("column 'plan': 1 value that fewer than 5 rows hold (under 0.1 % of rows)"),
                notes.get(0));
    }
}
