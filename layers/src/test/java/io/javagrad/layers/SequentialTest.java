package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequentialTest {
    /** A user layer that insists on rank-3 inputs, to see its own error come through the model. */
    static final class NeedsRank3 extends Layer {
        NeedsRank3() {
            super(null);
        }

        @Override
        protected Tensor forward(Tensor x, boolean training) {
            requireRank(x, 3, "[batch, steps, features]");
            return x;
        }
    }

    @Test
    void layersGetUniqueSnakeCaseNamesPerModel() {
        Sequential model = new Sequential(4);
        Dense first = new Dense(3);
        model.add(first).add(new Dense(2)).add(new ReLU()).add(new Dense(1));
        List<String> names = new ArrayList<>();
        model.layers().forEach(l -> names.add(l.name()));
        assertEquals(List.of("dense", "dense_1", "re_lu", "dense_2"), names);
        assertEquals("sequential", model.name());
        assertSame(first, model.getLayer("dense"));
        assertSame(first, model.getLayer(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.getLayer("conv"));
        assertTrue(e.getMessage().contains("[dense, dense_1, re_lu, dense_2]"), e.getMessage());
        Layer clash = new Dense(1).setName("dense_1");
        e = assertThrows(IllegalArgumentException.class, () -> model.add(clash));
        assertTrue(e.getMessage().contains("'dense_1'"), e.getMessage());
    }

    @Test
    void snakeCaseFollowsKeras() {
        assertEquals("conv2d", Model.snakeCase("Conv2D"));
        assertEquals("batch_normalization", Model.snakeCase("BatchNormalization"));
        assertEquals("re_lu", Model.snakeCase("ReLU"));
        assertEquals("lstm", Model.snakeCase("LSTM"));
        assertEquals("global_average_pooling2d", Model.snakeCase("GlobalAveragePooling2D"));
    }

    @Test
    void summaryIsKerasTable() {
        Sequential model = new Sequential(4);
        model.add(new Dense(3)).add(new Dense(1));
        String expected = String.join("\n",
                "Model: \"sequential\"",
                "_".repeat(65),
                row("Layer (type)", "Output Shape", "Param #"),
                "=".repeat(65),
                row("dense (Dense)", "(None, 3)", "15"),
                "_".repeat(65),
                row("dense_1 (Dense)", "(None, 1)", "4"),
                "=".repeat(65),
                "Total params: 19",
                "Trainable params: 19",
                "Non-trainable params: 0",
                "_".repeat(65), "");
        assertEquals(expected, model.summary());
        model.getLayer("dense").setTrainable(false);
        List<String> printed = new ArrayList<>();
        String s = model.summary(printed::add);
        assertTrue(s.contains("Trainable params: 4\nNon-trainable params: 15\n"), s);
        assertEquals(s.lines().toList(), printed);
    }

    /** A row of Keras's Sequential summary: columns of 29, 26 and 10 characters, each cell after one space. */
    private static String row(String layer, String shape, String params) {
        return String.format(" %-28s %-25s %s", layer, shape, params);
    }

    @Test
    void inputShapeIsInferredAtFirstCall() {
        Sequential model = new Sequential();
        model.add(new Dense(2));
        assertTrue(model.summary().contains(row("dense (Dense)", "?", "0")), model.summary());
        Tensor out = model.call(Tensor.ones(5, 3), false);
        assertArrayEquals(new int[] {5, 2}, out.shape());
        assertArrayEquals(new int[] {-1, 3}, model.input().shape());
        assertTrue(model.summary().contains("(None, 2)"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.call(Tensor.ones(2, 5), false));
        assertEquals("Sequential 'sequential': expected input shape (None, 3), got [2, 5] (first layer Dense 'dense')",
                e.getMessage());
    }

    @Test
    void layerErrorsCarryTheModelName() {
        Sequential model = new Sequential(4);
        model.add(new Dense(3)).add(new NeedsRank3());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, model::summary);
        assertEquals("Sequential 'sequential': NeedsRank3 'needs_rank3': expected a rank-3 input"
                + " [batch, steps, features], got shape [1, 3]", e.getMessage());
    }

    @Test
    void seedDecidesInitialWeights() {
        List<float[]> a = ModelFixtures.snapshot(seeded(7));
        List<float[]> b = ModelFixtures.snapshot(seeded(7));
        List<float[]> c = ModelFixtures.snapshot(seeded(8));
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i));
        }
        assertFalse(Arrays.equals(a.get(0), c.get(0)));
        // Same-shaped layers of one model draw different weights.
        assertFalse(Arrays.equals(a.get(2), a.get(4)));
    }

    private static Sequential seeded(long seed) {
        Sequential model = new Sequential(3);
        model.setSeed(seed);
        model.add(new Dense(3)).add(new Dense(3)).add(new Dense(3));
        model.build();
        return model;
    }

    @Test
    void predictBatchesWithoutGraph() {
        Sequential model = seeded(1);
        Tensor x = Tensor.randn(3, 10, 3);
        Tensor whole = model.call(x, false);
        Tensor batched = model.predict(x, 3);
        assertFalse(batched.requiresGrad());
        assertArrayEquals(whole.toFloatArray(), batched.toFloatArray(), 1e-6f);
    }

    @Test
    void configRoundTripRebuildsTheModel() {
        Sequential model = new Sequential(4);
        model.add(new Dense(3).activation("relu")).add(new Dropout(0.5)).add(new Dense(1));
        model.build();
        Map<String, Object> config = model.modelConfig();
        assertEquals("Sequential", config.get("class_name"));
        Model copy = Model.fromConfig(config);
        assertTrue(copy instanceof Sequential);
        assertEquals(model.getConfig(), copy.getConfig());
        copy.build();
        for (int i = 0; i < model.weights().size(); i++) {
            copy.weights().get(i).assign(model.weights().get(i).value());
        }
        Tensor x = Tensor.randn(2, 6, 4);
        assertArrayEquals(model.predict(x).toFloatArray(), copy.predict(x).toFloatArray());
    }

    @Test
    void readsKerasSequentialConfigWithBatchInputShapeOnFirstLayer() {
        Map<String, Object> dense = Map.of("name", "dense", "trainable", true, "batch_input_shape",
                Arrays.asList(null, 16), "dtype", "float32", "units", 32, "activation", "linear", "use_bias", true);
        Map<String, Object> relu = Map.of("name", "re_lu_1", "trainable", true, "dtype", "float32");
        Model model = Model.fromConfig(Map.of("class_name", "Sequential", "config", Map.of("name", "sequential_1",
                "layers", List.of(Map.of("class_name", "Dense", "config", dense),
                        Map.of("class_name", "ReLU", "config", relu)))));
        assertEquals("sequential_1", model.name());
        assertEquals(List.of("dense", "re_lu_1"), List.of(model.getLayer(0).name(), model.getLayer(1).name()));
        assertTrue(model.summary().contains("(None, 32)"));
    }

    @Test
    void float64ModelTakesFloat32DataAndPassesGradCheck() {
        Sequential model = seeded(3);
        model.toDtype(DType.FLOAT64);
        assertEquals(DType.FLOAT64, model.predict(Tensor.ones(2, 3)).dtype());
        Tensor x = Tensor.randn(4, 5, 3).to(DType.FLOAT64);
        GradCheck.assertGradients(in -> model.call(x, true).tanh().sum(),
                model.trainableParameters().toArray(new Tensor[0]));
    }

    @Test
    void nestedModelIsALayerThatCanBeFrozen() {
        Sequential inner = new Sequential(4);
        inner.add(new Dense(3));
        Sequential outer = new Sequential(4);
        outer.add(inner).add(new Dense(2));
        assertEquals(List.of("sequential", "dense"), List.of(outer.getLayer(0).name(), outer.getLayer(1).name()));
        outer.build();
        assertEquals(15 + 8, outer.countTrainableParams());
        inner.setTrainable(false);
        assertEquals(8, outer.countTrainableParams());
        assertEquals(23, outer.countParams());
        assertTrue(outer.summary().contains(row("sequential (Sequential)", "(None, 3)", "15")), outer.summary());
        Sequential twin = new Sequential(2);
        twin.add(new Dense(3));
        outer.add(twin);
        assertNotEquals(inner.name(), twin.name());
    }
}
