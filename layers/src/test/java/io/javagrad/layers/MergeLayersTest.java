package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertLayerGradients;
import static io.javagrad.layers.LayerChecks.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class MergeLayersTest {
    private final Tensor x = randn(1, 2, 3, 4);
    private final Tensor y = randn(2, 2, 3, 4);
    private final Tensor z = randn(3, 2, 3, 4);

    private static void assertOutput(Tensor expected, Layer layer, Tensor... inputs) {
        Tensor out = layer.call(List.of(inputs), false);
        assertArrayEquals(expected.shape(), out.shape());
        assertArrayEquals(expected.toDoubleArray(), out.toDoubleArray(), 1e-12);
    }

    @Test
    void elementwiseMergesComputeKerasResults() {
        assertOutput(x.add(y).add(z), new Add(), x, y, z);
        assertOutput(x.sub(y), new Subtract(), x, y);
        assertOutput(x.mul(y).mul(z), new Multiply(), x, y, z);
        assertOutput(x.add(y).add(z).div(3), new Average(), x, y, z);
        assertOutput(x.maximum(y).maximum(z), new Maximum(), x, y, z);
        assertOutput(x.minimum(y).minimum(z), new Minimum(), x, y, z);
    }

    @Test
    void elementwiseMergesBroadcastLikeKeras() {
        Tensor row = randn(4, 2, 4);
        assertOutput(x.add(row.reshape(2, 1, 4)), new Add(), x, row);
        assertOutput(row.reshape(2, 1, 4).sub(x), new Subtract(), row, x);
        Tensor column = randn(5, 2, 3, 1);
        assertOutput(x.mul(column), new Multiply(), column, x);
    }

    static List<Supplier<Layer>> elementwise() {
        return List.of(Add::new, Subtract::new, Multiply::new, Average::new, Maximum::new, Minimum::new);
    }

    @Test
    void gradientsReachEveryInputIncludingViewsAndBroadcastInputs() {
        Tensor view = randn(6, 2, 4, 3).transpose(1, 2);
        Tensor broadcast = randn(7, 2, 1, 4);
        Tensor lowerRank = randn(8, 2, 4);
        for (Supplier<Layer> make : elementwise()) {
            Layer layer = make.get();
            if (layer instanceof Subtract) {
                assertLayerGradients(layer, view, lowerRank);
            } else {
                assertLayerGradients(layer, randn(9, 2, 3, 4), view, broadcast, lowerRank);
            }
        }
        assertLayerGradients(new Concatenate(), randn(10, 2, 3, 2), view, randn(11, 2, 3, 1));
        assertLayerGradients(new Concatenate(1), randn(12, 2, 1, 4), view);
    }

    @Test
    void concatenateJoinsAlongTheGivenAxis() {
        Tensor narrow = randn(13, 2, 3, 1);
        assertOutput(Tensor.concat(List.of(x, narrow, y), 2), new Concatenate(), x, narrow, y);
        assertOutput(Tensor.concat(List.of(x, y), 1), new Concatenate(1), x, y);
        assertOutput(Tensor.concat(List.of(x, y), 1), new Concatenate(-2), x, y);
    }

    @Test
    void shapeErrorsNameTheLayerAndEveryInputShape() {
        Layer add = new Add().setName("add_1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> add.call(List.of(randn(1, 2, 3), randn(2, 2, 3), randn(3, 2, 4)), false));
        assertEquals("Add 'add_1': inputs must have equal sizes or size 1 on every axis after the batch axis (an input"
                + " with fewer axes gets size-1 axes after its batch axis), got input shapes [2, 3], [2, 3], [2, 4]",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Maximum().call(List.of(randn(1, 2, 3), randn(2, 3, 3)), false));
        assertEquals("Maximum '?': inputs must have the same batch size, got input shapes [2, 3], [3, 3]",
                e.getMessage());
        Layer concat = new Concatenate().setName("concatenate");
        e = assertThrows(IllegalArgumentException.class, () -> concat.call(List.of(x, randn(4, 2, 2, 4)), false));
        assertEquals("Concatenate 'concatenate': inputs must have the same shape except on the concatenation axis -1,"
                + " got input shapes [2, 3, 4], [2, 2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Concatenate(3).call(List.of(x, y), false));
        assertEquals("Concatenate '?': axis 3 is not an axis after the batch axis of the inputs, got input shapes"
                + " [2, 3, 4], [2, 3, 4]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Concatenate(0));
    }

    @Test
    void inputCountsFollowKeras() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Add().call(x, false));
        assertEquals("Add '?': expected at least 2 inputs, got 1 of shapes [2, 3, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Subtract().call(List.of(x, y, z), false));
        assertEquals("Subtract '?': expected exactly 2 inputs, got 3 of shapes [2, 3, 4], [2, 3, 4], [2, 3, 4]",
                e.getMessage());
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        for (Supplier<Layer> make : elementwise()) {
            Layer layer = make.get().setName("merge");
            assertEquals(Map.of("name", "merge", "trainable", true, "dtype", "float64"),
                    assertConfigRoundTrip(layer, x, y).getConfig());
            assertEquals(0, layer.countParams());
        }
        assertEquals(-2, assertConfigRoundTrip(new Concatenate(-2), x, y).getConfig().get("axis"));
    }

    @Test
    void functionalModelWithConcatenateAndAddRoundTripsThroughItsConfig() {
        Model model = mergeModel();
        Map<String, Object> config = model.getConfig();
        Map<?, ?> concat = ((List<?>) config.get("layers")).stream().map(o -> (Map<?, ?>) o)
                .filter(m -> m.get("class_name").equals("Concatenate")).findFirst().orElseThrow();
        assertEquals(List.of(List.of(List.of("add", 0, 0, Map.of()), List.of("input_layer_2", 0, 0, Map.of()))),
                concat.get("inbound_nodes"));
        Model copy = Model.fromConfig(model.modelConfig());
        assertEquals(config, copy.getConfig());
        copy.build();
        for (int i = 0; i < model.weights().size(); i++) {
            copy.weights().get(i).assign(model.weights().get(i).value());
        }
        List<Tensor> inputs = List.of(Tensor.randn(1, 5, 4), Tensor.randn(2, 5, 4), Tensor.randn(3, 5, 2));
        assertArrayEquals(model.predict(inputs, 5).get(0).toFloatArray(),
                copy.predict(inputs, 5).get(0).toFloatArray());
    }

    /** {@code Dense(Concatenate(Add(Dense(a), b), c))} on inputs of 4, 4 and 2 features. */
    static Model mergeModel() {
        Input a = Input.of(4);
        Input b = Input.of(4);
        Input c = Input.of(2);
        SymbolicTensor sum = new Add().apply(List.of(new Dense(4).activation("tanh").apply(a), b));
        SymbolicTensor joined = new Concatenate().apply(List.of(sum, c));
        Model model = new Model(List.of(a, b, c), List.of(new Dense(3).apply(joined)));
        model.setSeed(11);
        model.build();
        return model;
    }
}
