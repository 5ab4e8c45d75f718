package io.tabsynth.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.engine.data.io.CsvBatches;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fit --streaming}: a CSV read in batches fits the copula, records the same data digests, refuses bad cells. */
class StreamingFitTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** More rows than one batch holds, so the fit reads several. */
    private static final int ROWS = CsvBatches.DEFAULT_BATCH_ROWS + 4_000;

    @TempDir
    Path dir;

    /** People: an age, a quoted city that may hold a comma, an income with missing cells; {@code badRow} spoils one. */
    private Path people(int badRow) throws Exception {
        StringBuilder csv = new StringBuilder("age,city,income\n");
        String[] cities = {"Leeds", "\"York, North\"", "Bath"};
        for (int i = 1; i <= ROWS; i++) {
            String income = i % 17 == 0 ? "" : String.format(Locale.ROOT, "%.2f", 20_000 + (i * 7919 % 50_000) + (i % 60) * 300.0);
            csv.append(i == badRow ? "forty" : Integer.toString(18 + i % 60)).append(',')
                    .append(cities[(i / 7 + i % 60 / 20) % 3]).append(',').append(income).append('\n');
        }
        Path file = dir.resolve("people-" + badRow + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    private static JsonNode dataInput(Path model) throws Exception {
        JsonNode records = JSON.readTree(Files.readAllBytes(Path.of(model + ".lineage.json"))).path("records");
        JsonNode predicate = JSON.readTree(Base64.getDecoder().decode(records.path(records.size() - 1)
                .path("payload").asText())).path("predicate");
        for (JsonNode in : predicate.path("inputs")) {
            if (in.path("role").asText().equals("real data")) {
                return in;
            }
        }
        throw new AssertionError("no real data in " + predicate);
    }

    @Test
    void aStreamedFitRecordsTheDigestsOfTheInMemoryFitAndItsModelSamples() throws Exception {
        Path data = people(-1);
        Path streamed = dir.resolve("streamed.model");
        Path whole = dir.resolve("whole.model");
        Cli s = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", streamed,
                "--streaming");
        assertEquals(0, s.code(), s.err());
        assertEquals(0, Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--param", "clusters=1", "--seed", 1, "--model", whole)
                .code());
        JsonNode a = dataInput(streamed);
        JsonNode b = dataInput(whole);
        assertEquals(b.path("digest"), a.path("digest"));
        assertEquals(b.path("annotations").path("contentSha256"), a.path("annotations").path("contentSha256"));
        assertEquals(ROWS, a.path("annotations").path("rows").asLong());
        Path sample = dir.resolve("sample.csv");
        assertEquals(0, Cli.run("sample", "--model", streamed, "--rows", 1000, "--seed", 2, "--out", sample).code());
        String text = Files.readString(sample);
        assertTrue(text.startsWith("age,city,income"), text.substring(0, 40));
        assertTrue(text.contains("\"York, North\""), "the quoted label is sampled back");
    }

    /** Towns: three common ones, 'Zzyzx' in two rows (first and a later batch), 'Qwerton' in one row of the last. */
    private Path towns() throws Exception {
        StringBuilder csv = new StringBuilder("age,town\n");
        String[] common = {"Leeds", "York", "Bath"};
        for (int i = 1; i <= ROWS; i++) {
            String town = i == 10 || i == CsvBatches.DEFAULT_BATCH_ROWS + 10 ? "Zzyzx"
                    : i == ROWS - 3 ? "Qwerton" : common[(i / 7 + i % 13) % 3];
            csv.append(18 + i % 60).append(',').append(town).append('\n');
        }
        Path file = dir.resolve("towns.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static JsonNode header(Path model) throws Exception {
        return JSON.readTree(Files.readAllLines(model, StandardCharsets.ISO_8859_1).get(1));
    }

    @Test
    void theRareValueRuleAppliesToAStreamedFitAsToTheInMemoryOne() throws Exception {
        Path data = towns();
        Path streamed = dir.resolve("towns-streamed.model");
        Path whole = dir.resolve("towns-whole.model");
        Cli s = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", streamed,
                "--streaming");
        assertEquals(0, s.code(), s.err());
        assertTrue(s.err().contains("column 'town': 2 values that fewer than 5 rows hold"), s.err());
        assertEquals(0, Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--param", "clusters=1",
                "--seed", 1, "--model", whole).code());
        String model = Files.readString(streamed, StandardCharsets.ISO_8859_1);
        assertTrue(model.contains("Leeds"), "the model names the common towns");
        assertFalse(model.contains("Zzyzx") || model.contains("Qwerton"), "no rare town reaches the model file");
        assertEquals(5, header(streamed).path("params").path("minCount").asInt());
        assertEquals(header(whole).path("rareValues"), header(streamed).path("rareValues"));
        Path sample = dir.resolve("towns-sample.csv");
        assertEquals(0, Cli.run("sample", "--model", streamed, "--rows", 20_000, "--seed", 2, "--out", sample).code());
        String rows = Files.readString(sample);
        assertFalse(rows.contains("Zzyzx") || rows.contains("Qwerton"), "no rare town is sampled");
        long standIns = rows.lines().skip(1).map(l -> l.substring(l.indexOf(',') + 1))
                .filter(t -> !t.equals("Leeds") && !t.equals("York") && !t.equals("Bath")).count();
        assertTrue(standIns > 0, "the rare towns' share comes back as new towns");
        Cli off = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model",
                dir.resolve("towns-off.model"), "--streaming", "--param", "minCount=1");
        assertEquals(0, off.code(), off.err());
        assertTrue(Files.readString(dir.resolve("towns-off.model"), StandardCharsets.ISO_8859_1).contains("Zzyzx"),
                "minCount=1 turns the rule off, as in memory");
    }

    @Test
    void aCellALaterBatchCannotParseIsRefusedByRowAndColumn() throws Exception {
        int bad = CsvBatches.DEFAULT_BATCH_ROWS + 1_234;
        Path data = people(bad);
        Path model = dir.resolve("bad.model");
        Cli r = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", model,
                "--streaming");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(data + ", row " + bad + ", column 'age': 'forty' is not a whole number"), r.err());
        assertTrue(r.err().contains("from the first " + CsvBatches.DEFAULT_BATCH_ROWS + " rows"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(model), "no model is written");
    }

    @Test
    void formatsOtherThanCsvAreRefusedWithTheWayOut() throws Exception {
        Path data = dir.resolve("people.jsonl");
        Files.writeString(data, "{\"age\": 3}\n");
        Cli r = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model",
                dir.resolve("m.model"), "--streaming");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("must be CSV, TSV, Arrow IPC or Parquet"), r.err());
    }

    @Test
    void aParquetFileIsReadBatchByBatchWithTheDigestsOfTheWholeFile() throws Exception {
        Path model = dir.resolve("people.model");
        assertEquals(0, Cli.run("fit", "--data", people(-1), "--generator", "gaussian-copula", "--seed", 1, "--model",
                model).code());
        Path data = dir.resolve("people.parquet");
        assertEquals(0, Cli.run("sample", "--model", model, "--rows", ROWS, "--seed", 3, "--out", data).code());
        Path streamed = dir.resolve("parquet-streamed.model");
        Path whole = dir.resolve("parquet-whole.model");
        Cli s = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model", streamed,
                "--streaming");
        assertEquals(0, s.code(), s.err());
        assertEquals(0, Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--param", "clusters=1",
                "--seed", 1, "--model", whole).code());
        JsonNode a = dataInput(streamed);
        JsonNode b = dataInput(whole);
        assertEquals(b.path("digest"), a.path("digest"));
        assertEquals(b.path("annotations").path("contentSha256"), a.path("annotations").path("contentSha256"));
        assertEquals(ROWS, a.path("annotations").path("rows").asLong());
        Path sample = dir.resolve("parquet-sample.csv");
        assertEquals(0, Cli.run("sample", "--model", streamed, "--rows", 100, "--seed", 2, "--out", sample).code());
        assertTrue(Files.readString(sample).startsWith("age,city,income"));
    }

    @Test
    void aDamagedParquetFileIsRefusedByName() throws Exception {
        Path data = dir.resolve("broken.parquet");
        Files.writeString(data, "PAR1 this is not parquet");
        Cli r = Cli.run("fit", "--data", data, "--generator", "gaussian-copula", "--seed", 1, "--model",
                dir.resolve("broken.model"), "--streaming");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(data + ": not a readable Parquet file"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertFalse(Files.exists(dir.resolve("broken.model")));
    }
}
