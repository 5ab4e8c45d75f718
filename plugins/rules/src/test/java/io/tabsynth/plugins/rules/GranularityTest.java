package io.tabsynth.plugins.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.Table;

/** A spec without data keeps a date column's granularity: rules infer drafts it and the generator draws whole units. */
class GranularityTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void aMonthlySeriesIsDraftedAsMonthsAndDrawnAsMonths() throws Exception {
        DateTimeColumn month = DateTimeColumn.create("month");
        DateTimeColumn reading = DateTimeColumn.create("reading");
        for (int i = 0; i < 600; i++) {
            month.append(LocalDateTime.of(2010, 3, 1, 0, 0).plusMonths(i % 24));
            reading.append(LocalDateTime.of(2015, 1, 1, 1, 0).plusHours(7L * i));
        }
        Frame real = Frame.of(Table.create("r").addColumns(month, reading), Schema.of(
                new ColumnSpec("month", ColumnKind.DATETIME, "yyyy-MM-dd"),
                new ColumnSpec("reading", ColumnKind.DATETIME, "yyyy/MM/dd HH:mm:ss")));
        JsonNode spec = new Inference().infer(real);
        assertEquals("month", column(spec, "month").path("granularity").asText());
        assertEquals("hour", column(spec, "reading").path("granularity").asText());
        Frame f = RulesGeneratorTest.fit(dir, new ObjectMapper().writeValueAsString(spec)).sample(20_000, 3).collect();
        Map<LocalDateTime, Integer> counts = new HashMap<>();
        for (int r = 0; r < f.rowCount(); r++) {
            LocalDateTime m = f.datetimes("month").get(r);
            assertEquals(LocalDateTime.of(m.getYear(), m.getMonth(), 1, 0, 0), m);
            counts.merge(m, 1, Integer::sum);
            LocalDateTime h = f.datetimes("reading").get(r);
            assertEquals(0, h.getMinute() * 60 + h.getSecond(), h.toString());
        }
        // uniform over the 24 months, the first and last included at full weight
        assertEquals(24, counts.size());
        for (int c : counts.values()) {
            EdgeCasesAndErrorsTest.assertWithin(1 / 24.0, c, 20_000);
        }
    }

    @Test
    void aGranularityThatTheRangeDoesNotFallOnIsASpecError() {
        String m = assertThrows(BadInputException.class, () -> RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "d", "type": "date", "min": "2010-03-15", "max": "2011-01-01", "granularity": "month"}
                ]}""")).getMessage();
        assertTrue(m.contains("columns[0].min: '2010-03-15' is not a whole month (granularity 'month')"), m);
        m = assertThrows(BadInputException.class, () -> RulesGeneratorTest.fit(dir, """
                {"columns": [
                  {"name": "d", "type": "date", "min": "2010-03-01", "max": "2011-01-01", "granularity": "fortnight"}
                ]}""")).getMessage();
        assertTrue(m.contains("columns[0].granularity: unknown granularity 'fortnight' (year, month, day, hour, minute,"
                + " second)"), m);
    }

    private static JsonNode column(JsonNode spec, String name) {
        for (JsonNode c : spec.path("columns")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no column " + name + " in " + spec);
    }
}
