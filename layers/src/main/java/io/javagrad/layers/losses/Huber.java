package io.javagrad.layers.losses;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * The Huber loss: {@code e^2 / 2} where {@code |e| <= delta}, {@code delta (|e| - delta / 2)} beyond, with
 * {@code e = yPred - yTrue}, averaged over each sample's elements (Keras's {@code huber_loss}).
 */
public final class Huber extends ReducedLoss {
    private final double delta;

    /** Delta 1, {@link Reduction#MEAN}. */
    public Huber() {
        this(1.0, Reduction.MEAN);
    }

    /** The given delta (> 0) and reduction. */
    public Huber(double delta, Reduction reduction) {
        super("huber_loss", reduction);
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber_loss: delta must be a positive finite number, got " + delta);
        }
        this.delta = delta;
    }

    /** Where the loss turns from quadratic to linear. */
    public double delta() {
        return delta;
    }

    // with a = |e| and q = min(a, delta): loss = q^2 / 2 + delta (a - q); the derivative is e inside, delta sign(e) outside
    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor a = yPred.sub(yTrue).abs();
        Tensor q = a.minimum(Tensor.scalar(a.dtype(), delta));
        return meanPerSample(q.square().mul(0.5).add(a.sub(q).mul(delta)));
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("delta", delta);
    }
}
