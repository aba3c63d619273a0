package io.javagrad.layers;

import io.javagrad.core.Tensor;

/**
 * The probability tensors made by the {@code softmax} activation remember the logits they came from, as Keras's
 * {@code _keras_logits} does ({@link Tensor#softmaxActivation()}): a cross-entropy given those probabilities then
 * computes from the logits (one stable fused op, no clipping at 1e-7, so confidently wrong samples keep their
 * gradient).
 */
public final class SoftmaxOutputs {
    private SoftmaxOutputs() {}

    /** The logits behind {@code probabilities} if the softmax activation made them, else {@code null}. */
    public static Tensor logitsOf(Tensor probabilities) {
        return probabilities.softmaxLogits();
    }
}
