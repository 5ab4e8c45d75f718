package io.tabsynth.engine.lineage;

import java.security.MessageDigest;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The one-time costs of a fresh JVM's first lineage record, paid on a background thread while the engine
 * loads its plugins rather than after the output is written: Bouncy Castle's Ed25519 tables (built on the
 * first signature or verification; 0.2–0.4 s on the 2-core machine) and the JIT's compiled SHA-256 (until it
 * is compiled the JDK hashes at a fraction of its speed, so a fresh JVM took twice as long to hash a 117 MB
 * output). Runs once per JVM. A step that gets there first is not held up for long: Bouncy Castle builds its
 * tables once, under a lock, and a digest is correct whether or not it runs compiled.
 */
public final class Warmup {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    /** Small updates: enough calls for the JIT to compile SHA-256 with the CPU's instructions, little hashing. */
    private static final int UPDATES = 20_000;

    private Warmup() {
    }

    /** Starts the warm-up unless it has started already. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(Warmup::run, "tabsynth-lineage-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        Ed25519.precompute();
        MessageDigest md = Sha256.digester();
        byte[] block = new byte[64];
        for (int i = 0; i < UPDATES; i++) {
            md.update(block);
        }
        md.digest();
    }
}
