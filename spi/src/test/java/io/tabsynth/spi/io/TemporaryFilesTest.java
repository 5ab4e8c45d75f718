package io.tabsynth.spi.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temporary files of interrupted and killed writes: SIGTERM removes them, the next write removes a killed one's. */
class TemporaryFilesTest {
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    /** A JVM running {@link HangingWrite} on {@code target}, returned once its temporary file has bytes in it. */
    private Process startWrite(Path target) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HangingWrite.class.getName(),
                target.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("writing", line, "the writer started");
        return p;
    }

    private List<Path> temporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().startsWith(".tmp-")).toList();
        }
    }

    @Test
    void sigtermRemovesTheTemporaryFileOfAnUnfinishedWrite() throws Exception {
        Process p = startWrite(dir.resolve("out.csv"));
        List<Path> during = temporaries();
        assertEquals(1, during.size(), "the write is under way");
        assertTrue(during.get(0).getFileName().toString().startsWith(".tmp-p" + p.pid() + "-"), during.toString());
        p.destroy(); // SIGTERM, as Ctrl-C's SIGINT, runs the shutdown hooks
        assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of(), temporaries(), "the shutdown hook removed the temporary file");
        assertFalse(Files.exists(dir.resolve("out.csv")));
    }

    @Test
    void theNextWriteRemovesAndReportsTheTemporaryFileOfAKilledProcess() throws Exception {
        Process p = startWrite(dir.resolve("out.csv"));
        Path left = temporaries().get(0);
        assertEquals(List.of(), TemporaryFiles.removeStale(dir), "a running writer's file is left alone");
        assertTrue(Files.exists(left));
        p.destroyForcibly(); // SIGKILL: no hook runs
        assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(List.of(left), temporaries(), "a killed process leaves its temporary file");

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AtomicFile.write(dir.resolve("other.csv"), tmp -> Files.writeString(tmp, "a\n1\n"));
        } finally {
            System.setErr(stderr);
        }
        assertEquals(List.of(), temporaries(), "the next write to the folder removed it");
        assertEquals("note: removed " + left + " (14 bytes), an unfinished write of tabsynth process " + p.pid()
                + ", which is no longer running" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
        assertEquals("a\n1\n", Files.readString(dir.resolve("other.csv")));
    }

    @Test
    void filesOfOtherNamesAreNeverRemoved() throws Exception {
        Path old = Files.writeString(dir.resolve(".tmp-3k2j1-out.csv"), "an older tabsynth's name");
        Path foreign = Files.writeString(dir.resolve(".tmp-pnotapid-x-out.csv"), "not ours");
        assertEquals(List.of(), TemporaryFiles.removeStale(dir));
        assertTrue(Files.exists(old) && Files.exists(foreign));
    }
}
