package io.javagrad.io.onnx;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import java.util.List;

/**
 * A compiled node: its attributes were read and checked when the model was loaded; {@link #run} computes the
 * node's (first) output from its inputs with core tensor ops, so gradients flow back to the imported weights.
 */
@FunctionalInterface
interface OnnxKernel {
    /** Computes the output; {@code inputs} has one entry per listed input, {@code null} for an omitted one. */
    ImportedValue run(List<ImportedValue> inputs, Context context);

    /**
     * What a run needs beyond the inputs: whether the model is training (Dropout), the model's float dtype,
     * and its generator (dropout masks).
     */
    record Context(boolean training, DType dtype, Rng rng) {}
}
