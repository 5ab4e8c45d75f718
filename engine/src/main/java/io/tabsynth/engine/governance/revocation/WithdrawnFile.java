package io.tabsynth.engine.governance.revocation;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.lineage.Artifact;
import io.tabsynth.engine.lineage.Ledger;
import io.tabsynth.engine.lineage.SignedRecord;
import io.tabsynth.engine.lineage.Sidecar;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ContentDigest;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a withdrawal names the file it withdraws: its name, SHA-256 and, for data, its content digest and rows, so that
 * the same data in another format is withdrawn too. What its lineage recorded is used where there is some (its
 * sidecar, else the ledger); data with none is read once for its content digest.
 */
public final class WithdrawnFile {
    private static final Pattern DIGEST = Pattern.compile("(?i)(sha256:)?([0-9a-f]{64})");

    private WithdrawnFile() {
    }

    /** A file that exists; a {@link BadInputException} if it does not. */
    public static Artifact of(Path file, Ledger ledger) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": file not found (a file whose copies are gone can still be retired, by "
                    + "name or --digest, when the ledger recorded it)");
        }
        String sha256 = Sha256.file(file);
        Artifact recorded = recorded(sidecarRecords(file), sha256);
        if (recorded == null) {
            recorded = recorded(ledgerRecords(ledger), sha256);
        }
        if (recorded != null) {
            return new Artifact("dataset", file, sha256, recorded.contentSha256(), recorded.rows());
        }
        Frame data = readIfData(file);
        return data == null ? new Artifact("dataset", file, sha256, null, Artifact.NOT_DATA)
                : new Artifact("dataset", file, sha256, ContentDigest.of(data), data.rowCount());
    }

    /**
     * A file that may no longer exist, by name: the file if it is there, else the last file of that name the ledger
     * recorded; a {@link BadInputException} if neither.
     */
    public static Artifact ofNamed(Path file, Ledger ledger) {
        if (Files.isRegularFile(file)) {
            return of(file, ledger);
        }
        Artifact found = null;
        Path wanted = file.toAbsolutePath().normalize();
        Path base = ledger.file().getParent().getParent();
        for (SignedRecord r : ledgerRecords(ledger)) {
            for (Artifact s : r.subjects()) {
                Path named = s.path().isAbsolute() ? s.path() : base.resolve(s.path());
                if (s.path().equals(file) || named.toAbsolutePath().normalize().equals(wanted)) {
                    found = s;
                }
            }
        }
        if (found == null) {
            throw new BadInputException(file + ": file not found, and the ledger " + ledger.file()
                    + " recorded no file of that name; give its digest with --digest sha256:...");
        }
        return new Artifact("dataset", found.path(), found.sha256(), found.contentSha256(), found.rows());
    }

    /**
     * A file by its digest ({@code sha256:HEX} or the hex alone), named as the ledger recorded it where it did; a
     * {@link BadInputException} for text that is not a SHA-256.
     */
    public static Artifact ofDigest(String digest, Ledger ledger) {
        var m = DIGEST.matcher(digest.strip());
        if (!m.matches()) {
            throw new BadInputException("--digest '" + digest + "' is not a SHA-256 (sha256: and 64 hex digits)");
        }
        String sha256 = m.group(2).toLowerCase(Locale.ROOT);
        for (SignedRecord r : ledgerRecords(ledger)) {
            for (Artifact s : r.subjects()) {
                if (s.sha256().equals(sha256)) {
                    return new Artifact("dataset", s.path(), sha256, s.contentSha256(), s.rows());
                }
            }
        }
        return new Artifact("dataset", Path.of("sha256:" + sha256), sha256, null, Artifact.NOT_DATA);
    }

    private static Artifact recorded(List<SignedRecord> records, String sha256) {
        for (SignedRecord r : records) {
            for (Artifact s : r.subjects()) {
                if (s.sha256().equals(sha256)) {
                    return s;
                }
            }
        }
        return null;
    }

    private static List<SignedRecord> sidecarRecords(Path file) {
        try {
            return Sidecar.records(file);
        } catch (BadInputException unreadable) {
            return List.of();
        }
    }

    private static List<SignedRecord> ledgerRecords(Ledger ledger) {
        try {
            return ledger.records();
        } catch (BadInputException unreadable) {
            return List.of();
        }
    }

    private static Frame readIfData(Path file) {
        try {
            return FrameReader.read(file);
        } catch (BadInputException notData) {
            return null;
        }
    }
}
