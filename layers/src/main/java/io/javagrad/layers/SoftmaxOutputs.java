package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Remembers, for each probability tensor made by the {@code softmax} activation, the logits it came from, as
 * Keras does with its {@code _keras_logits}: a cross-entropy given those probabilities then computes from the
 * logits (one stable fused op, no clipping at 1e-7, so confidently wrong samples keep their gradient).
 * Entries vanish with the probability tensors (weak keys, identity semantics).
 */
public final class SoftmaxOutputs {
    private static final Map<Tensor, Tensor> LOGITS = Collections.synchronizedMap(new WeakHashMap<>());

    private SoftmaxOutputs() {}

    /** {@code softmax(logits)} over the last axis, remembering the logits. */
    static Tensor softmax(Tensor logits) {
        Tensor probabilities = logits.softmax(-1);
        LOGITS.put(probabilities, logits);
        return probabilities;
    }

    /** The logits behind {@code probabilities} if the softmax activation made them, else {@code null}. */
    public static Tensor logitsOf(Tensor probabilities) {
        return LOGITS.get(probabilities);
    }
}
