package io.tabsynth.engine.fairness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.data.ColumnKind;
import io.tabsynth.spi.data.ColumnSpec;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.data.Schema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Largest-remainder allocation, the parsing of --fairness and --rebalance, and the columns they may name. */
class RemediationOptionsTest {
    @Test
    void largestRemainderAddsUpExactlyAndBreaksTiesByOrder() {
        assertArrayEquals(new long[] {501, 500}, LargestRemainder.allocate(1001, new double[] {0.5, 0.5}));
        assertArrayEquals(new long[] {34, 33, 33}, LargestRemainder.allocate(100, new double[] {1, 1, 1}));
        // quotas 12.6, 27.3, 60.1: floors 12, 27, 60 and the one row left goes to the largest remainder, 0.6
        assertArrayEquals(new long[] {13, 27, 60}, LargestRemainder.allocate(100, new double[] {0.126, 0.273, 0.601}));
        assertArrayEquals(new long[] {0, 7}, LargestRemainder.allocate(7, new double[] {0, 0.3}));
    }

    @Test
    void fairnessWordsParseWithQuotedValues() {
        FairnessTarget t = FairnessTarget.parse(List.of("target=income", "positive=' >50K'", "protected=sex"));
        assertEquals(new FairnessTarget("income", " >50K", "sex", 1.0), t);
        assertEquals(" >50K", FairnessTarget.parse(List.of("target=income", "positive= >50K", "protected=sex")).positive());
        assertEquals(0.8, FairnessTarget.parse(List.of("target=y", "positive=1", "protected=g", "ratio=0.8")).ratio());
        BadInputException unknown = assertThrows(BadInputException.class,
                () -> FairnessTarget.parse(List.of("target=y", "positve=1", "protected=g")));
        assertTrue(unknown.getMessage().contains("did you mean 'positive'?"), unknown.getMessage());
        assertThrows(BadInputException.class, () -> FairnessTarget.parse(List.of("target=y", "positive=1", "protected=y")));
        assertThrows(BadInputException.class, () -> FairnessTarget.parse(List.of("target=y", "positive=1", "protected=g",
                "ratio=0")));
    }

    @Test
    void rebalanceParsesEqualAndStatedShares() {
        assertTrue(Rebalance.parse("sex").equalShares());
        assertEquals(Map.of(" Female", 0.5), Rebalance.parse("sex=' Female':0.5").shares());
        Rebalance two = Rebalance.parse("race=' White':0.4,\"a,b:c\":0.1,Other:0.2");
        assertEquals(List.of(" White", "a,b:c", "Other"), List.copyOf(two.shares().keySet()));
        assertEquals(0.1, two.shares().get("a,b:c"));
        assertThrows(BadInputException.class, () -> Rebalance.parse("sex=Female"));
        assertThrows(BadInputException.class, () -> Rebalance.parse("sex=Female:half"));
        assertThrows(BadInputException.class, () -> Rebalance.parse("sex=Female:1.5"));
    }

    private static final Schema LOANS = Schema.of(ColumnSpec.of("sex", ColumnKind.CATEGORICAL),
            ColumnSpec.of("income", ColumnKind.INTEGER), ColumnSpec.of("score", ColumnKind.CONTINUOUS),
            ColumnSpec.of("approved", ColumnKind.BOOLEAN));

    @Test
    void numericColumnsAreRefusedFromTheSchemaAloneAsNotCategorical() {
        Remediation parity = Remediation.of(FairnessTarget.parse(List.of("target=income", "positive=50000",
                "protected=sex")), null);
        BadInputException e = assertThrows(BadInputException.class, () -> parity.checkColumns(LOANS));
        assertTrue(e.getMessage().startsWith("--fairness target 'income' is not categorical: it is an integer column")
                && e.getMessage().contains("--metadata"), e.getMessage());
        Remediation byIncome = Remediation.of(null, Rebalance.parse("income"));
        e = assertThrows(BadInputException.class, () -> byIncome.checkColumns(LOANS));
        assertTrue(e.getMessage().startsWith("--rebalance 'income' is not categorical"), e.getMessage());
        Remediation byScore = Remediation.of(FairnessTarget.parse(List.of("target=approved", "positive=true",
                "protected=score")), null);
        e = assertThrows(BadInputException.class, () -> byScore.checkColumns(LOANS));
        assertTrue(e.getMessage().startsWith("--fairness protected 'score' is not categorical: it is a continuous"),
                e.getMessage());
        Remediation fine = Remediation.of(FairnessTarget.parse(List.of("target=approved", "positive=true",
                "protected=sex")), Rebalance.parse("sex"));
        assertEquals(0, fine.checkColumns(LOANS));
    }

    @Test
    void disparateImpactIsUndefinedWhenNoGroupHasAPositiveRow() {
        Schema schema = Schema.of(ColumnSpec.of("sex", ColumnKind.CATEGORICAL), ColumnSpec.of("y", ColumnKind.CATEGORICAL));
        tech.tablesaw.api.Table table = tech.tablesaw.api.Table.create(
                tech.tablesaw.api.StringColumn.create("sex", "F", "M", "M"),
                tech.tablesaw.api.StringColumn.create("y", "no", "no", "no"));
        FairnessTarget target = FairnessTarget.parse(List.of("target=y", "positive=yes", "protected=sex"));
        GroupFigures none = GroupFigures.of(Frame.of(table, schema), "sex", target);
        assertNull(none.disparateImpact(), "0/0 is no parity");
        assertEquals(Map.of("F", 0.0, "M", 0.0), none.positiveRates());
        assertTrue(none.recorded().containsKey("positiveRates") && !none.recorded().containsKey("disparateImpact"));
        FairnessTarget no = FairnessTarget.parse(List.of("target=y", "positive=no", "protected=sex"));
        assertEquals(1.0, GroupFigures.of(Frame.of(table, schema), "sex", no).disparateImpact());
    }
}
