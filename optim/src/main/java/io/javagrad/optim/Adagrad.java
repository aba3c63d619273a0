package io.javagrad.optim;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adagrad (Duchi et al.) with PyTorch's semantics ({@code torch.optim.Adagrad}). For each parameter p with
 * gradient g, at step t:
 *
 * <pre>
 * g   = g + weightDecay * p
 * lr' = lr / (1 + (t - 1) * lrDecay)
 * s   = s + g^2                          (s starts at initialAccumulatorValue)
 * p   = p - lr' * g / (sqrt(s) + eps)
 * </pre>
 *
 * State slot: {@code sum} (s).
 */
public final class Adagrad extends Optimizer {
    static final String NAME = "Adagrad";
    private static final String SUM = "sum";
    private static final double DEFAULT_EPS = 1e-10;

    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulatorValue;
    private final double eps;

    /** Adagrad with no decay, accumulators starting at 0 and eps 1e-10 (PyTorch's defaults). */
    public Adagrad(double learningRate) {
        this(learningRate, 0, 0, 0, DEFAULT_EPS);
    }

    /**
     * @param lrDecay learning-rate decay per step, >= 0
     * @param weightDecay L2 penalty coefficient, >= 0
     * @param initialAccumulatorValue the starting value of s, >= 0
     * @param eps added to the denominator, > 0
     */
    public Adagrad(double learningRate, double lrDecay, double weightDecay, double initialAccumulatorValue,
            double eps) {
        super(NAME, learningRate);
        this.lrDecay = Checks.nonNegative(NAME, "lrDecay", lrDecay);
        this.weightDecay = Checks.nonNegative(NAME, "weightDecay", weightDecay);
        this.initialAccumulatorValue = Checks.nonNegative(NAME, "initialAccumulatorValue", initialAccumulatorValue);
        this.eps = Checks.positive(NAME, "eps", eps);
    }

    static Adagrad fromConfig(ConfigReader c) {
        return new Adagrad(c.requireDouble("learningRate"), c.getDouble("lrDecay", 0), c.getDouble("weightDecay", 0),
                c.getDouble("initialAccumulatorValue", 0), c.getDouble("eps", DEFAULT_EPS));
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        Tensor g = gradientWithWeightDecay(param, grad, weightDecay);
        double lr = learningRate() / (1 + (stepCount() - 1) * lrDecay);
        Tensor s = state(index, SUM, initialAccumulatorValue).addcmulInPlace(g, g, 1);
        Tensor denominator = scratch(param).setSqrtAffineInPlace(s, 1, eps);
        param.addcdivInPlace(g, denominator, -lr);
    }

    @Override
    protected List<String> stateSlots() {
        return List.of(SUM);
    }

    @Override
    protected void putHyperparameters(Map<String, Object> config) {
        config.put("lrDecay", lrDecay);
        config.put("weightDecay", weightDecay);
        config.put("initialAccumulatorValue", initialAccumulatorValue);
        config.put("eps", eps);
    }
}
