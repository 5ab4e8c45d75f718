package io.tabsynth.spi.privacy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import io.tabsynth.spi.privacy.RandomBits;
import io.tabsynth.spi.privacy.Rational;
import io.tabsynth.spi.privacy.ZcdpAccountant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The domain release another generator calls: what it releases and what it charges. */
class DomainReleaseTest {
    private static final int ROWS = 20_000;

    private static Frame ages() {
        double[] age = new double[ROWS];
        String[] job = new String[ROWS];
        for (int r = 0; r < ROWS; r++) {
            age[r] = 18 + r % 70;
            job[r] = r == 0 ? "astronaut" : (r % 3 == 0 ? "clerk" : "nurse");
        }
        Table t = Table.create("t", DoubleColumn.create("age", age), StringColumn.create("job", job));
        return Frame.of(t, Schema.of(ColumnSpec.of("age", ColumnKind.CONTINUOUS),
                ColumnSpec.of("job", ColumnKind.CATEGORICAL)));
    }

    @Test
    void boundsAndCategoriesAreReleasedAndChargedToTheGivenAccountant() {
        Frame data = ages();
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.ONE, 1e-6);
        Rational rho = Rational.parse("0.01");
        DomainRelease release = new DomainRelease(accountant, RandomBits.seeded(3), rho, 1e-7, 16, Map.of());

        NumericDomain age = (NumericDomain) release.release(data, 0);
        // the 2% and 98% quantiles are about 19.4 and 86.6; the grid's points are 12% apart
        assertTrue(age.low() > 15 && age.low() < 23, "low bound " + age.low());
        assertTrue(age.high() > 75 && age.high() < 100, "high bound " + age.high());
        assertEquals(16 + 3, age.size(), "16 bins, a cell at each bound, missing");

        CategoryDomain job = (CategoryDomain) release.release(data, 1);
        assertEquals(List.of("clerk", "nurse"), job.categories());
        assertFalse(job.categories().contains("astronaut"), "a category of one row is not released");

        assertEquals(3, accountant.calls().size());
        Rational planned = rho.multiply(Rational.of(3));
        assertTrue(accountant.rho().compareTo(planned) <= 0, "never more than the rho given: " + accountant.rho());
        assertEquals(planned.doubleValue(), accountant.rho().doubleValue(), 1e-5 * planned.doubleValue(),
                "each mechanism costs the rho given, rounded to six digits");
        assertEquals(2, DomainRelease.calls(data.schema().column(0)));
        assertEquals(1, DomainRelease.calls(data.schema().column(1)));
    }

    @Test
    void aSavedDomainReadsBackTheSame() {
        Frame data = ages();
        DomainRelease release = new DomainRelease(new ZcdpAccountant(Rational.ONE, 1e-6), RandomBits.seeded(4),
                Rational.parse("0.01"), 1e-7, 16, Map.of());
        for (int c = 0; c < 2; c++) {
            ColumnDomain domain = release.release(data, c);
            ColumnDomain back = ColumnDomain.fromJson(domain.spec(), domain.toJson());
            assertEquals(domain.toJson(), back.toJson());
            assertEquals(domain.describe(), back.describe());
        }
    }

    @Test
    void declaredDomainsCostNothingClipNumbersAndPutOtherValuesInTheRestCell() {
        Frame data = ages();
        ZcdpAccountant accountant = new ZcdpAccountant(Rational.ONE, 1e-6);
        Map<String, DeclaredDomain> declared = Map.of("age", DeclaredDomain.bounds(30, 60),
                "job", DeclaredDomain.categories(List.of("nurse", "astronaut", "pilot")));
        DomainRelease release = new DomainRelease(accountant, RandomBits.seeded(5), Rational.parse("0.01"), 1e-7, 15,
                declared);
        assertEquals(0, DomainRelease.calls(data.schema().column(0), declared.get("age")));
        assertFalse(DomainRelease.selects(data.schema().column(1), declared.get("job")));

        NumericDomain age = (NumericDomain) release.release(data, 0);
        assertEquals(30, age.low());
        assertEquals(60, age.high());
        assertTrue(age.describe().contains("bounds declared public"), age.describe());
        assertEquals(0, age.cell(18), "below the declared bounds: the low bound's cell");
        assertEquals(age.size() - 2, age.cell(87), "above: the high bound's cell");

        CategoryDomain job = (CategoryDomain) release.release(data, 1);
        assertEquals(List.of("nurse", "astronaut", "pilot"), job.categories());
        int[] cells = job.cells(data, 1);
        assertEquals(1, cells[0], "the declared category held by one row has its own cell");
        assertEquals(3, cells[3], "clerk, not declared, is in the cell of the rest");
        assertTrue(accountant.calls().isEmpty(), "declared domains spend nothing");
    }
}
