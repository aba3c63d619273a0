package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerGraphTest {
    @Test
    void functionalGraphListsCallsAfterTheirInputsAndSharedLayersTwice() {
        Input left = Input.of(4);
        Input right = Input.of(4);
        Dense shared = new Dense(3);
        SymbolicTensor a = shared.apply(left);
        SymbolicTensor b = shared.apply(right);
        SymbolicTensor out = new Dense(2).apply(a);
        Model model = new Model(List.of(left, right), List.of(out, b));

        LayerGraph g = model.layerGraph();
        assertEquals(List.of(left, right), g.inputs());
        assertEquals(List.of(out, b), g.outputs());
        assertEquals(3, g.calls().size());
        assertSame(shared, g.calls().get(0).layer());
        assertSame(left, g.calls().get(0).inputs().get(0));
        assertSame(a, g.calls().get(0).output());
        assertSame(a, g.calls().get(1).inputs().get(0), "the second Dense reads the first call's output");
        assertSame(right, g.calls().get(2).inputs().get(0));
        assertSame(shared, g.calls().get(2).layer());
    }

    @Test
    void sequentialIsAChainFromItsInput() {
        Sequential model = new Sequential(5);
        Dense first = new Dense(3);
        Dense second = new Dense(1);
        model.add(first).add(second);
        LayerGraph g = model.layerGraph();
        assertSame(model.input(), g.inputs().get(0));
        assertEquals(List.of(first, second), g.calls().stream().map(LayerGraph.Call::layer).toList());
        assertSame(g.calls().get(0).output(), g.calls().get(1).inputs().get(0));
        assertSame(g.calls().get(1).output(), g.outputs().get(0));
        assertThrows(IllegalStateException.class, () -> new Sequential().add(new Dense(1)).layerGraph());
    }

    @Test
    void seedIsWhatTheModelWasGiven() {
        Sequential model = new Sequential(2);
        assertEquals(0, model.seed());
        model.setSeed(42);
        assertEquals(42, model.seed());
    }
}
