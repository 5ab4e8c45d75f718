package io.tabsynth.plugins.ctgan;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products straight through BLAS {@code gemm} into a new row-major array. ND4J's {@code mmul} goes
 * through its generic matmul op, which on the networks' shapes was two to four times slower, and slower still
 * with a transposed operand; the transposes here are BLAS flags, never copies.
 */
final class Gemm {
    private Gemm() {
    }

    /** a · b */
    static INDArray nn(INDArray a, INDArray b) {
        return product(a, false, b, false);
    }

    /** aᵀ · b */
    static INDArray tn(INDArray a, INDArray b) {
        return product(a, true, b, false);
    }

    /** a · bᵀ */
    static INDArray nt(INDArray a, INDArray b) {
        return product(a, false, b, true);
    }

    /** a · bᵀ + c, into c */
    static INDArray nt(INDArray a, INDArray b, INDArray c) {
        return product(a, false, b, true, c);
    }

    private static INDArray product(INDArray a, boolean ta, INDArray b, boolean tb) {
        return product(a, ta, b, tb, null);
    }

    /** The product, added to {@code c} in place when given, else into a new array. */
    private static INDArray product(INDArray a, boolean ta, INDArray b, boolean tb, INDArray c) {
        long rows = ta ? a.columns() : a.rows();
        long inner = ta ? a.rows() : a.columns();
        long cols = tb ? b.rows() : b.columns();
        if (inner != (tb ? b.columns() : b.rows())) {
            throw new IllegalArgumentException("cannot multiply " + a.shapeInfoToString() + (ta ? "ᵀ" : "") + " by "
                    + b.shapeInfoToString() + (tb ? "ᵀ" : ""));
        }
        if (c == null) {
            return Nd4j.gemm(a, b, Nd4j.createUninitialized(a.dataType(), new long[] {rows, cols}, 'c'), ta, tb, 1.0,
                    0.0);
        }
        if (c.rows() != rows || c.columns() != cols) {
            throw new IllegalArgumentException("cannot add a " + rows + " × " + cols + " product to "
                    + c.shapeInfoToString());
        }
        return Nd4j.gemm(a, b, c, ta, tb, 1.0, 1.0);
    }
}
