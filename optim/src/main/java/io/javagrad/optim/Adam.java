package io.javagrad.optim;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba) with PyTorch's semantics ({@code torch.optim.Adam}): weight decay is an L2 penalty added
 * to the gradient (see {@link AdamW} for the decoupled form). For each parameter p with gradient g, at step t:
 *
 * <pre>
 * g     = g + weightDecay * p
 * m     = beta1 * m + (1 - beta1) * g
 * v     = beta2 * v + (1 - beta2) * g^2
 * vMax  = max(vMax, v);  v' = amsgrad ? vMax : v
 * p     = p - lr / (1 - beta1^t) * m / (sqrt(v') / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * State slots: {@code exp_avg} (m), {@code exp_avg_sq} (v) and, with amsgrad, {@code max_exp_avg_sq} (vMax).
 */
public class Adam extends Optimizer {
    static final String NAME = "Adam";
    private static final String M = "exp_avg";
    private static final String V = "exp_avg_sq";
    private static final String V_MAX = "max_exp_avg_sq";
    static final double DEFAULT_BETA1 = 0.9;
    static final double DEFAULT_BETA2 = 0.999;
    static final double DEFAULT_EPS = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    /** Adam with betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, 0, false);
    }

    /**
     * @param beta1 decay of the gradient average m, in [0, 1)
     * @param beta2 decay of the squared-gradient average v, in [0, 1)
     * @param eps added to the denominator, > 0
     * @param weightDecay L2 penalty coefficient, >= 0
     * @param amsgrad divide by the running maximum of v (AMSGrad)
     */
    public Adam(double learningRate, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this(NAME, learningRate, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    Adam(String name, double learningRate, double beta1, double beta2, double eps, double weightDecay,
            boolean amsgrad, boolean decoupled) {
        super(name, learningRate);
        this.beta1 = Checks.fraction(name, "beta1", beta1);
        this.beta2 = Checks.fraction(name, "beta2", beta2);
        this.eps = Checks.positive(name, "eps", eps);
        this.weightDecay = Checks.nonNegative(name, "weightDecay", weightDecay);
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    static Adam fromConfig(ConfigReader c) {
        return new Adam(c.requireDouble("learningRate"), c.getDouble("beta1", DEFAULT_BETA1),
                c.getDouble("beta2", DEFAULT_BETA2), c.getDouble("eps", DEFAULT_EPS), c.getDouble("weightDecay", 0),
                c.getBoolean("amsgrad", false));
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        double lr = learningRate();
        Tensor g = grad;
        if (decoupled) {
            param.mulInPlace(1 - lr * weightDecay);
        } else {
            g = gradientWithWeightDecay(param, grad, weightDecay);
        }
        int t = stepCount();
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        double scale = 1 / Math.sqrt(biasCorrection2);
        double step = -lr / biasCorrection1;
        Tensor m = state(index, M, 0);
        Tensor v = state(index, V, 0);
        if (!amsgrad) {
            param.adamStepInPlace(g, m, v, beta1, beta2, scale, eps, step);
            return;
        }
        m.lerpInPlace(g, 1 - beta1);
        v.scaleAddcmulInPlace(beta2, g, g, 1 - beta2);
        Tensor vMax = state(index, V_MAX, 0).maximumInPlace(v);
        param.addcdivInPlace(m, scratch(param).setSqrtAffineInPlace(vMax, scale, eps), step);
    }

    @Override
    protected List<String> stateSlots() {
        return amsgrad ? List.of(M, V, V_MAX) : List.of(M, V);
    }

    @Override
    protected void putHyperparameters(Map<String, Object> config) {
        config.put("beta1", beta1);
        config.put("beta2", beta2);
        config.put("eps", eps);
        config.put("weightDecay", weightDecay);
        config.put("amsgrad", amsgrad);
    }
}
