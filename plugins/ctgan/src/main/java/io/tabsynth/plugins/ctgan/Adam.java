package io.tabsynth.plugins.ctgan;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba) with L2 weight decay added to the gradient, as PyTorch's Adam applies
 * {@code weight_decay}: CTGAN uses lr 2e-4, betas (0.5, 0.9), weight decay 1e-6.
 */
final class Adam {
    private final List<INDArray> params;
    private final List<INDArray> m = new ArrayList<>();
    private final List<INDArray> v = new ArrayList<>();
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double decay;
    private int t;

    Adam(List<INDArray> params, double lr, double beta1, double beta2, double decay) {
        this.params = params;
        for (INDArray p : params) {
            m.add(Nd4j.zerosLike(p));
            v.add(Nd4j.zerosLike(p));
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.decay = decay;
    }

    /** One step with gradients in the order of the parameters. */
    void step(List<INDArray> grads) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < params.size(); i++) {
            INDArray p = params.get(i);
            INDArray g = decay == 0 ? grads.get(i) : grads.get(i).add(p.mul(decay));
            m.get(i).muli(beta1).addi(g.mul(1 - beta1));
            v.get(i).muli(beta2).addi(g.mul(g).muli(1 - beta2));
            INDArray denom = Transforms.sqrt(v.get(i).div(c2), false).addi(1e-8);
            p.subi(m.get(i).div(c1).divi(denom).muli(lr));
        }
    }
}
