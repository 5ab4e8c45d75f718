package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.BadInputException;
import io.tabsynth.spi.Progress;
import io.tabsynth.spi.data.Frame;
import io.tabsynth.spi.io.DaemonPool;
import io.tabsynth.spi.random.Rng;
import io.tabsynth.spi.random.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CTGAN training (Xu et al. 2019, Algorithm 1): per step, a critic update on a conditional batch of real rows
 * and generated rows (WGAN loss plus gradient penalty on PacGAN groups), then a generator update (critic score
 * plus the cross-entropy of the conditioned column). Every random choice flows from the seed.
 */
final class Trainer {
    static final DataType TYPE = DataType.FLOAT;
    /** The generator's residual blocks, as in the paper (the critic's two hidden layers are {@link Critic}'s shape). */
    static final int RESIDUAL_BLOCKS = 2;
    /** Batches of training draws on which the averaged generator's batch-norm statistics are measured. */
    static final int CALIBRATION_BATCHES = 20;
    /**
     * Early in training the running average's decay is capped at (1 + t) / (AVERAGING_WARM_UP + t) after
     * step t, so that
     * the first steps' weights fade out in short runs.
     */
    static final double AVERAGING_WARM_UP = 10;

    private final Settings s;
    private final DataTransformer transformer;
    private final ConditionalSampler sampler;
    /** The encoded training rows, row after row. */
    private final float[] data;
    private final int rows;
    private final GeneratorNetwork generator;
    /** The running average of the generator's weights, which sampling uses; null when averaging is off. */
    private final GeneratorNetwork averaged;
    /** Whether the averaged generator's batch-norm statistics belong to its current weights. */
    private boolean calibrated;
    private final Critic critic;
    private final Adam gOpt;
    private final Adam dOpt;
    private final long seed;
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
        this.generator = newGenerator(init);
        this.critic = new Critic(s.pac() * (transformer.dimensions() + cond), s.width(), s.dropout(), s.slope(), TYPE,
                init);
        this.averaged = s.averaging() > 0 ? newGenerator(new Rng(0)) : null;
        if (averaged != null) {
            List<INDArray> from = generatorParams(generator);
            List<INDArray> to = generatorParams(averaged);
            for (int i = 0; i < from.size(); i++) {
                to.get(i).assign(from.get(i));
            }
        }
        this.gOpt = new Adam(generatorParams(generator), s.lr(), s.beta1(), s.beta2(), s.decay());
        this.dOpt = new Adam(criticParams(), s.lr(), s.beta1(), s.beta2(), s.decay());
    }

    private GeneratorNetwork newGenerator(Rng rng) {
        return new GeneratorNetwork(s.embedding() + transformer.condDimensions(), blockWidths(),
                transformer.spans(), s.tau(), TYPE, rng);
    }

    /** Every residual block of the generator is {@code width} wide. */
    private int[] blockWidths() {
        int[] widths = new int[RESIDUAL_BLOCKS];
        java.util.Arrays.fill(widths, s.width());
        return widths;
    }

    static List<INDArray> generatorParams(GeneratorNetwork g) {
        List<INDArray> p = new ArrayList<>();
        for (ResidualBlock b : g.blocks) {
            p.addAll(List.of(b.w, b.b, b.gamma, b.beta));
        }
        p.add(g.wOut);
        p.add(g.bOut);
        return p;
    }

    /** Each epoch draws from its own stream, so training can resume at any epoch. */
    private Rng epochRng(int epoch) {
        return new Rng(Seeds.derive(seed, "ctgan-epoch-" + epoch));
    }

    /** The critic's parameters, in a fixed order. */
    List<INDArray> criticParams() {
        return List.of(critic.w1, critic.b1, critic.w2, critic.b2, critic.w3, critic.b3);
    }

    /** The generator's weights and batch-norm statistics (what sampling needs). */
    List<INDArray> generatorState() {
        return state(generator);
    }

    private static List<INDArray> state(GeneratorNetwork g) {
        List<INDArray> all = new ArrayList<>(generatorParams(g));
        for (ResidualBlock b : g.blocks) {
            all.add(b.runningMean);
            all.add(b.runningVar);
        }
        return all;
    }

    /** The weights and batch-norm statistics of the generator that sampling uses (the averaged one, if on). */
    List<INDArray> samplingState() {
        return state(sampling());
    }

    /**
     * Everything a checkpoint holds besides the encoding: weights, running statistics, the averaged weights (when
     * averaging) and optimiser moments.
     */
    List<INDArray> state() {
        List<INDArray> all = generatorState();
        all.addAll(criticParams());
        if (averaged != null) {
            all.addAll(generatorParams(averaged));
        }
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
        int g = generatorState().size() + criticParams().size() + (averaged == null ? 0 : generatorParams(averaged).size());
        for (int i = 0; i < g; i++) {
            mine.get(i).assign(state.get(i));
        }
        calibrated = false;
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

    GeneratorNetwork generator() {
        return generator;
    }

    /**
     * The generator to sample from: the running average of the weights, its batch-norm statistics measured
     * afresh on {@link #CALIBRATION_BATCHES} batches of the training draws, when averaging is on; otherwise the
     * last weights.
     */
    GeneratorNetwork sampling() {
        if (averaged == null) {
            return generator;
        }
        if (!calibrated) {
            Rng rng = new Rng(Seeds.derive(seed, "ctgan-calibrate"));
            List<INDArray> inputs = new ArrayList<>();
            for (int k = 0; k < CALIBRATION_BATCHES; k++) {
                inputs.add(input(batch(rng)));
            }
            averaged.calibrate(inputs);
            calibrated = true;
        }
        return averaged;
    }

    /**
     * Moves the averaged weights towards the generator's after its step {@code t}: by 1 − β with β the
     * configured decay, capped at (1 + t) / ({@link #AVERAGING_WARM_UP} + t).
     */
    private void average() {
        if (averaged == null) {
            return;
        }
        int t = gOpt.steps();
        double beta = Math.min(s.averaging(), (1.0 + t) / (AVERAGING_WARM_UP + t));
        List<INDArray> from = generatorParams(generator);
        List<INDArray> to = generatorParams(averaged);
        for (int i = 0; i < from.size(); i++) {
            to.get(i).muli(beta).addi(from.get(i).mul(1 - beta));
        }
        calibrated = false;
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
            if (!Double.isFinite(l[0]) || !Double.isFinite(l[1])) {
                throw new BadInputException(String.format(java.util.Locale.ROOT,
                        "ctgan: training diverged in epoch %d (generator loss %s, critic loss %s); try a lower "
                                + "learningRate, or check the data for extreme values", e + 1, l[0], l[1]));
            }
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

    /**
     * One pass over the data: as many steps as batches fit in it. Returns the mean generator and critic loss.
     * The next step's random numbers are drawn on a second thread while the current step computes.
     */
    double[] epoch(int e) {
        Rng rng = epochRng(e);
        int steps = Math.max(1, rows / s.batch());
        double gl = 0;
        double dl = 0;
        try (DaemonPool ahead = DaemonPool.of("ctgan-draws", 1)) {
            Future<StepDraws> next = ahead.submit(() -> draw(rng));
            for (int k = 0; k < steps; k++) {
                StepDraws d = Overlap.join(next);
                if (k + 1 < steps) {
                    next = ahead.submit(() -> draw(rng));
                }
                dl += criticSteps(d);
                gl += generatorStep(d);
                average();
            }
        }
        return new double[] {gl / steps, dl / steps};
    }

    /** One step's random numbers, in a fixed order: each critic update's in turn, then the generator update's. */
    private StepDraws draw(Rng rng) {
        List<StepDraws.CriticDraws> forCritic = new ArrayList<>();
        for (int k = 0; k < s.criticSteps(); k++) {
            forCritic.add(criticDraws(rng));
        }
        StepDraws.Batch forGenerator = batch(rng);
        float[] generatorGumbel = generator.gumbel(rng, s.batch());
        Critic.Masks generated = critic.masks(rng, s.batch() / s.pac());
        return new StepDraws(forCritic, forGenerator, generatorGumbel, generated);
    }

    /** One critic update's random numbers, in a fixed order. */
    private StepDraws.CriticDraws criticDraws(Rng rng) {
        int b = s.batch();
        int groups = b / s.pac();
        StepDraws.Batch forCritic = batch(rng);
        int dims = transformer.dimensions();
        int c = sampler.condDimensions();
        float[] real = new float[b * (dims + c)];
        for (int i = 0; i < b; i++) {
            ConditionalSampler.Draw d = forCritic.draws()[i];
            int row = d != null ? d.row() : rng.nextInt(rows);
            System.arraycopy(data, row * dims, real, i * (dims + c), dims);
            System.arraycopy(forCritic.cond(), i * c, real, i * (dims + c) + dims, c);
        }
        float[] gumbel = generator.gumbel(rng, b);
        Critic.Masks both = critic.masks(rng, 2 * groups);
        float[] alpha = new float[groups];
        for (int i = 0; i < groups; i++) {
            alpha[i] = (float) rng.nextDouble();
        }
        Critic.Masks mixed = critic.masks(rng, groups);
        return new StepDraws.CriticDraws(forCritic, real, gumbel, both, alpha, mixed);
    }

    /** Noise, then a conditional draw per row (none when nothing is discrete). */
    private StepDraws.Batch batch(Rng rng) {
        int b = s.batch();
        int e = s.embedding();
        int c = sampler.condDimensions();
        float[] input = new float[b * (e + c)];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < e; j++) {
                input[i * (e + c) + j] = (float) rng.nextGaussian();
            }
        }
        float[] cond = new float[b * c];
        ConditionalSampler.Draw[] draws = new ConditionalSampler.Draw[b];
        if (sampler.active()) {
            for (int i = 0; i < b; i++) {
                draws[i] = sampler.train(rng);
                sampler.fill(cond, i * c, draws[i]);
                System.arraycopy(cond, i * c, input, i * (e + c) + e, c);
            }
        }
        return new StepDraws.Batch(input, cond, draws);
    }

    /** {@code x} with the batch's conditional vectors appended to each row. */
    private INDArray withCond(INDArray x, StepDraws.Batch batch) {
        int c = sampler.condDimensions();
        return c == 0 ? x : Nd4j.hstack(x, Values.matrix(batch.cond(), x.rows(), c));
    }

    private INDArray input(StepDraws.Batch batch) {
        return Values.matrix(batch.input(), s.batch(), s.embedding() + sampler.condDimensions());
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

    /** The step's critic updates, one after the other; returns their mean loss. */
    private double criticSteps(StepDraws d) {
        List<StepDraws.CriticDraws> updates = d.critic();
        double sum = criticStep(updates.get(0));
        for (int k = 1; k < updates.size(); k++) {
            sum += criticStep(updates.get(k));
        }
        return sum / updates.size();
    }

    private double criticStep(StepDraws.CriticDraws d) {
        try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "ctgan-critic")) {
            return criticStepIn(d);
        }
    }

    private double generatorStep(StepDraws d) {
        try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, "ctgan-generator")) {
            return generatorStepIn(d);
        }
    }

    private double criticStepIn(StepDraws.CriticDraws d) {
        int b = s.batch();
        int width = transformer.dimensions() + sampler.condDimensions();
        INDArray real = packed(Values.matrix(d.real(), b, width));
        INDArray fake = packed(withCond(generator.forward(input(d.batch()), d.gumbel(), true).output(), d.batch()));
        // real and fake groups through the critic together: one pass of twice the rows, with the loss
        // mean D(fake) - mean D(real) as the scores' weights
        long m = real.rows();
        Critic.Pass both = critic.forward(Nd4j.vstack(real, fake), d.both());
        INDArray dy = Nd4j.vstack(Nd4j.valueArrayOf(new long[] {m, 1}, -1.0 / m, TYPE),
                Nd4j.valueArrayOf(new long[] {m, 1}, 1.0 / m, TYPE));
        // the pass's backward runs on the second thread beside the gradient penalty's pass
        Future<Critic.Gradients> backward = Overlap.start(() -> critic.backward(both, dy, null));
        double loss = both.y().mul(dy).sumNumber().doubleValue();
        INDArray alpha = Values.matrix(d.alpha(), m, 1);
        INDArray mixed = real.mulColumnVector(alpha).addi(fake.mulColumnVector(alpha.rsub(1)));
        Critic.Penalty penalty = critic.penalty(critic.forward(mixed, d.mixed()), s.lambda());
        Critic.Gradients grads = Overlap.join(backward);
        penalty.addTo(grads);
        dOpt.step(List.of(grads.w1(), grads.b1(), grads.w2(), grads.b2(), grads.w3(), grads.b3()));
        return loss + penalty.value();
    }

    private double generatorStepIn(StepDraws d) {
        int b = s.batch();
        ConditionalSampler.Draw[] draws = d.generator().draws();
        GeneratorNetwork.Pass gp = generator.forward(input(d.generator()), d.generatorGumbel(), true);
        INDArray fake = packed(withCond(gp.output(), d.generator()));
        Critic.Pass pf = critic.forward(fake, d.generated());
        long m = fake.rows();
        INDArray dx = critic.inputBackward(pf, Nd4j.valueArrayOf(new long[] {m, 1}, -1.0 / m, TYPE));
        int dims = transformer.dimensions();
        // the generated rows' gradient: the generator's backward reads the first dims columns of each row
        INDArray dOut = dx.reshape('c', b, dims + sampler.condDimensions());
        double ce = 0;
        INDArray dLogits = null;
        if (sampler.active()) {
            Values logits = Values.of(gp.logits());
            float[] dl = new float[b * dims];
            for (int i = 0; i < b; i++) {
                DataTransformer.Discrete col = sampler.discrete().get(draws[i].discrete());
                int off = i * dims + col.offset();
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < col.categories(); j++) {
                    max = Math.max(max, logits.get(off + j));
                }
                double sum = 0;
                for (int j = 0; j < col.categories(); j++) {
                    sum += Math.exp(logits.get(off + j) - max);
                }
                for (int j = 0; j < col.categories(); j++) {
                    double p = Math.exp(logits.get(off + j) - max) / sum;
                    dl[off + j] = (float) ((p - (j == draws[i].category() ? 1 : 0)) / b);
                }
                ce -= logits.get(off + draws[i].category()) - max - Math.log(sum);
            }
            dLogits = Values.matrix(dl, b, dims);
        }
        GeneratorNetwork.Gradients g = generator.backward(gp, dOut, dLogits);
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
