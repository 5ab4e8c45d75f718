package io.tabsynth.engine.lineage;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.TabsynthException;
import io.tabsynth.spi.io.Sha256;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The append-only, hash-chained ledger: one DSSE envelope per line (JSON Lines). Each record's predicate
 * carries the SHA-256 of the previous line and its sequence number, so removing, changing or reordering a
 * line breaks the chain; a signed head file ({@code ledger.jsonl.head}) holds the count and the last line's
 * digest, so removing the last lines is caught too. Appends take an exclusive file lock (safe across
 * processes), are flushed to disk, and rewrite the head atomically.
 */
public final class Ledger {
    private static final Map<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;

    public Ledger(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /**
     * The default ledger: {@code .tabsynth/ledger.jsonl} in the working directory (the system property
     * {@code tabsynth.ledger} overrides it, e.g. for test runs).
     */
    public static Ledger standard() {
        String prop = System.getProperty("tabsynth.ledger");
        return new Ledger(prop != null ? Path.of(prop) : Path.of(".tabsynth", "ledger.jsonl"));
    }

    public Path file() {
        return file;
    }

    public Path head() {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    /** The digest that chains a line: SHA-256 of its UTF-8 bytes, without the line break. */
    public static String digest(String line) {
        return Sha256.hex(line.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends the record made from the previous line's digest ({@code null} for the first) and the new
     * record's sequence number; returns it. The maker runs under the lock, so concurrent appends chain. A ledger
     * that does not match its signed head (see {@link #requireIntact}) is a {@link VerificationException}, and
     * nothing is appended or signed.
     */
    public SignedRecord append(BiFunction<String, Long, SignedRecord> maker, SigningKey key, TrustStore trust) {
        Object monitor = IN_PROCESS.computeIfAbsent(file, f -> new Object());
        synchronized (monitor) {
            try {
                Files.createDirectories(file.getParent());
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock lock = ch.lock()) {
                    String last = lastLine(ch);
                    long sequence = nextSequence(last);
                    requireHead(sequence, last, trust, "nothing was appended");
                    String previous = last == null ? null : digest(last);
                    SignedRecord record = maker.apply(previous, sequence);
                    String line = Dsse.JSON.writeValueAsString(record.toJson());
                    ch.position(ch.size());
                    ByteBuffer buf = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(false);
                    LedgerHead.write(this, sequence + 1, digest(line), key);
                    return record;
                }
            } catch (IOException e) {
                throw new TabsynthException(file + ": cannot append to the ledger: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Checks, before a step writes anything, that the ledger matches its signed head: the head is signed by a key of
     * {@code trust}, counts as many records as the last line's sequence number says and holds its digest (the chain
     * itself is what {@link Verifier} checks). A {@link VerificationException} otherwise, or when the ledger's last
     * line cannot be read.
     */
    public void requireIntact(TrustStore trust) {
        if (!Files.exists(file) && !Files.exists(head())) {
            return;
        }
        String last;
        if (Files.exists(file)) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                last = lastLine(ch);
            } catch (IOException e) {
                throw new TabsynthException(file + ": cannot read the ledger: " + e.getMessage(), e);
            }
        } else {
            last = null;
        }
        requireHead(nextSequence(last), last, trust, "nothing was written");
    }

    /**
     * Every line of the ledger, after checking that they are the lines its signed head counts: a ledger cut short
     * (a revocation removed from its end), or whose head was removed or changed, is a {@link VerificationException}
     * so that nothing is read from it.
     */
    public List<String> verifiedLines(TrustStore trust) {
        List<String> lines = lines();
        String problem = LedgerHead.problem(this, lines.size(), lines.isEmpty() ? null : digest(lines.get(lines.size() - 1)),
                trust);
        if (problem != null) {
            throw LedgerHead.refusal(this, problem, "it was not read");
        }
        return lines;
    }

    private long nextSequence(String last) {
        try {
            return last == null ? 0 : SignedRecord.parse(last, file.getFileName() + " last line").sequence() + 1;
        } catch (BadInputException e) {
            throw new VerificationException(e.getMessage() + "; nothing was appended to the ledger");
        }
    }

    private void requireHead(long records, String last, TrustStore trust, String refused) {
        String problem = LedgerHead.problem(this, records, last == null ? null : digest(last), trust);
        if (problem != null) {
            throw LedgerHead.refusal(this, problem, refused);
        }
    }

    /** The last non-empty line, read backwards from the end. */
    private static String lastLine(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return null;
        }
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, end - 1);
        if (one.get(0) == '\n') {
            end--;
        }
        long start = end;
        ByteBuffer block = ByteBuffer.allocate(8192);
        while (start > 0) {
            int n = (int) Math.min(block.capacity(), start);
            block.clear().limit(n);
            ch.read(block, start - n);
            int found = -1;
            for (int i = n - 1; i >= 0; i--) {
                if (block.get(i) == '\n') {
                    found = i;
                    break;
                }
            }
            if (found >= 0) {
                start = start - n + found + 1;
                break;
            }
            start -= n;
        }
        ByteBuffer line = ByteBuffer.allocate((int) (end - start));
        ch.read(line, start);
        return new String(line.array(), StandardCharsets.UTF_8);
    }

    /**
     * Every record of the ledger, in order (empty if it does not exist); a line that is not a record is a
     * {@link BadInputException} naming the ledger, the line and what is wrong. Signatures are not checked here;
     * {@link Verifier} does that.
     */
    public List<SignedRecord> records() {
        List<String> lines = lines();
        List<SignedRecord> out = new ArrayList<>(lines.size());
        for (String line : lines) {
            out.add(SignedRecord.parse(line, where(out.size())));
        }
        return out;
    }

    /** "ledger.jsonl line N", counting from 1: how messages name a line of this ledger. */
    String where(int index) {
        return file.getFileName() + " line " + (index + 1);
    }

    /** Every line of the ledger (empty if it does not exist). */
    public List<String> lines() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] all = new byte[(int) raf.length()];
            raf.readFully(all);
            String text = new String(all, StandardCharsets.UTF_8);
            if (text.isEmpty()) {
                return List.of();
            }
            if (!text.endsWith("\n")) {
                throw new BadInputException(file + ": the last line is incomplete (no line break)");
            }
            return List.of(text.substring(0, text.length() - 1).split("\n", -1));
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read the ledger: " + e.getMessage(), e);
        }
    }
}
