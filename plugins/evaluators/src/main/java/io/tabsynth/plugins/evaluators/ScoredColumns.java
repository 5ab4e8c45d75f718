package io.tabsynth.plugins.evaluators;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.EvaluationInput;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.fidelity.Quality;
import java.util.List;

/**
 * The columns the evaluators score: every column of the schema except identifiers and free text, which must
 * be present in the synthetic data with the same kind (a {@link BadInputException} names the one that is not).
 */
final class ScoredColumns {
    private ScoredColumns() {
    }

    static List<ColumnSpec> of(EvaluationInput input) {
        for (ColumnSpec c : input.schema().columns()) {
            if (!input.synthetic().schema().has(c.name())) {
                throw new BadInputException("the synthetic data has no column '" + c.name() + "'");
            }
            ColumnKind synKind = input.synthetic().schema().column(c.name()).kind();
            if (synKind != c.kind()) {
                throw new BadInputException("column '" + c.name() + "' is " + c.kind().jsonName() + " in the real data but "
                        + synKind.jsonName() + " in the synthetic data");
            }
        }
        return Quality.scored(input.schema());
    }
}
