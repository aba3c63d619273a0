package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks every layer test uses: gradients through a layer, and the config round trip. */
final class LayerChecks {
    private LayerChecks() {}

    /** A float64 tensor of standard normal values. */
    static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Rng(seed), DType.FLOAT64, shape);
    }

    /**
     * Builds {@code layer} with the float64 {@code inputs}, then checks the gradients of its output with respect
     * to the inputs and to every trainable weight. {@code beforeCall} runs before each evaluation (e.g. to reseed
     * dropout so every evaluation draws the same mask).
     */
    static void assertLayerGradients(Layer layer, boolean training, Runnable beforeCall, Tensor... inputs) {
        check(layer, training, beforeCall, true, inputs);
    }

    /** Checks the gradients with respect to the trainable weights only (for inputs that are indices). */
    static void assertWeightGradients(Layer layer, Tensor... inputs) {
        check(layer, false, () -> { }, false, inputs);
    }

    private static void check(Layer layer, boolean training, Runnable beforeCall, boolean withInputs, Tensor... inputs) {
        beforeCall.run();
        layer.call(List.of(inputs), training);
        List<Tensor> all = new ArrayList<>();
        if (withInputs) {
            for (Tensor x : inputs) {
                all.add(x.requiresGrad(true));
            }
        }
        all.addAll(layer.trainableParameters());
        GradCheck.assertGradients(in -> {
            beforeCall.run();
            return layer.call(List.of(inputs), training);
        }, all.toArray(new Tensor[0]));
    }

    /** {@link #assertLayerGradients} at inference, with nothing to run before each call. */
    static void assertLayerGradients(Layer layer, Tensor... inputs) {
        assertLayerGradients(layer, false, () -> { }, inputs);
    }

    /**
     * Rebuilds {@code layer} from its config through the registry, builds the copy with {@code inputs}, and checks
     * that it has the same config and, with the weights copied over, the same inference output. Returns the copy.
     */
    static Layer assertConfigRoundTrip(Layer layer, Tensor... inputs) {
        Tensor expected = layer.call(List.of(inputs), false);
        Map<String, Object> config = layer.getConfig();
        Layer copy = LayerRegistry.create(layer.className(), config);
        copy.call(List.of(inputs), false);
        assertEquals(config, copy.getConfig());
        Map<String, Weight> source = layer.namedWeights();
        Map<String, Weight> target = copy.namedWeights();
        assertEquals(source.keySet(), target.keySet());
        for (Map.Entry<String, Weight> e : source.entrySet()) {
            target.get(e.getKey()).assign(e.getValue().value());
        }
        Tensor actual = copy.call(List.of(inputs), false);
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-12);
        return copy;
    }
}
