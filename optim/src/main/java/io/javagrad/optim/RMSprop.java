package io.javagrad.optim;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * RMSprop (Hinton) with PyTorch's semantics ({@code torch.optim.RMSprop}), optionally centered and with
 * momentum. For each parameter p with gradient g:
 *
 * <pre>
 * g   = g + weightDecay * p
 * v   = alpha * v + (1 - alpha) * g^2
 * a   = alpha * a + (1 - alpha) * g                         (centered only)
 * s   = sqrt(centered ? v - a^2 : v) + eps
 * b   = momentum * b + g / s;  p = p - lr * b               (momentum > 0)
 * p   = p - lr * g / s                                      (momentum = 0)
 * </pre>
 *
 * State slots: {@code square_avg} (v), {@code grad_avg} (a, when centered), {@code momentum_buffer} (b, when
 * momentum > 0).
 */
public final class RMSprop extends Optimizer {
    static final String NAME = "RMSprop";
    private static final String V = "square_avg";
    private static final String A = "grad_avg";
    private static final String B = "momentum_buffer";
    private static final double DEFAULT_ALPHA = 0.99;
    private static final double DEFAULT_EPS = 1e-8;

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    /** RMSprop with alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered (PyTorch's defaults). */
    public RMSprop(double learningRate) {
        this(learningRate, DEFAULT_ALPHA, DEFAULT_EPS, 0, 0, false);
    }

    /**
     * @param alpha decay of the squared-gradient average, in [0, 1)
     * @param eps added to the denominator, > 0
     * @param weightDecay L2 penalty coefficient, >= 0
     * @param momentum in [0, 1)
     * @param centered divide by an estimate of the gradient's standard deviation instead of its RMS
     */
    public RMSprop(double learningRate, double alpha, double eps, double weightDecay, double momentum,
            boolean centered) {
        super(NAME, learningRate);
        this.alpha = Checks.fraction(NAME, "alpha", alpha);
        this.eps = Checks.positive(NAME, "eps", eps);
        this.weightDecay = Checks.nonNegative(NAME, "weightDecay", weightDecay);
        this.momentum = Checks.fraction(NAME, "momentum", momentum);
        this.centered = centered;
    }

    static RMSprop fromConfig(ConfigReader c) {
        return new RMSprop(c.requireDouble("learningRate"), c.getDouble("alpha", DEFAULT_ALPHA),
                c.getDouble("eps", DEFAULT_EPS), c.getDouble("weightDecay", 0), c.getDouble("momentum", 0),
                c.getBoolean("centered", false));
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        Tensor g = gradientWithWeightDecay(param, grad, weightDecay);
        Tensor v = state(index, V, 0).scaleAddcmulInPlace(alpha, g, g, 1 - alpha);
        Tensor s = scratch(param).copyFrom(v);
        if (centered) {
            Tensor a = state(index, A, 0).lerpInPlace(g, 1 - alpha);
            s.addcmulInPlace(a, a, -1);
        }
        s.sqrtInPlace().addInPlace(eps);
        if (momentum > 0) {
            Tensor b = state(index, B, 0).mulInPlace(momentum).addcdivInPlace(g, s, 1);
            param.addInPlace(b, -learningRate());
        } else {
            param.addcdivInPlace(g, s, -learningRate());
        }
    }

    @Override
    protected List<String> stateSlots() {
        if (centered) {
            return momentum > 0 ? List.of(V, A, B) : List.of(V, A);
        }
        return momentum > 0 ? List.of(V, B) : List.of(V);
    }

    @Override
    protected void putHyperparameters(Map<String, Object> config) {
        config.put("alpha", alpha);
        config.put("eps", eps);
        config.put("weightDecay", weightDecay);
        config.put("momentum", momentum);
        config.put("centered", centered);
    }
}
