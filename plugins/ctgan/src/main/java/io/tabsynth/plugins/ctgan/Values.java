package io.tabsynth.plugins.ctgan;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves an array's values between ND4J and plain {@code double[]} for the loops the networks write in Java:
 * batch normalisation, activations and their derivatives each become one pass over a Java array (which the JIT
 * vectorises) instead of a chain of small array operations that each read and write all of the memory. Float
 * arrays are widened on the way out and rounded on the way back; training runs in float, the gradient checks in
 * double, through the same loops.
 */
final class Values {
    private Values() {
    }

    /** A copy of the values of {@code a} (any layout), row after row. */
    static double[] of(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' || a.offset() != 0 ? a.dup('c') : a;
        int n = Math.toIntExact(c.length());
        double[] v = new double[n];
        if (c.dataType() == DataType.DOUBLE) {
            c.data().asNioDouble().get(0, v);
            return v;
        }
        if (c.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the networks compute in float or double, not " + c.dataType());
        }
        float[] f = new float[n];
        c.data().asNioFloat().get(0, f);
        for (int i = 0; i < n; i++) {
            v[i] = f[i];
        }
        return v;
    }

    /** A new rows × columns array of {@code type} with the values {@code v} (in the current workspace, if any). */
    static INDArray matrix(DataType type, double[] v, long rows, long columns) {
        INDArray a = Nd4j.createUninitialized(type, new long[] {rows, columns}, 'c');
        store(v, a);
        return a;
    }

    /** A new rows × columns float array with the values {@code v} (in the current workspace, if any). */
    static INDArray matrix(float[] v, long rows, long columns) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, columns}, 'c');
        check(a, v.length);
        a.data().asNioFloat().put(0, v);
        return a;
    }

    /** Copies {@code v} into {@code a}, a contiguous row-major float or double array of the same length. */
    static void store(double[] v, INDArray a) {
        check(a, v.length);
        if (a.dataType() == DataType.DOUBLE) {
            a.data().asNioDouble().put(0, v);
            return;
        }
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("the networks compute in float or double, not " + a.dataType());
        }
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        FloatBuffer b = a.data().asNioFloat();
        b.put(0, f);
    }

    private static void check(INDArray a, int length) {
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0 || a.length() != length) {
            throw new IllegalArgumentException("cannot store " + length + " values in " + a.shapeInfoToString());
        }
    }

    /**
     * 1 for +0 and positive x, 0 for −0 and negative x, without a branch: activations' signs are as good as
     * random, so a branch would be mispredicted half the time, and a branch-free loop can be vectorised.
     */
    static double step(double x) {
        return Math.copySign(0.5, x) + 0.5;
    }
}
