package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionalModelTest {
    /** A user layer with two inputs, registered so that configs can rebuild it. */
    static final class TestAdd extends Layer {
        static {
            LayerRegistry.register("TestAdd", c -> {
                TestAdd a = new TestAdd();
                a.applyBaseConfig(c);
                return a;
            });
        }

        TestAdd() {
            super(null);
        }

        @Override
        protected void build(List<int[]> shapes, io.javagrad.core.DType dtype) {
        }

        @Override
        protected Tensor forward(List<Tensor> inputs, boolean training) {
            return inputs.get(0).add(inputs.get(1));
        }
    }

    private final Input a = Input.of(3);
    private final Input b = Input.of(3);
    private final Dense shared = new Dense(2);
    private final Dense head = new Dense(1);
    private final Dense side = new Dense(2);
    private final Model model;

    FunctionalModelTest() {
        SymbolicTensor ha = shared.apply(a);
        SymbolicTensor hb = shared.apply(b);
        SymbolicTensor sum = new TestAdd().apply(List.of(ha, hb));
        model = new Model(List.of(a, b), List.of(head.apply(sum), side.apply(hb)));
        model.setSeed(5);
    }

    @Test
    void runsTheGraphWithASharedLayer() {
        Tensor xa = Tensor.randn(1, 4, 3);
        Tensor xb = Tensor.randn(2, 4, 3);
        List<Tensor> out = model.callAll(List.of(xa, xb), false);
        Tensor expected1 = head.call(shared.call(xa, false).add(shared.call(xb, false)), false);
        Tensor expected2 = side.call(shared.call(xb, false), false);
        assertArrayEquals(expected1.toFloatArray(), out.get(0).toFloatArray(), 1e-6f);
        assertArrayEquals(expected2.toFloatArray(), out.get(1).toFloatArray(), 1e-6f);
        List<String> names = new ArrayList<>();
        model.layers().forEach(l -> names.add(l.name()));
        assertEquals(List.of("input_layer", "input_layer_1", "dense", "test_add", "dense_1", "dense_2"), names);
        assertEquals(List.of("dense_1", "dense_2"), model.outputNames());
        assertEquals(8 + 3 + 6, model.countParams());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.call(List.of(xa, xb), false));
        assertTrue(e.getMessage().contains("2 outputs; use callAll"), e.getMessage());
    }

    @Test
    void summaryShowsConnections() {
        String s = model.summary();
        assertTrue(s.startsWith("Model: \"functional\"\n"), s);
        assertTrue(s.contains("Connected to"), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith(" test_add (TestAdd)") && l.contains("(None, 2)")
                && l.endsWith("dense[0][0], dense[1][0]")), s);
        assertTrue(s.lines().anyMatch(l -> l.startsWith(" input_layer (InputLayer)") && l.contains("(None, 3)")), s);
        assertTrue(s.contains("Total params: 17\n"), s);
    }

    @Test
    void wrongInputShapeNamesModelInputAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.callAll(List.of(Tensor.ones(2, 3), Tensor.ones(2, 4)), false));
        assertEquals("Functional 'functional': input 'input_layer_1' expects shape (None, 3), got [2, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> model.callAll(List.of(Tensor.ones(2, 3)), false));
        assertTrue(e.getMessage().contains("expected 2 inputs, got 1"), e.getMessage());
    }

    @Test
    void outputsMustDependOnDeclaredInputsOnly() {
        Input stray = Input.of(3);
        SymbolicTensor out = new Dense(1).apply(stray);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Model(a, out));
        assertTrue(e.getMessage().contains("not among the model's inputs"), e.getMessage());
    }

    @Test
    void configRoundTripKeepsNodesOfSharedLayers() {
        model.build();
        Map<String, Object> config = model.getConfig();
        Map<?, ?> addEntry = ((List<?>) config.get("layers")).stream().map(o -> (Map<?, ?>) o)
                .filter(m -> m.get("name").equals("test_add")).findFirst().orElseThrow();
        assertEquals(List.of(List.of(List.of("dense", 0, 0, Map.of()), List.of("dense", 1, 0, Map.of()))),
                addEntry.get("inbound_nodes"));
        assertEquals(List.of(List.of("dense_1", 0, 0), List.of("dense_2", 0, 0)), config.get("output_layers"));
        Model copy = Model.fromConfig(model.modelConfig());
        assertEquals(config, copy.getConfig());
        copy.build();
        for (int i = 0; i < model.weights().size(); i++) {
            copy.weights().get(i).assign(model.weights().get(i).value());
        }
        List<Tensor> x = List.of(Tensor.randn(3, 5, 3), Tensor.randn(4, 5, 3));
        List<Tensor> expected = model.predict(x, 2);
        List<Tensor> got = copy.predict(x, 2);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected.get(i).toFloatArray(), got.get(i).toFloatArray());
        }
    }

    @Test
    void readsKeras2AndKeras3FunctionalConfigs() {
        Map<String, Object> input = Map.of("batch_input_shape", Arrays.asList(null, 2), "dtype", "float32",
                "sparse", false, "name", "input_1");
        Map<String, Object> dense = Map.of("name", "dense", "trainable", true, "dtype", "float32", "units", 4,
                "activation", "elu", "use_bias", true);
        Object keras2Node = List.of(List.of(List.of("input_1", 0, 0, Map.of())));
        Map<String, Object> tensor = Map.of("class_name", "__keras_tensor__", "config",
                Map.of("shape", Arrays.asList(null, 2), "dtype", "float32", "keras_history", List.of("input_1", 0, 0)));
        Object keras3Node = List.of(Map.of("args", List.of(tensor), "kwargs", Map.of()));
        for (Object nodes : List.of(keras2Node, keras3Node)) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("name", "model");
            config.put("layers", List.of(
                    Map.of("name", "input_1", "class_name", "InputLayer", "config", input, "inbound_nodes", List.of()),
                    Map.of("name", "dense", "class_name", "Dense", "config", dense, "inbound_nodes", nodes)));
            config.put("input_layers", List.of(List.of("input_1", 0, 0)));
            config.put("output_layers", List.of(List.of("dense", 0, 0)));
            Model m = Model.fromConfig(Map.of("class_name", "Model", "config", config));
            assertEquals("model", m.name());
            assertArrayEquals(new int[] {3, 4}, m.predict(Tensor.ones(3, 2)).shape());
        }
    }

    @Test
    void functionalModelInsideSequentialCanBeFrozen() {
        Input in = Input.of(4);
        Model base = new Model(in, new Dense(3).apply(in));
        Sequential outer = new Sequential(4);
        outer.add(base).add(new Dense(1));
        outer.build();
        assertEquals(15 + 4, outer.countTrainableParams());
        base.setTrainable(false);
        assertEquals(4, outer.countTrainableParams());
        assertArrayEquals(new int[] {2, 1}, outer.predict(Tensor.ones(2, 4)).shape());
    }
}
