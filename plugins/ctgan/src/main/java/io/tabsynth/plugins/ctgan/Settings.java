package io.tabsynth.plugins.ctgan;

import io.tabsynth.engine.spi.Params;

/**
 * CTGAN's hyper-parameters (the paper's defaults unless given).
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
 */
record Settings(int epochs, int batch, int pac, int embedding, int width, double lr, double decay, int maxModes,
                double tau, double lambda, double averaging) {
    static Settings of(Params p) {
        return new Settings(p.getInt("epochs"), p.getInt("batchSize"), p.getInt("pac"), p.getInt("embedding"),
                p.getInt("width"), p.getDouble("learningRate"), p.getDouble("weightDecay"), p.getInt("maxModes"),
                0.2, 10, p.getDouble("averaging"));
    }
}
