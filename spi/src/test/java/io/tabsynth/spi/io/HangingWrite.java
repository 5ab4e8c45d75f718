package io.tabsynth.spi.io;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process that starts an atomic write of {@code args[0]}, writes part of it, says {@code writing} on standard
 * output and then waits forever, to be interrupted or killed by a test.
 */
public final class HangingWrite {
    private HangingWrite() {
    }

    public static void main(String[] args) {
        AtomicFile.write(Path.of(args[0]), tmp -> {
            Files.writeString(tmp, "part of a file");
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
