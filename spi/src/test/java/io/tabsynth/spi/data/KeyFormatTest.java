package io.tabsynth.spi.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tabsynth.spi.random.Rng;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** New keys follow the real keys' format and carry no part of any one real key. */
class KeyFormatTest {
    private static List<String> keys(int n, IntFunction<String> f) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return out;
    }

    private static List<String> sample(KeyFormat f, int n) {
        Rng rng = new Rng(5);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.key(i, rng));
        }
        return out;
    }

    @Test
    void sharedPrefixAndSuffixAroundAPaddedNumberAreKept() {
        KeyFormat f = KeyFormat.learn("order", keys(500, i -> String.format("ORD-%05d-X", 300 + 7 * i)));
        // real numbers up to 3793: new ones from 4001
        assertEquals(new KeyFormat(KeyFormat.NUMBERED, "ORD-", "-X", 5, BigInteger.valueOf(4001)), f);
        assertEquals(List.of("ORD-04001-X", "ORD-04002-X"), sample(f, 2));
        assertEquals("ORD-127456-X", f.key(123_455, new Rng(1)), "wider numbers are not cut");
        assertEquals("new keys ORD-04001-X, ...", f.describe());

        Rng rng = new Rng(2);
        KeyFormat phone = KeyFormat.learn("phone", keys(300, i -> "+44 7" + (100_000_000 + rng.nextInt(899_999_999))));
        assertEquals(List.of("+44 8000000001", "+44 8000000002"), sample(phone, 2));

        KeyFormat plain = KeyFormat.learn("n", keys(300, i -> Integer.toString(1000 + i)));
        assertEquals("2001", plain.key(0, new Rng(1)));
        assertEquals(4, plain.width());
        KeyFormat unpadded = KeyFormat.learn("n", keys(300, i -> "C" + (i + 1)));
        assertEquals(List.of("C401", "C402"), sample(unpadded, 2), "the narrowest real width: no padding");
    }

    @Test
    void eMailAddressesBecomeAddressesAtTheReservedDomain() {
        String[] first = {"anna", "bob", "carla", "dmitri"};
        String[] domain = {"gmail.com", "acme-corp.co.uk", "mail.com"};
        List<String> real = keys(400, i -> first[i % 4] + ".smith" + (i % 97) + "@" + domain[i % 3]);
        real.set(5, "");
        real.set(6, "not an address");
        KeyFormat f = KeyFormat.learn("email", real);
        List<String> made = sample(f, 1000);
        assertEquals("user000001@example.com", made.get(0));
        assertEquals(1000, new HashSet<>(made).size());
        for (String m : made) {
            assertTrue(m.endsWith("@example.com"), m);
            for (String name : first) {
                assertFalse(m.contains(name), "a real name part in " + m);
            }
        }
    }

    @Test
    void aPrefixFewKeysShareIsNotKeptBecauseItCouldBeSomeonesName() {
        // every key has its own prefix: a person's name with a number
        String[] names = {"anna.garcia", "bob.okafor", "carla.rossi", "dmitri.kim", "eve.silva"};
        List<String> real = keys(50, i -> names[i % 5] + "-" + i);
        KeyFormat f = KeyFormat.learn("login", real);
        assertEquals(KeyFormat.named("login"), f);
        assertEquals(List.of("login-000001", "login-000002"), sample(f, 2));

        // but a prefix on half the keys is a format
        List<String> half = keys(50, i -> i % 2 == 0 ? "ACC-" + (1000 + i) : names[i % 5] + i);
        assertEquals("ACC-2001", KeyFormat.learn("account", half).key(0, new Rng(1)));
        assertEquals(KeyFormat.named("x"), KeyFormat.learn("x", keys(30, i -> "no digits " + (char) ('a' + i % 26))));
        assertEquals(KeyFormat.named("empty"), KeyFormat.learn("empty", List.of("", "")));
    }

    @Test
    void uuidsBecomeNewRandomVersionFourUuids() {
        Rng rng = new Rng(3);
        List<String> real = keys(200, i -> new UUID(rng.nextLong(), rng.nextLong()).toString());
        KeyFormat f = KeyFormat.learn("uuid", real);
        assertEquals(KeyFormat.UUID, f.style());
        List<String> made = sample(f, 2000);
        Set<String> realSet = new HashSet<>(real);
        assertEquals(2000, new HashSet<>(made).size());
        for (String m : made) {
            assertEquals(4, UUID.fromString(m).version());
            assertFalse(realSet.contains(m));
        }
        assertEquals(made, sample(f, 2000), "the same seed gives the same keys");
    }

    @Test
    void newKeysAreNeverRealKeysAndTheModelKeepsNoRealKey() {
        // issue 21: CUST-000001...CUST-010000 used to contain every real key CUST-000001...CUST-005000
        List<String> real = keys(5000, i -> String.format("CUST-%06d", i + 1));
        KeyFormat f = KeyFormat.learn("customer_id", real);
        List<String> made = sample(f, 10_000);
        Set<String> realSet = new HashSet<>(real);
        assertEquals(10_000, new HashSet<>(made).size());
        assertTrue(made.stream().noneMatch(realSet::contains), "a new key is a real one");
        assertEquals("CUST-006001", made.get(0), "above the largest real number, rounded up at its leading digit");
        String saved = f.writeTo(JsonNodeFactory.instance.objectNode()).toString();
        assertTrue(real.stream().noneMatch(saved::contains), "a real key in the model: " + saved);

        // keys of several widths and gaps, and a minority of another shape: still none reused
        Rng rng = new Rng(9);
        List<String> mixed = keys(3000, i -> i % 10 == 0 ? "OLD" + rng.nextInt(1_000_000) : "K-" + rng.nextInt(90_000));
        Set<String> mixedSet = new HashSet<>(mixed);
        assertTrue(sample(KeyFormat.learn("k", mixed), 20_000).stream().noneMatch(mixedSet::contains));

        // the fallback and the e-mail format count above real keys that already have their form
        List<String> named = keys(40, i -> i % 2 == 0 ? "login-" + (900 + i) : "x" + i + "y" + i + "@mail.test" + i % 3);
        assertTrue(sample(KeyFormat.learn("login", named), 2000).stream().noneMatch(new HashSet<>(named)::contains));
        List<String> mails = keys(300, i -> i < 100 ? "user" + String.format("%06d", i + 1) + "@example.com"
                : "p" + i + ".q@corp" + i % 7 + ".org");
        List<String> newMails = sample(KeyFormat.learn("email", mails), 500);
        assertEquals("user000201@example.com", newMails.get(0));
        assertTrue(newMails.stream().noneMatch(new HashSet<>(mails)::contains));
    }

    @Test
    void theFirstNumberIsAboveTheLargestRoundedUpAtItsLeadingDigit() {
        assertEquals(BigInteger.ONE, KeyFormat.above(null));
        assertEquals(BigInteger.valueOf(6001), KeyFormat.above(BigInteger.valueOf(5000)));
        assertEquals(BigInteger.valueOf(6001), KeyFormat.above(BigInteger.valueOf(5999)));
        assertEquals(BigInteger.valueOf(51), KeyFormat.above(BigInteger.valueOf(42)));
        assertEquals(BigInteger.valueOf(11), KeyFormat.above(BigInteger.valueOf(9)));
        assertEquals(BigInteger.valueOf(2), KeyFormat.above(BigInteger.ZERO));
        BigInteger huge = new BigInteger("98765432109876543210987");
        assertEquals(new BigInteger("100000000000000000000001"), KeyFormat.above(huge));
        KeyFormat f = new KeyFormat(KeyFormat.NUMBERED, "N", "", 1, KeyFormat.above(huge));
        assertEquals("N100000000000000000000003", f.key(2, null), "numbers beyond a long");
    }

    @Test
    void theFormatRoundTripsThroughJsonAndBadOnesAreRefused() {
        KeyFormat f = new KeyFormat(KeyFormat.NUMBERED, "CUST-", "", 6, BigInteger.valueOf(6001));
        assertEquals(f, KeyFormat.readFrom(f.writeTo(JsonNodeFactory.instance.objectNode())));
        assertEquals(BigInteger.ONE, KeyFormat.readFrom(JsonNodeFactory.instance.objectNode().put("style", "numbered")
                .put("prefix", "A").put("suffix", "").put("width", 3)).start(), "a model saved before 'start' counts from 1");
        assertThrows(IllegalArgumentException.class, () -> KeyFormat.readFrom(JsonNodeFactory.instance.objectNode()
                .put("style", "numbered").put("start", "-5")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KeyFormat.readFrom(JsonNodeFactory.instance.objectNode().put("style", "serial")));
        assertTrue(e.getMessage().contains("serial"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KeyFormat(KeyFormat.NUMBERED, "", "", -1));
    }

    @Test
    void codesOfOneWidthKeepTheirWidthBelowTheSmallestRealOneAndNeverEqualOne() {
        // random five-digit zip codes up to 99950: above them the numbers would need six digits (100001)
        java.util.Random r = new java.util.Random(3);
        List<String> zips = keys(300, i -> String.format("%05d", 501 + r.nextInt(99_450)));
        zips.set(0, "00501");
        zips.set(1, "99950");
        KeyFormat f = KeyFormat.learn("zip", zips);
        assertEquals(new KeyFormat(KeyFormat.NUMBERED, "", "", 5, BigInteger.ONE, BigInteger.valueOf(500),
                BigInteger.valueOf(100_001)), f);
        List<String> made = sample(f, 600);
        assertEquals("00001", made.get(0));
        assertEquals("00499", made.get(498));
        assertEquals("100001", made.get(499), "past the room below, above every real one (wider)");
        assertTrue(made.subList(0, 499).stream().allMatch(k -> k.matches("\\d{5}")));
        assertTrue(java.util.Collections.disjoint(made, zips), "no new key is a real one");
        assertEquals(600, new java.util.HashSet<>(made).size());
        assertEquals(f, KeyFormat.readFrom(f.writeTo(JsonNodeFactory.instance.objectNode())));
    }

    @Test
    void aPrefixOnlyAFewKeysShareIsNotKept() {
        // two of three people share '(289) 804-': new keys kept it with seven of a real person's ten digits
        KeyFormat f = KeyFormat.learn("phone", List.of("(289) 804-6912", "(289) 804-6913", "(415) 555-0101"));
        assertEquals("phone-000001", f.key(0, null));
        KeyFormat many = KeyFormat.learn("phone", keys(5, i -> "(289) 804-69" + (10 + i)));
        assertTrue(many.key(0, null).startsWith("(289) 804-"), "five keys share it: a common form, kept");
    }
}
