package io.javagrad.optim;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), PyTorch's {@code torch.optim.AdamW}: the
 * parameter shrinks directly instead of the penalty entering the moment estimates. At step t:
 *
 * <pre>
 * p     = p * (1 - lr * weightDecay)
 * m     = beta1 * m + (1 - beta1) * g
 * v     = beta2 * v + (1 - beta2) * g^2
 * vMax  = max(vMax, v);  v' = amsgrad ? vMax : v
 * p     = p - lr / (1 - beta1^t) * m / (sqrt(v') / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * State slots as {@link Adam}.
 */
public final class AdamW extends Adam {
    static final String NAME = "AdamW";
    private static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /** AdamW with betas (0.9, 0.999), eps 1e-8 and weight decay 0.01 (PyTorch's defaults). */
    public AdamW(double learningRate) {
        this(learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY, false);
    }

    /** Arguments as {@link Adam#Adam(double, double, double, double, double, boolean)}; weightDecay is decoupled. */
    public AdamW(double learningRate, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super(NAME, learningRate, beta1, beta2, eps, weightDecay, amsgrad, true);
    }

    static AdamW fromConfig(ConfigReader c) {
        return new AdamW(c.requireDouble("learningRate"), c.getDouble("beta1", DEFAULT_BETA1),
                c.getDouble("beta2", DEFAULT_BETA2), c.getDouble("eps", DEFAULT_EPS),
                c.getDouble("weightDecay", DEFAULT_WEIGHT_DECAY), c.getBoolean("amsgrad", false));
    }
}
