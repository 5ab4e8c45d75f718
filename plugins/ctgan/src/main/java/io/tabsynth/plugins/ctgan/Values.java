package io.tabsynth.plugins.ctgan;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An array's values in a plain Java array, for the loops the networks write in Java: batch normalisation,
 * activations and their derivatives each become one pass over the values instead of a chain of small array
 * operations that each read and write all of the memory. Values move to and from ND4J by bulk copies and keep
 * the array's type: training runs in float, the gradient checks in double, through the same loops (arithmetic
 * is done in double either way).
 */
abstract sealed class Values permits Values.Floats, Values.Doubles {
    /** A copy of the values of {@code a} (any layout), row after row. */
    static Values of(INDArray a) {
        INDArray c = a.isView() || a.ordering() != 'c' || a.offset() != 0 ? a.dup('c') : a;
        Values v = zeros(c.dataType(), Math.toIntExact(c.length()));
        v.load(c);
        return v;
    }

    /** {@code n} zeros of {@code type} (float or double). */
    static Values zeros(DataType type, int n) {
        if (type == DataType.FLOAT) {
            return new Floats(new float[n]);
        }
        if (type == DataType.DOUBLE) {
            return new Doubles(new double[n]);
        }
        throw new IllegalArgumentException("the networks compute in float or double, not " + type);
    }

    /** A 1 × n array of {@code type} holding {@code v}. */
    static INDArray row(DataType type, double[] v) {
        Values r = zeros(type, v.length);
        for (int i = 0; i < v.length; i++) {
            r.set(i, v[i]);
        }
        return r.matrix(1, v.length);
    }

    /** A new rows × columns float array holding {@code v} (in the current workspace, if any). */
    static INDArray matrix(float[] v, long rows, long columns) {
        return new Floats(v).matrix(rows, columns);
    }

    /**
     * 1 for +0 and positive x, 0 for −0 and negative x, without a branch: activations' signs are as good as
     * random, so a branch would be mispredicted half the time, and a loop without one can be vectorised.
     */
    static double step(double x) {
        return Math.copySign(0.5, x) + 0.5;
    }

    abstract double get(int i);

    abstract void set(int i, double v);

    abstract int length();

    abstract DataType type();

    /** All values as doubles (a copy). */
    final double[] toDoubles() {
        double[] d = new double[length()];
        for (int i = 0; i < d.length; i++) {
            d[i] = get(i);
        }
        return d;
    }

    /** Copies {@code length} values from position {@code from} into {@code to} (of the same type) at {@code at}. */
    abstract void copy(int from, Values to, int at, int length);

    /** A new rows × columns array with these values (in the current workspace, if any). */
    final INDArray matrix(long rows, long columns) {
        INDArray a = Nd4j.createUninitialized(type(), new long[] {rows, columns}, 'c');
        store(a);
        return a;
    }

    /** Copies these values into {@code a}, a contiguous row-major array of the same type and length. */
    final void store(INDArray a) {
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0 || a.dataType() != type() || a.length() != length()) {
            throw new IllegalArgumentException("cannot store " + length() + " " + type() + " values in "
                    + a.shapeInfoToString());
        }
        save(a);
    }

    abstract void save(INDArray a);

    abstract void load(INDArray a);

    /** Float values. */
    static final class Floats extends Values {
        private final float[] v;

        Floats(float[] v) {
            this.v = v;
        }

        @Override
        double get(int i) {
            return v[i];
        }

        @Override
        void set(int i, double x) {
            v[i] = (float) x;
        }

        @Override
        int length() {
            return v.length;
        }

        @Override
        DataType type() {
            return DataType.FLOAT;
        }

        @Override
        void copy(int from, Values to, int at, int length) {
            System.arraycopy(v, from, ((Floats) to).v, at, length);
        }

        @Override
        void save(INDArray a) {
            a.data().asNioFloat().put(0, v);
        }

        @Override
        void load(INDArray a) {
            a.data().asNioFloat().get(0, v);
        }
    }

    /** Double values. */
    static final class Doubles extends Values {
        private final double[] v;

        Doubles(double[] v) {
            this.v = v;
        }

        @Override
        double get(int i) {
            return v[i];
        }

        @Override
        void set(int i, double x) {
            v[i] = x;
        }

        @Override
        int length() {
            return v.length;
        }

        @Override
        DataType type() {
            return DataType.DOUBLE;
        }

        @Override
        void copy(int from, Values to, int at, int length) {
            System.arraycopy(v, from, ((Doubles) to).v, at, length);
        }

        @Override
        void save(INDArray a) {
            a.data().asNioDouble().put(0, v);
        }

        @Override
        void load(INDArray a) {
            a.data().asNioDouble().get(0, v);
        }
    }
}
