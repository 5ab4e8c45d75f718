package io.tabsynth.plugins.ctgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Values moving between ND4J arrays and the fused loops' Java arrays, and the branch-free step. */
class ValuesTest {
    @Test
    void copiesInAndOutOfWorkspaceArraysAndViews() {
        WorkspaceConfiguration conf = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(conf, "values-test-" + type)) {
                INDArray a = Nd4j.arange(12).castTo(type).reshape('c', 3, 4);
                Values v = Values.of(a);
                assertEquals(7.0, v.get(7));
                v.set(7, -2.5);
                INDArray back = v.matrix(3, 4);
                assertEquals(true, back.isAttached(), "made in the active workspace");
                assertEquals(-2.5, back.getDouble(1, 3));
                assertEquals(11.0, back.getDouble(2, 3));
                // a column slice is a view: its values come out row after row
                INDArray view = a.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 3));
                assertArrayEquals(new double[] {1, 2, 5, 6, 9, 10}, Values.of(view).toDoubles());
                Values eight = Values.zeros(type, 8);
                assertThrows(IllegalArgumentException.class, () -> eight.store(back), "12 values, 8 held");
            }
        }
    }

    @Test
    void stepSplitsOnTheSignBitWithoutABranch() {
        assertEquals(1.0, Values.step(0.0));
        assertEquals(0.0, Values.step(-0.0));
        assertEquals(1.0, Values.step(Double.MIN_VALUE));
        assertEquals(0.0, Values.step(-Double.MIN_VALUE));
        assertEquals(1.0, Values.step(3e300));
        assertEquals(0.0, Values.step(-7));
        // ReLU as a · step(a) leaves −0 for negative a, which the backward pass reads as "closed"
        double relu = -3 * Values.step(-3);
        assertEquals(0.0, Values.step(relu));
    }
}
