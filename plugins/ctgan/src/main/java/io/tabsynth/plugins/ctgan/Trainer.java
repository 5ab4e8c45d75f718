package io.tabsynth.plugins.ctgan;

import io.tabsynth.engine.BadInputException;
import io.tabsynth.engine.data.Frame;
import io.tabsynth.engine.random.Rng;
import io.tabsynth.engine.random.Seeds;
import io.tabsynth.engine.spi.Progress;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * CTGAN training (Xu et al. 2019, Algorithm 1): per step, a critic update on a conditional batch of real rows
 * and generated rows (WGAN loss plus gradient penalty on PacGAN groups), then a generator update (critic score
 * plus the cross-entropy of the conditioned column). Every random choice flows from the seed.
 */
final class Trainer {
    static final DataType TYPE = DataType.FLOAT;

    private final Settings s;
    private final DataTransformer transformer;
    private final ConditionalSampler sampler;
    /** The encoded training rows, row after row. */
    private final float[] data;
    private final int rows;
    private final Generator generator;
    private final Critic critic;
    private final Adam gOpt;
    private final Adam dOpt;
    private final long seed;
    /** This epoch's random numbers: each epoch draws from its own stream, so training can resume at any epoch. */
    private Rng rng;
    final List<double[]> losses = new ArrayList<>();
    /** Seconds spent fitting the data encoding (0 when it came from a checkpoint) and in each epoch run here. */
    final double encodingSeconds;
    final List<Double> epochSeconds = new ArrayList<>();

    Trainer(Frame frame, Settings s, long seed) {
        this(frame, s, seed, null);
    }

    /** A trainer; {@code encoding} is the data encoding to use, or null to fit one. */
    Trainer(Frame frame, Settings s, long seed, DataTransformer encoding) {
        if (s.batch() % s.pac() != 0) {
            throw new BadInputException("ctgan parameter 'batchSize' (" + s.batch() + ") must be a multiple of 'pac' ("
                    + s.pac() + ")");
        }
        this.s = s;
        this.seed = seed;
        this.rng = epochRng(0);
        long t0 = System.nanoTime();
        this.transformer = encoding != null ? encoding : DataTransformer.fit(frame, s.maxModes());
        this.encodingSeconds = encoding != null ? 0 : (System.nanoTime() - t0) / 1e9;
        this.sampler = new ConditionalSampler(transformer, frame);
        this.rows = frame.rowCount();
        double[] encoded = transformer.encode(frame, new Rng(Seeds.derive(seed, "ctgan-modes")));
        this.data = new float[encoded.length];
        for (int i = 0; i < encoded.length; i++) {
            data[i] = (float) encoded[i];
        }
        int cond = transformer.condDimensions();
        Rng init = new Rng(Seeds.derive(seed, "ctgan-init"));
        this.generator = new Generator(s.embedding() + cond, new int[] {s.width(), s.width()}, transformer.spans(),
                s.tau(), TYPE, init);
        this.critic = new Critic(s.pac() * (transformer.dimensions() + cond), s.width(), 0.5, TYPE, init);
        this.gOpt = new Adam(generatorParams(generator), s.lr(), 0.5, 0.9, s.decay());
        this.dOpt = new Adam(List.of(critic.w1, critic.b1, critic.w2, critic.b2, critic.w3, critic.b3), s.lr(), 0.5,
                0.9, s.decay());
    }

    static List<INDArray> generatorParams(Generator g) {
        List<INDArray> p = new ArrayList<>();
        for (Generator.Block b : g.blocks) {
            p.addAll(List.of(b.w, b.b, b.gamma, b.beta));
        }
        p.add(g.wOut);
        p.add(g.bOut);
        return p;
    }

    private Rng epochRng(int epoch) {
        return new Rng(Seeds.derive(seed, "ctgan-epoch-" + epoch));
    }

    /** The critic's parameters, in a fixed order. */
    List<INDArray> criticParams() {
        return List.of(critic.w1, critic.b1, critic.w2, critic.b2, critic.w3, critic.b3);
    }

    /** The generator's weights and batch-norm statistics (what sampling needs). */
    List<INDArray> generatorState() {
        List<INDArray> all = new ArrayList<>(generatorParams(generator));
        for (Generator.Block b : generator.blocks) {
            all.add(b.runningMean);
            all.add(b.runningVar);
        }
        return all;
    }

    /** Everything a checkpoint holds besides the encoding: weights, running statistics and optimiser moments. */
    List<INDArray> state() {
        List<INDArray> all = generatorState();
        all.addAll(criticParams());
        all.addAll(gOpt.state());
        all.addAll(dOpt.state());
        return all;
    }

    /** Optimiser steps taken: generator, critic. */
    int[] steps() {
        return new int[] {gOpt.steps(), dOpt.steps()};
    }

    /** Puts back a {@link #state()} and the losses of the epochs it had trained. */
    void restore(List<INDArray> state, int[] steps, List<double[]> epochLosses) {
        List<INDArray> mine = state();
        if (state.size() != mine.size()) {
            throw new IllegalArgumentException("checkpoint holds " + state.size() + " arrays, the networks need "
                    + mine.size());
        }
        for (int i = 0; i < mine.size(); i++) {
            if (!java.util.Arrays.equals(mine.get(i).shape(), state.get(i).shape())) {
                throw new IllegalArgumentException("checkpoint array " + i + " has shape "
                        + java.util.Arrays.toString(state.get(i).shape()) + ", the networks need "
                        + java.util.Arrays.toString(mine.get(i).shape()));
            }
        }
        int g = generatorState().size() + criticParams().size();
        for (int i = 0; i < g; i++) {
            mine.get(i).assign(state.get(i));
        }
        int gm = 2 * generatorParams(generator).size();
        gOpt.restore(state.subList(g, g + gm), steps[0]);
        dOpt.restore(state.subList(g + gm, state.size()), steps[1]);
        losses.clear();
        losses.addAll(epochLosses);
    }

    Settings settings() {
        return s;
    }

    DataTransformer transformer() {
        return transformer;
    }

    ConditionalSampler sampler() {
        return sampler;
    }

    Generator generator() {
        return generator;
    }

    /**
     * Trains from the epoch after the last one done (none, or those restored from a checkpoint) up to the
     * configured epochs, reporting each with its losses to {@code progress}; after every epoch {@code afterEpoch}
     * runs (checkpoints) and {@code stopping}, when given, may end training early and put its best generator back.
     */
    void train(Progress progress, java.util.function.IntConsumer afterEpoch, EarlyStopping stopping) {
        progress.start("training ctgan", s.epochs());
        progress.advance(losses.size());
        for (int e = losses.size(); e < s.epochs(); e++) {
            long t0 = System.nanoTime();
            double[] l = epoch(e);
            epochSeconds.add((System.nanoTime() - t0) / 1e9);
            losses.add(l);
            progress.status(String.format(java.util.Locale.ROOT, "epoch %d: generator %.3f, critic %.3f", e + 1,
                    l[0], l[1]));
            progress.advance(1);
            afterEpoch.accept(e + 1);
            if (stopping != null && stopping.stop(e + 1, this)) {
                break;
            }
        }
        if (stopping != null) {
            stopping.restoreBest(this);
        }
        progress.finish();
    }

    /** One pass over the data: as many steps as batches fit in it. Returns the mean generator and critic loss. */
    double[] epoch(int e) {
        rng = epochRng(e);
        int steps = Math.max(1, rows / s.batch());
        double gl = 0;
        double dl = 0;
        for (int k = 0; k < steps; k++) {
            dl += criticStep();
            gl += generatorStep();
        }
        return new double[] {gl / steps, dl / steps};
    }

    /** Noise plus conditional vectors for a batch; fills {@code draws} (null entries when nothing is discrete). */
    private INDArray input(ConditionalSampler.Draw[] draws, INDArray[] cond) {
        int b = draws.length;
        double[] z = new double[b * s.embedding()];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        INDArray noise = Nd4j.create(z, new long[] {b, s.embedding()}, 'c').castTo(TYPE);
        int c = sampler.condDimensions();
        if (!sampler.active()) {
            cond[0] = null;
            return noise;
        }
        double[] cv = new double[b * c];
        for (int i = 0; i < b; i++) {
            draws[i] = sampler.train(rng);
            sampler.fill(cv, i * c, draws[i]);
        }
        cond[0] = Nd4j.create(cv, new long[] {b, c}, 'c').castTo(TYPE);
        return Nd4j.hstack(noise, cond[0]);
    }

    private INDArray withCond(INDArray x, INDArray cond) {
        return cond == null ? x : Nd4j.hstack(x, cond);
    }

    private INDArray packed(INDArray x) {
        return x.reshape('c', x.rows() / s.pac(), x.columns() * s.pac());
    }

    /**
     * Arrays made during a step live in a reused workspace: ND4J otherwise allocates native memory for each of
     * the step's many intermediate arrays. Parameters and optimiser state live outside it and change in place.
     */
    private static final org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration STEP = org.nd4j.linalg.api.memory.conf
            .WorkspaceConfiguration.builder().initialSize(0)
            .policyLearning(org.nd4j.linalg.api.memory.enums.LearningPolicy.FIRST_LOOP)
            .policyAllocation(org.nd4j.linalg.api.memory.enums.AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyReset(org.nd4j.linalg.api.memory.enums.ResetPolicy.BLOCK_LEFT).build();

    private double criticStep() {
        try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "ctgan-critic")) {
            return criticStepIn();
        }
    }

    private double generatorStep() {
        try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "ctgan-generator")) {
            return generatorStepIn();
        }
    }

    private double criticStepIn() {
        int b = s.batch();
        ConditionalSampler.Draw[] draws = new ConditionalSampler.Draw[b];
        INDArray[] cond = new INDArray[1];
        INDArray in = input(draws, cond);
        int dims = transformer.dimensions();
        float[] picked = new float[b * dims];
        for (int i = 0; i < b; i++) {
            int row = draws[i] != null ? draws[i].row() : rng.nextInt(rows);
            System.arraycopy(data, row * dims, picked, i * dims, dims);
        }
        INDArray real = packed(withCond(Nd4j.create(picked, new long[] {b, dims}, 'c'), cond[0]));
        INDArray fake = packed(withCond(generator.forward(in, rng, true).output(), cond[0]));
        // real and fake groups through the critic together: one pass of twice the rows, with the loss
        // mean D(fake) - mean D(real) as the scores' weights
        long m = real.rows();
        Critic.Pass both = critic.forward(Nd4j.vstack(real, fake), rng);
        INDArray dy = Nd4j.vstack(Nd4j.valueArrayOf(new long[] {m, 1}, -1.0 / m, TYPE),
                Nd4j.valueArrayOf(new long[] {m, 1}, 1.0 / m, TYPE));
        Critic.Gradients grads = critic.backward(both, dy, null);
        double loss = both.y().mul(dy).sumNumber().doubleValue();
        double[] a = new double[(int) m];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble();
        }
        INDArray alpha = Nd4j.create(a, new long[] {m, 1}, 'c').castTo(TYPE);
        INDArray mixed = real.mulColumnVector(alpha).addi(fake.mulColumnVector(alpha.rsub(1)));
        double penalty = critic.penalty(critic.forward(mixed, rng), s.lambda(), grads);
        dOpt.step(List.of(grads.w1(), grads.b1(), grads.w2(), grads.b2(), grads.w3(), grads.b3()));
        return loss + penalty;
    }

    private double generatorStepIn() {
        int b = s.batch();
        ConditionalSampler.Draw[] draws = new ConditionalSampler.Draw[b];
        INDArray[] cond = new INDArray[1];
        INDArray in = input(draws, cond);
        Generator.Pass gp = generator.forward(in, rng, true);
        INDArray fake = packed(withCond(gp.output(), cond[0]));
        Critic.Pass pf = critic.forward(fake, rng);
        long m = fake.rows();
        INDArray dx = critic.inputBackward(pf, Nd4j.valueArrayOf(new long[] {m, 1}, -1.0 / m, TYPE));
        int dims = transformer.dimensions();
        INDArray dOut = dx.reshape('c', b, dims + sampler.condDimensions())
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, dims)).dup();
        double ce = 0;
        INDArray dLogits = null;
        if (sampler.active()) {
            double[] logits = gp.logits().castTo(DataType.DOUBLE).data().asDouble();
            double[] dl = new double[b * dims];
            for (int i = 0; i < b; i++) {
                DataTransformer.Discrete d = sampler.discrete().get(draws[i].discrete());
                int off = i * dims + d.offset();
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < d.categories(); j++) {
                    max = Math.max(max, logits[off + j]);
                }
                double sum = 0;
                for (int j = 0; j < d.categories(); j++) {
                    sum += Math.exp(logits[off + j] - max);
                }
                for (int j = 0; j < d.categories(); j++) {
                    double p = Math.exp(logits[off + j] - max) / sum;
                    dl[off + j] = (p - (j == draws[i].category() ? 1 : 0)) / b;
                }
                ce -= logits[off + draws[i].category()] - max - Math.log(sum);
            }
            dLogits = Nd4j.create(dl, new long[] {b, dims}, 'c').castTo(TYPE);
        }
        Generator.Gradients g = generator.backward(gp, dOut, dLogits);
        List<INDArray> grads = new ArrayList<>();
        for (INDArray[] blk : g.blocks()) {
            grads.addAll(List.of(blk));
        }
        grads.add(g.wOut());
        grads.add(g.bOut());
        gOpt.step(grads);
        return -pf.y().meanNumber().doubleValue() + ce / b;
    }
}
