package io.tabsynth.engine.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DriftReportTest {
    private static final int ROWS = 5000;

    /** A table of people: age ~ N(40 + ageShift, 10), income ~ N(50000, 10000), city A/B/C with the given shares. */
    static Frame people(long seed, double ageShift, double shareA, double shareB) {
        Random rng = new Random(seed);
        DoubleColumn age = DoubleColumn.create("age");
        DoubleColumn income = DoubleColumn.create("income");
        StringColumn city = StringColumn.create("city");
        StringColumn plan = StringColumn.create("plan");
        for (int i = 0; i < ROWS; i++) {
            age.append(40 + ageShift + 10 * rng.nextGaussian());
            income.append(50000 + 10000 * rng.nextGaussian());
            double u = rng.nextDouble();
            city.append(u < shareA ? "A" : u < shareA + shareB ? "B" : "C");
            plan.append(rng.nextBoolean() ? "basic" : "plus");
        }
        Schema schema = Schema.of(ColumnSpec.of("age", ColumnKind.CONTINUOUS), ColumnSpec.of("income", ColumnKind.CONTINUOUS),
                ColumnSpec.of("city", ColumnKind.CATEGORICAL), ColumnSpec.of("plan", ColumnKind.CATEGORICAL));
        return Frame.of(Table.create("people", age, income, city, plan), schema);
    }

    @Test
    void aShiftedMeanAndAShiftedCategoryShareAreTheShiftedColumnsAndNoOthers() {
        Frame old = people(1, 0, 0.5, 0.3);
        Frame current = people(2, 8, 0.2, 0.6);
        DriftReport drift = DriftReport.of(old, current, 5);
        assertEquals(List.of("age", "city"), drift.shifted());
        for (DriftReport.ColumnDrift c : drift.columns()) {
            if (c.column().equals("income") || c.column().equals("plan")) {
                assertEquals(PopulationStability.Status.STABLE, c.psi().status(), c.column() + " " + c.psi().value());
            }
        }
        DriftReport.ColumnDrift age = drift.columns().get(0);
        assertTrue(age.ks().statistic() > 0.25, "KS of a 0.8 sd shift: " + age.ks());
        assertTrue(age.ks().pValue() < 1e-6, "p of a 0.8 sd shift: " + age.ks());
        DriftReport.ColumnDrift income = drift.columns().get(1);
        assertTrue(income.ks().pValue() > 0.001, "p of an unshifted column: " + income.ks());
        assertEquals("deciles of the baseline", drift.toJson().path("columns").path("age").path("binning").asText());
        assertEquals(List.of("age", "city"), List.of(drift.toJson().path("shifted").get(0).asText(),
                drift.toJson().path("shifted").get(1).asText()));
    }

    @Test
    void aNewSampleOfTheSameDistributionShiftsNothing() {
        DriftReport drift = DriftReport.of(people(1, 0, 0.5, 0.3), people(3, 0, 0.5, 0.3), 5);
        assertEquals(List.of(), drift.shifted());
        drift.columns().forEach(c -> assertTrue(c.psi().value() < PopulationStability.MODERATE, c.column() + " " + c.psi()));
        assertEquals(List.of(), drift.changedPairs());
    }

    @Test
    void psiFollowsItsDefinitionWithTheFloorForEmptyBins() {
        // old: A 50%, B 50%; new: A 100%, B empty -> (1-0.5)ln(1/0.5) + (1e-4 - 0.5)ln(1e-4/0.5)
        PopulationStability psi = PopulationStability.ofCategories(java.util.Map.of("A", 50, "B", 50),
                java.util.Map.of("A", 80));
        double expected = 0.5 * Math.log(2) + (PopulationStability.EMPTY_SHARE - 0.5)
                * Math.log(PopulationStability.EMPTY_SHARE / 0.5);
        assertEquals(expected, psi.value(), 1e-12);
        assertEquals(PopulationStability.Status.SHIFTED, psi.status());
    }

    @Test
    void decilesOfTheOldDataCutNumbersIntoTenEqualBins() {
        double[] old = new double[100];
        for (int i = 0; i < old.length; i++) {
            old[i] = i + 1;
        }
        assertEquals(List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0),
                java.util.Arrays.stream(PopulationStability.decileCuts(old)).boxed().toList());
        assertEquals(0, PopulationStability.ofNumbers(old, old.clone()).value(), 1e-12);
    }

    @Test
    void ksPValueMatchesTheKolmogorovDistribution() {
        // Q(1.36) = 0.0494 (the 5% critical value of the Kolmogorov distribution is 1.358)
        assertEquals(0.0494, KolmogorovSmirnov.survival(1.36), 5e-4);
        assertEquals(1.0, KolmogorovSmirnov.survival(0.0), 0);
        assertEquals(0.27, KolmogorovSmirnov.survival(1.0), 5e-3);
    }

    @Test
    void rareCategoriesArePooledUnderTheReportsLabel() {
        Frame old = people(1, 0, 0.96, 0.02);
        var bins = DriftReport.of(old, people(3, 0, 0.96, 0.02), 400).toJson().path("columns").path("city").path("bins");
        assertEquals(2, bins.size(), bins.toString());
        assertEquals("A", bins.get(0).path("bin").asText());
        assertEquals("(2 rare values)", bins.get(1).path("bin").asText());
    }
}
