package io.tabsynth.plugins.ctgan;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam (Kingma and Ba) with L2 weight decay added to the gradient, as PyTorch's Adam applies
 * {@code weight_decay}: CTGAN uses lr 2e-4, betas (0.5, 0.9), weight decay 1e-6 (the parameters' defaults).
 * One fused loop per parameter over its float buffer, in place: a dozen separate array operations per parameter
 * cost more than the arithmetic.
 */
final class Adam {
    /** Parameters with at least this many elements are updated by all cores. */
    private static final int PARALLEL_FROM = 65_536;
    /** Added to the root of the second moment so that a parameter whose gradients are all zero does not divide by 0. */
    private static final float EPSILON = 1e-8f;

    private final List<INDArray> params;
    /** First and second moment estimates, parameter by parameter. */
    private final List<float[]> m = new ArrayList<>();
    private final List<float[]> v = new ArrayList<>();
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double decay;
    private int t;

    /** Parameters must be float arrays of their own (not views), which is how the networks create them. */
    Adam(List<INDArray> params, double lr, double beta1, double beta2, double decay) {
        for (INDArray p : params) {
            if (p.dataType() != DataType.FLOAT || p.isView() || p.ordering() != 'c' || p.offset() != 0) {
                throw new IllegalArgumentException("Adam needs contiguous float parameters");
            }
            m.add(new float[(int) p.length()]);
            v.add(new float[(int) p.length()]);
        }
        this.params = params;
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.decay = decay;
    }

    /** Steps taken so far. */
    int steps() {
        return t;
    }

    /** The first and second moment estimates, parameter by parameter, as arrays shaped like them (for checkpoints). */
    List<INDArray> state() {
        List<INDArray> s = new ArrayList<>();
        for (List<float[]> moments : List.of(m, v)) {
            for (int i = 0; i < params.size(); i++) {
                s.add(Nd4j.create(moments.get(i).clone(), params.get(i).shape(), 'c'));
            }
        }
        return s;
    }

    /** Restores the moments and the step count saved with {@link #state()} and {@link #steps()}. */
    void restore(List<INDArray> state, int steps) {
        for (int i = 0; i < params.size(); i++) {
            m.set(i, state.get(i).castTo(DataType.FLOAT).dup('c').data().asFloat());
            v.set(i, state.get(params.size() + i).castTo(DataType.FLOAT).dup('c').data().asFloat());
        }
        this.t = steps;
    }

    /** One step with gradients in the order of the parameters. */
    void step(List<INDArray> grads) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float wd = (float) decay;
        float step = (float) (lr / c1);
        float inv2 = (float) (1 / c2);
        for (int i = 0; i < params.size(); i++) {
            INDArray param = params.get(i);
            int n = (int) param.length();
            float[] p = new float[n];
            float[] g = new float[n];
            param.data().asNioFloat().get(0, p);
            contiguous(grads.get(i)).data().asNioFloat().get(0, g);
            float[] mi = m.get(i);
            float[] vi = v.get(i);
            // every element is updated on its own, so splitting the range between threads changes nothing
            int chunks = n < PARALLEL_FROM ? 1 : Runtime.getRuntime().availableProcessors();
            java.util.stream.IntStream range = java.util.stream.IntStream.range(0, chunks);
            (chunks > 1 ? range.parallel() : range).forEach(c -> update(p, g, mi, vi, (int) ((long) n * c / chunks),
                    (int) ((long) n * (c + 1) / chunks), b1, b2, wd, step, inv2));
            param.data().asNioFloat().put(0, p);
        }
    }

    private static void update(float[] p, float[] g, float[] m, float[] v, int from, int to, float b1, float b2,
                               float wd, float step, float inv2) {
        for (int k = from; k < to; k++) {
            float gk = g[k] + wd * p[k];
            float mk = b1 * m[k] + (1 - b1) * gk;
            float vk = b2 * v[k] + (1 - b2) * gk * gk;
            m[k] = mk;
            v[k] = vk;
            p[k] -= step * mk / ((float) Math.sqrt(vk * inv2) + EPSILON);
        }
    }

    private static INDArray contiguous(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        return f.isView() || f.ordering() != 'c' || f.offset() != 0 ? f.dup('c') : f;
    }
}
