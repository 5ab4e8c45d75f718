package io.tabsynth.engine.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tabsynth.spi.TabsynthException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records engine steps: each {@link Step} becomes an in-toto statement in a DSSE envelope signed with the
 * local Ed25519 key, appended to the hash-chained {@link Ledger}; each output gets a {@link Sidecar} holding
 * the records of its inputs' sidecars (its history) followed by the new record.
 */
public final class Lineage {
    private final Ledger ledger;
    private final KeyStore keys;
    private final Context context;
    /** Whether this lineage has rehearsed or made a record, after which there is nothing left to warm up. */
    private volatile boolean warm;

    public Lineage(Ledger ledger, KeyStore keys) {
        this(ledger, keys, new Context(List.of(), Map.of(), Map.of()));
    }

    private Lineage(Ledger ledger, KeyStore keys, Context context) {
        this.ledger = ledger;
        this.keys = keys;
        this.context = context;
    }

    /**
     * What every step recorded through a lineage also names: the charter it is done under, the plan a fit follows.
     *
     * @param inputs     inputs added to every step
     * @param parameters parameters added to every step
     * @param results    results added to every step
     */
    public record Context(List<Artifact> inputs, Map<String, String> parameters, Map<String, Object> results) {
        public Context {
            inputs = List.copyOf(inputs);
            parameters = Map.copyOf(parameters);
            results = Map.copyOf(results);
        }

        Step applyTo(Step step) {
            if (inputs.isEmpty() && parameters.isEmpty() && results.isEmpty()) {
                return step;
            }
            return new Step(step.step(), step.extension(), step.pluginId(), step.pluginVersion(),
                    merged(step.parameters(), parameters), step.seed(), joined(step.inputs(), inputs), step.outputs(),
                    merged(step.results(), results), step.started(), step.finished());
        }

        /** This context and then {@code more}: its inputs after these, its parameters and results over these. */
        Context plus(Context more) {
            return new Context(joined(inputs, more.inputs), merged(parameters, more.parameters),
                    merged(results, more.results));
        }

        private static <T> List<T> joined(List<T> first, List<T> then) {
            List<T> out = new ArrayList<>(first);
            out.addAll(then);
            return out;
        }

        private static <V> Map<String, V> merged(Map<String, V> first, Map<String, V> then) {
            Map<String, V> out = new LinkedHashMap<>(first);
            out.putAll(then);
            return out;
        }
    }

    /** This ledger and key, every step recorded also naming what {@code more} adds (to what this lineage adds). */
    public Lineage with(Context more) {
        return new Lineage(ledger, keys, context.plus(more));
    }

    /** The default ledger in the working directory and the default key store. */
    public static Lineage standard(Path ledgerOrNull) {
        return new Lineage(ledgerOrNull == null ? Ledger.standard() : new Ledger(ledgerOrNull), KeyStore.standard());
    }

    public Ledger ledger() {
        return ledger;
    }

    public KeyStore keys() {
        return keys;
    }

    /**
     * Gets ready to record, on a thread that would otherwise wait: loads an existing signing key (Bouncy
     * Castle builds its tables, 20-100 ms in a fresh JVM) and rehearses a record, making, signing and parsing
     * back a statement that is then dropped. In a fresh JVM the first record loads and initialises JSON,
     * time-formatting and signing code (about 25 ms); rehearsed, the step's own record, made after its output
     * is written, takes a few milliseconds. Rehearses once: after a rehearsal or a record there is nothing left
     * to warm. Writes nothing and creates no key; a key that cannot be read is reported by {@link #record}.
     */
    public void prepare() {
        try {
            if (keys.exists()) {
                SigningKey key = keys.signingKey();
                if (!warm) {
                    rehearse(key);
                    warm = true;
                }
            }
        } catch (RuntimeException | IOException e) {
            // the step's own record reads the key again and reports any problem
        }
    }

    private static void rehearse(SigningKey key) throws IOException {
        Instant now = Instant.now();
        String zeros = "0".repeat(64);
        Artifact file = new Artifact("output", Path.of("rehearsal"), zeros, zeros, 0);
        Step step = Step.builder("rehearsal").by("", "", "").parameter("rows", "0").seed(0L).input(file).output(file)
                .result("rows", 0L).between(now, now).build();
        SignedRecord.parse(Dsse.JSON.writeValueAsString(SignedRecord.sign(step, null, 0, key).toJson()), "rehearsal"); // as the next
        // append reads the last line
    }

    /**
     * Checks that the ledger may take a record, before a step writes its outputs: a ledger that does not match its
     * signed head is a {@link VerificationException}, so no output is left without a record.
     */
    public void requireIntactLedger() {
        ledger.requireIntact(TrustStore.standard(keys));
    }

    /** Records a step: signs, appends to the ledger, writes the outputs' sidecars; returns the envelope. */
    public ObjectNode record(Step done) {
        Step step = context.applyTo(done);
        SigningKey key = keys.signingKey();
        SignedRecord record = ledger.append((previous, sequence) -> SignedRecord.sign(step, previous, sequence, key), key,
                TrustStore.standard(keys));
        List<JsonNode> history = history(step.inputs());
        history.add(record.toJson());
        for (Artifact out : step.outputs()) {
            Sidecar.write(out.path(), history);
        }
        warm = true;
        return record.toJson();
    }

    /**
     * The records of the inputs' sidecars, oldest first, each once, copied as they are: a record that cannot be read
     * is the verifier's to report, on the output that carries it. A sidecar none of whose records made the input as
     * it was read (the file was replaced or edited outside tabsynth, its old sidecar left behind) tells the history of
     * other bytes, so it is left out: the input then begins the output's history, like real data.
     */
    private static List<JsonNode> history(List<Artifact> inputs) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        for (Artifact in : inputs) {
            seen.addAll(in.sha256() == null ? Sidecar.read(in.path()) : Sidecar.historyOf(in.path(), in.sha256()));
        }
        return new ArrayList<>(seen);
    }
}
