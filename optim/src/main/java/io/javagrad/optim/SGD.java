package io.javagrad.optim;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay, with
 * PyTorch's semantics ({@code torch.optim.SGD}). For each parameter p with gradient g, at step t:
 *
 * <pre>
 * d = g + weightDecay * p
 * b = d                                       (t = 1, or the first step p has a gradient)
 * b = momentum * b + (1 - dampening) * d      (later steps)
 * d = nesterov ? d + momentum * b : b         (when momentum != 0)
 * p = p - lr * d
 * </pre>
 *
 * State slot: {@code momentum_buffer} (b), kept only when momentum != 0.
 */
public final class SGD extends Optimizer {
    static final String NAME = "SGD";
    private static final String BUFFER = "momentum_buffer";

    private final double momentum;
    private final double dampening;
    private final boolean nesterov;
    private final double weightDecay;

    /** Plain gradient descent: {@code p -= lr * g}. */
    public SGD(double learningRate) {
        this(learningRate, 0, 0, false, 0);
    }

    /** Gradient descent with (heavy-ball) momentum in [0, 1). */
    public SGD(double learningRate, double momentum) {
        this(learningRate, momentum, 0, false, 0);
    }

    /**
     * @param momentum in [0, 1)
     * @param dampening in [0, 1]; must be 0 with Nesterov momentum
     * @param nesterov Nesterov momentum; needs momentum > 0
     * @param weightDecay L2 penalty coefficient, >= 0
     */
    public SGD(double learningRate, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super(NAME, learningRate);
        this.momentum = Checks.fraction(NAME, "momentum", momentum);
        this.dampening = Checks.closedFraction(NAME, "dampening", dampening);
        this.nesterov = nesterov;
        this.weightDecay = Checks.nonNegative(NAME, "weightDecay", weightDecay);
        if (nesterov && (momentum == 0 || dampening != 0)) {
            throw new IllegalArgumentException(NAME + ": Nesterov momentum needs momentum > 0 and dampening 0, got"
                    + " momentum " + momentum + " and dampening " + dampening);
        }
    }

    static SGD fromConfig(ConfigReader c) {
        return new SGD(c.requireDouble("learningRate"), c.getDouble("momentum", 0), c.getDouble("dampening", 0),
                c.getBoolean("nesterov", false), c.getDouble("weightDecay", 0));
    }

    @Override
    protected void update(int index, Tensor param, Tensor grad) {
        Tensor d = gradientWithWeightDecay(param, grad, weightDecay);
        double lr = learningRate();
        if (momentum != 0) {
            Tensor buffer;
            if (hasState(index, BUFFER)) {
                buffer = state(index, BUFFER, 0).mulInPlace(momentum).addInPlace(d, 1 - dampening);
            } else {
                buffer = state(index, BUFFER, 0).copyFrom(d);
            }
            if (nesterov) {
                param.addInPlace(d, -lr).addInPlace(buffer, -lr * momentum);
                return;
            }
            d = buffer;
        }
        param.addInPlace(d, -lr);
    }

    @Override
    protected List<String> stateSlots() {
        return momentum != 0 ? List.of(BUFFER) : List.of();
    }

    @Override
    protected void putHyperparameters(Map<String, Object> config) {
        config.put("momentum", momentum);
        config.put("dampening", dampening);
        config.put("nesterov", nesterov);
        config.put("weightDecay", weightDecay);
    }
}
