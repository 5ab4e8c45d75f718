package io.tabsynth.engine.lineage;

/** Lineage did not verify: a changed file, a bad signature, a broken chain. The command line exits with 4. */
public class VerificationException extends io.tabsynth.spi.TabsynthException {
    public VerificationException(String message) {
        super(message);
    }
}
