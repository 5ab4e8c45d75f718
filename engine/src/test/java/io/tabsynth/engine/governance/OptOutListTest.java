package io.tabsynth.engine.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.engine.data.io.FrameReader;
import io.tabsynth.engine.data.io.Metadata;
import io.tabsynth.engine.governance.optout.Exclusion;
import io.tabsynth.engine.governance.optout.OptOutList;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opt-out lists: which rows they remove, by key as written, and what is refused. */
class OptOutListTest {
    @TempDir
    Path dir;

    private Frame accounts() throws Exception {
        Path data = dir.resolve("accounts.csv");
        Files.writeString(data, "account,region,balance\n1001,north,5.5\n1002,south,7.25\n1003,east,1.0\n1002,west,2.0\n");
        Path metadata = dir.resolve("accounts.meta.json");
        Files.writeString(metadata, "{\"columns\": {\"account\": {\"kind\": \"integer\"}}}");
        Frame frame = FrameReader.read(data, Metadata.read(metadata));
        return frame.withSource(new io.tabsynth.engine.lineage.Artifact("real data", data, "x", "y", 4));
    }

    @Test
    void removesEveryRowOfAListedKeyMatchingWholeNumbersAsWrittenAndKeepsTheSource() throws Exception {
        Frame data = accounts();
        assertEquals("integer", data.schema().column("account").kind().jsonName());
        Path list = dir.resolve("optouts.csv");
        Files.writeString(list, "account,note\n 1002 ,moved away\n,blank key\n9999,not a customer\n");
        OptOutList optOuts = OptOutList.read(list, "account");
        assertEquals(2, optOuts.size(), "the blank key is ignored");
        Exclusion excluded = optOuts.exclude(data);
        assertEquals(2, excluded.removed());
        assertEquals(List.of("north", "east"), excluded.kept().strings("region").asList());
        assertSame(data.source(), excluded.kept().source(), "lineage still names the file read");
        assertEquals(2, excluded.record(true).get("rowsRemoved"));
        assertEquals(optOuts.sha256(), excluded.record(true).get("sha256"));
    }

    @Test
    void aListOfAHeaderAloneRemovesNothing() throws Exception {
        Path list = dir.resolve("optouts.csv");
        Files.writeString(list, "account\n");
        Exclusion none = OptOutList.read(list, "account").exclude(accounts());
        assertEquals(0, none.removed());
        assertEquals(4, none.kept().rowCount());
    }

    @Test
    void aKeyColumnMissingFromTheListOrTheDataIsBadInputWithTheNearestName() throws Exception {
        Path list = dir.resolve("optouts.csv");
        Files.writeString(list, "acount\n1001\n");
        BadInputException inList = assertThrows(BadInputException.class, () -> OptOutList.read(list, "account"));
        assertTrue(inList.getMessage().contains("has no column 'account' (did you mean 'acount'?)"), inList.getMessage());
        BadInputException inData = assertThrows(BadInputException.class,
                () -> OptOutList.read(list, "acount").exclude(accounts()));
        assertTrue(inData.getMessage().contains("accounts.csv: has no column 'acount'")
                && inData.getMessage().contains("did you mean 'account'?"), inData.getMessage());
        assertThrows(BadInputException.class, () -> OptOutList.read(dir.resolve("gone.csv"), "account"));
    }
}
