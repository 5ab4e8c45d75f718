package io.tabsynth.plugins.ctgan;

/**
 * Every random number one training step uses — noise, conditions, real rows, Gumbel noise, dropout masks and
 * the penalty's mixing weights — drawn together, in a fixed order, from the epoch's stream. None of them depends
 * on the networks, so the trainer draws the next step's on a second thread while the current step computes; the
 * result is the same as drawing them in place.
 *
 * @param critic          the critic updates' draws, one per update ({@code criticSteps})
 * @param generator       the generator update's batch
 * @param generatorGumbel Gumbel noise for the generator update
 * @param generated       dropout masks for the critic's pass over the generator update's rows
 */
record StepDraws(java.util.List<CriticDraws> critic, Batch generator, float[] generatorGumbel,
                 Critic.Masks generated) {

    /**
     * One critic update's draws.
     *
     * @param batch  the generator batch whose rows the critic judges
     * @param real   its real rows with their conditional vectors, batch × (data + condition width)
     * @param gumbel Gumbel noise for the generated rows
     * @param both   dropout masks for the critic's pass over real then generated PacGAN groups
     * @param alpha  per PacGAN group, the weight of the real group in the penalty's mixture
     * @param mixed  dropout masks for the critic's pass over the mixture
     */
    record CriticDraws(Batch batch, float[] real, float[] gumbel, Critic.Masks both, float[] alpha,
                       Critic.Masks mixed) {
    }

    /**
     * A generator batch.
     *
     * @param input the generator's input, batch × (embedding + condition width): noise, then the one-hot condition
     * @param cond  the conditional vectors alone, batch × condition width (empty when nothing is discrete)
     * @param draws per row, the conditioned column, category and real row (null entries when nothing is discrete)
     */
    record Batch(float[] input, float[] cond, ConditionalSampler.Draw[] draws) {
    }
}
