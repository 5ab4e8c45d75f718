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
    private final INDArray data;
    private final int rows;
    private final Generator generator;
    private final Critic critic;
    private final Adam gOpt;
    private final Adam dOpt;
    private final Rng rng;
    final List<double[]> losses = new ArrayList<>();

    Trainer(Frame frame, Settings s, long seed) {
        if (s.batch() % s.pac() != 0) {
            throw new BadInputException("ctgan parameter 'batchSize' (" + s.batch() + ") must be a multiple of 'pac' ("
                    + s.pac() + ")");
        }
        this.s = s;
        this.rng = new Rng(Seeds.derive(seed, "ctgan-training"));
        this.transformer = DataTransformer.fit(frame, s.maxModes());
        this.sampler = new ConditionalSampler(transformer, frame);
        this.rows = frame.rowCount();
        this.data = Nd4j.create(transformer.encode(frame, new Rng(Seeds.derive(seed, "ctgan-modes"))),
                new long[] {rows, transformer.dimensions()}, 'c').castTo(TYPE);
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

    DataTransformer transformer() {
        return transformer;
    }

    ConditionalSampler sampler() {
        return sampler;
    }

    Generator generator() {
        return generator;
    }

    /** Trains for the configured epochs, reporting each to {@code progress}. */
    void train(Progress progress) {
        int steps = Math.max(1, rows / s.batch());
        progress.start("training ctgan", s.epochs());
        for (int e = 0; e < s.epochs(); e++) {
            double gl = 0;
            double dl = 0;
            for (int k = 0; k < steps; k++) {
                dl += criticStep();
                gl += generatorStep();
            }
            losses.add(new double[] {gl / steps, dl / steps});
            progress.advance(1);
        }
        progress.finish();
    }

    /** One epoch, for timing. */
    void trainEpochForBench() {
        int steps = Math.max(1, rows / s.batch());
        long c = 0;
        long g = 0;
        for (int k = 0; k < steps; k++) {
            long t0 = System.nanoTime();
            criticStep();
            long t1 = System.nanoTime();
            generatorStep();
            c += t1 - t0;
            g += System.nanoTime() - t1;
        }
        System.out.printf("  %d steps: critic %.1f ms/step, generator %.1f ms/step%n", steps, c / 1e6 / steps, g / 1e6 / steps);
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
        int[] idx = new int[b];
        for (int i = 0; i < b; i++) {
            idx[i] = draws[i] != null ? draws[i].row() : rng.nextInt(rows);
        }
        INDArray real = packed(withCond(data.getRows(idx), cond[0]));
        INDArray fake = packed(withCond(generator.forward(in, rng, true).output(), cond[0]));
        Critic.Pass pr = critic.forward(real, rng);
        Critic.Pass pf = critic.forward(fake, rng);
        long m = real.rows();
        Critic.Gradients grads = critic.backward(pf, Nd4j.ones(TYPE, m, 1).divi(m), null);
        grads.add(critic.backward(pr, Nd4j.ones(TYPE, m, 1).divi(-m), null));
        double[] a = new double[(int) m];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble();
        }
        INDArray alpha = Nd4j.create(a, new long[] {m, 1}, 'c').castTo(TYPE);
        INDArray mixed = real.mulColumnVector(alpha).addi(fake.mulColumnVector(alpha.rsub(1)));
        double penalty = critic.penalty(critic.forward(mixed, rng), s.lambda(), grads);
        dOpt.step(List.of(grads.w1(), grads.b1(), grads.w2(), grads.b2(), grads.w3(), grads.b3()));
        return pf.y().meanNumber().doubleValue() - pr.y().meanNumber().doubleValue() + penalty;
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
        INDArray[] dx = new INDArray[1];
        critic.backward(pf, Nd4j.ones(TYPE, m, 1).divi(-m), dx);
        int dims = transformer.dimensions();
        INDArray dOut = dx[0].reshape('c', b, dims + sampler.condDimensions())
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
