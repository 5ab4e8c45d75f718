package io.tabsynth.spi.privacy.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A category domain describes itself in plain words, in the singular for one category. */
class CategoryDomainTest {
    private static final ColumnSpec DIAGNOSIS = ColumnSpec.of("diagnosis", ColumnKind.CATEGORICAL);

    @Test
    void oneCategoryIsSingularAndTwoArePlural() {
        assertEquals("1 category (declared public), and missing",
                new CategoryDomain(DIAGNOSIS, List.of("flu"), false, "declared public").describe());
        assertEquals("2 categories (declared public) and a cell for the rest, and missing",
                new CategoryDomain(DIAGNOSIS, List.of("flu", "cold"), true, "declared public").describe());
    }
}
