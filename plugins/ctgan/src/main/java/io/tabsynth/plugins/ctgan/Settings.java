package io.tabsynth.plugins.ctgan;

import io.tabsynth.spi.ParamSpec;
import io.tabsynth.spi.Params;
import java.util.List;

/**
 * CTGAN's hyper-parameters: everything that shapes the networks and their training, each a parameter with the
 * paper's value as its default, so that every one is recorded with the fit.
 *
 * @param epochs      passes over the data
 * @param batch       rows per step (a multiple of pac)
 * @param pac         rows the critic judges together (PacGAN)
 * @param embedding   noise width
 * @param width       width of the generator's residual blocks and the critic's layers
 * @param lr          Adam learning rate of both networks
 * @param decay       L2 weight decay
 * @param maxModes    most modes per numeric column
 * @param tau         Gumbel-softmax temperature
 * @param lambda      gradient-penalty weight
 * @param averaging   decay per step of the running average of the generator's weights that sampling uses; 0
 *                    samples the last weights (the paper)
 * @param dropout     the critic's dropout probability after each hidden layer
 * @param slope       the critic's LeakyReLU slope for negative inputs
 * @param beta1       Adam's decay of the first moment, both networks
 * @param beta2       Adam's decay of the second moment, both networks
 * @param criticSteps critic updates per generator update
 */
record Settings(int epochs, int batch, int pac, int embedding, int width, double lr, double decay, int maxModes,
                double tau, double lambda, double averaging, double dropout, double slope, double beta1,
                double beta2, int criticSteps) {
    static final String EPOCHS = "epochs";
    static final String BATCH_SIZE = "batchSize";
    static final String PAC = "pac";
    static final String EMBEDDING = "embedding";
    static final String WIDTH = "width";
    static final String LEARNING_RATE = "learningRate";
    static final String WEIGHT_DECAY = "weightDecay";
    static final String MAX_MODES = "maxModes";
    static final String TAU = "tau";
    static final String LAMBDA = "lambda";
    static final String AVERAGING = "averaging";
    static final String DROPOUT = "dropout";
    static final String SLOPE = "leakySlope";
    static final String BETA1 = "beta1";
    static final String BETA2 = "beta2";
    static final String CRITIC_STEPS = "criticSteps";

    /** The Gumbel-softmax temperature of the paper (and of its reference implementation). */
    static final double DEFAULT_TAU = 0.2;
    /** The gradient-penalty weight of WGAN-GP (Gulrajani et al. 2017), which CTGAN keeps. */
    static final double DEFAULT_LAMBDA = 10;
    static final double DEFAULT_DROPOUT = 0.5;
    static final double DEFAULT_SLOPE = 0.2;
    static final double DEFAULT_BETA1 = 0.5;
    static final double DEFAULT_BETA2 = 0.9;
    /** One critic update per generator update, as the paper's reference implementation does by default. */
    static final int DEFAULT_CRITIC_STEPS = 1;

    /** The parameters that shape the model, in the order {@code tabsynth plugins} lists them. */
    static List<ParamSpec> specs() {
        return List.of(
                ParamSpec.integer(EPOCHS, 300, 1, 100_000, "passes over the data (the paper: 300)"),
                ParamSpec.integer(BATCH_SIZE, 500, 10, 1_000_000, "rows per training step, a multiple of pac"),
                ParamSpec.integer(PAC, 10, 1, 100, "rows the critic judges together (PacGAN)"),
                ParamSpec.integer(EMBEDDING, 128, 1, 4096, "width of the generator's noise input"),
                ParamSpec.integer(WIDTH, 256, 8, 4096, "width of the generator's residual blocks and the critic's layers"),
                ParamSpec.real(LEARNING_RATE, 2e-4, 1e-7, 1, "Adam learning rate of both networks"),
                ParamSpec.real(WEIGHT_DECAY, 1e-6, 0, 1, "L2 weight decay"),
                ParamSpec.integer(MAX_MODES, 10, 1, 50, "most modes per numeric column"),
                ParamSpec.real(AVERAGING, 0.999, 0, 0.99999, "sample from a running average of the generator's "
                        + "weights with this decay per step (0: the last weights, as the paper does)"),
                ParamSpec.real(TAU, DEFAULT_TAU, 0.01, 10, "Gumbel-softmax temperature of the generator's one-hot "
                        + "outputs (lower: closer to one-hot)"),
                ParamSpec.real(LAMBDA, DEFAULT_LAMBDA, 0, 1000, "weight of the critic's gradient penalty (WGAN-GP)"),
                ParamSpec.real(DROPOUT, DEFAULT_DROPOUT, 0, 0.95, "the critic's dropout probability after each hidden "
                        + "layer"),
                ParamSpec.real(SLOPE, DEFAULT_SLOPE, 0, 1, "slope of the critic's LeakyReLU for negative inputs"),
                ParamSpec.real(BETA1, DEFAULT_BETA1, 0, 0.9999, "Adam's decay rate of the gradient's mean"),
                ParamSpec.real(BETA2, DEFAULT_BETA2, 0, 0.9999,
                        "Adam's decay rate of the squared gradient's mean"),
                ParamSpec.integer(CRITIC_STEPS, DEFAULT_CRITIC_STEPS, 1, 10, "critic updates per generator update"));
    }

    static Settings of(Params p) {
        return new Settings(p.getInt(EPOCHS), p.getInt(BATCH_SIZE), p.getInt(PAC), p.getInt(EMBEDDING),
                p.getInt(WIDTH), p.getDouble(LEARNING_RATE), p.getDouble(WEIGHT_DECAY), p.getInt(MAX_MODES),
                p.getDouble(TAU), p.getDouble(LAMBDA), p.getDouble(AVERAGING), p.getDouble(DROPOUT),
                p.getDouble(SLOPE), p.getDouble(BETA1), p.getDouble(BETA2), p.getInt(CRITIC_STEPS));
    }
}
