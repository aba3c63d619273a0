package io.javagrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {

    private static Tensor param(float... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    private static void grads(List<Tensor> params, float... value) {
        for (Tensor p : params) {
            p.setGrad(Tensor.full(p.dtype(), value[0], p.shape()));
        }
    }

    @Test
    void stateHoldsTheStepAndEverySlotWithPyTorchNames() {
        List<Tensor> params = List.of(param(1, 2), param(3));
        Optimizer adam = new Adam(0.1, 0.9, 0.999, 1e-8, 0, true).setParameters(params);
        grads(params, 0.5f);
        adam.step();
        adam.step();
        Map<String, Tensor> state = adam.state();
        assertEquals(List.of("step", "param.0.exp_avg", "param.0.exp_avg_sq", "param.0.max_exp_avg_sq",
                "param.1.exp_avg", "param.1.exp_avg_sq", "param.1.max_exp_avg_sq"), List.copyOf(state.keySet()));
        assertEquals(2, state.get("step").item());
        assertEquals(2, adam.stepCount());
        // m after two steps of g = 0.5: 0.5 * (1 - 0.9^2)
        assertArrayEquals(new float[] {0.095f, 0.095f}, state.get("param.0.exp_avg").toFloatArray(), 1e-7f);
    }

    @Test
    void exportedStateIsACopy() {
        List<Tensor> params = List.of(param(1, 2));
        Optimizer sgd = new SGD(0.1, 0.9).setParameters(params);
        grads(params, 1f);
        sgd.step();
        sgd.state().get("param.0.momentum_buffer").fill(100);
        assertArrayEquals(new float[] {1f, 1f}, sgd.state().get("param.0.momentum_buffer").toFloatArray(), 0f);
    }

    @Test
    void loadedStateIsCopiedAndConvertedToTheParameterDtype() {
        List<Tensor> params32 = List.of(param(1, 2));
        Optimizer source = new RMSprop(0.01, 0.9, 1e-8, 0, 0.5, true).setParameters(params32);
        grads(params32, 0.25f);
        source.step();
        Map<String, Tensor> saved = source.state();
        List<Tensor> params64 = List.of(Tensor.of(new double[] {1, 2}).requiresGrad(true));
        Optimizer target = new RMSprop(0.01, 0.9, 1e-8, 0, 0.5, true).setParameters(params64);
        target.loadState(saved);
        saved.get("param.0.square_avg").fill(7);
        Map<String, Tensor> loaded = target.state();
        assertEquals(1, target.stepCount());
        assertEquals(DType.FLOAT64, loaded.get("param.0.grad_avg").dtype());
        assertArrayEquals(source.state().get("param.0.square_avg").toDoubleArray(),
                loaded.get("param.0.square_avg").toDoubleArray(), 0);
    }

    @Test
    void badStateIsRejectedAndLeavesTheOptimizerUnchanged() {
        List<Tensor> params = List.of(param(1, 2), param(3));
        Optimizer adam = new Adam(0.1).setParameters(params);
        grads(params, 1f);
        adam.step();
        Map<String, Tensor> good = adam.state();
        assertRejected(adam, without(good, "step"), "'step'");
        assertRejected(adam, with(good, "step", Tensor.scalar(1.5)), "'step'");
        assertRejected(adam, with(good, "momentum", Tensor.zeros(2)), "unknown state key 'momentum'");
        assertRejected(adam, with(good, "param.2.exp_avg", Tensor.zeros(1)), "'param.2.exp_avg'");
        assertRejected(adam, with(good, "param.0.max_exp_avg_sq", Tensor.zeros(2)), "'param.0.max_exp_avg_sq'");
        assertRejected(adam, with(good, "param.1.exp_avg", Tensor.zeros(2)), "has shape [1]");
        assertRejected(adam, without(good, "param.1.exp_avg_sq"), "parameter 1 has slots [exp_avg]");
        assertEquals(1, adam.stepCount());
        assertArrayEquals(good.get("param.1.exp_avg").toFloatArray(), adam.state().get("param.1.exp_avg").toFloatArray(), 0f);
    }

    private static void assertRejected(Optimizer o, Map<String, Tensor> state, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> o.loadState(state));
        assertTrue(e.getMessage().startsWith(o.name() + ": ") && e.getMessage().contains(fragment), e.getMessage());
    }

    private static Map<String, Tensor> with(Map<String, Tensor> state, String key, Tensor value) {
        Map<String, Tensor> copy = new LinkedHashMap<>(state);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Tensor> without(Map<String, Tensor> state, String key) {
        Map<String, Tensor> copy = new LinkedHashMap<>(state);
        copy.remove(key);
        return copy;
    }

    @Test
    void parametersWithoutAGradientAreSkippedAndGetNoState() {
        Tensor a = param(1, 2);
        Tensor b = param(3);
        Optimizer sgd = new SGD(0.5, 0.9).setParameters(List.of(a, b));
        a.setGrad(Tensor.of(new float[] {1, -1}));
        sgd.step();
        assertArrayEquals(new float[] {0.5f, 2.5f}, a.toFloatArray(), 0f);
        assertArrayEquals(new float[] {3f}, b.toFloatArray(), 0f);
        assertEquals(List.of("step", "param.0.momentum_buffer"), List.copyOf(sgd.state().keySet()));
    }

    @Test
    void theSameParametersKeepTheStateOthersClearIt() {
        List<Tensor> params = List.of(param(1));
        Optimizer adam = new Adam(0.1).setParameters(params);
        grads(params, 1f);
        adam.step();
        adam.setParameters(List.copyOf(params));
        assertEquals(1, adam.stepCount());
        assertEquals(3, adam.state().size());
        adam.setParameters(List.of(param(1)));
        assertEquals(0, adam.stepCount());
        assertEquals(List.of("step"), List.copyOf(adam.state().keySet()));
    }

    @Test
    void optimizesOnlyTheSameTensorsInTheSameOrder() {
        Tensor a = param(1);
        Tensor b = param(2);
        Optimizer sgd = new SGD(0.1);
        assertFalse(sgd.hasParameters());
        assertFalse(sgd.optimizes(List.of()));
        sgd.setParameters(List.of(a, b));
        assertTrue(sgd.hasParameters());
        assertTrue(sgd.optimizes(List.of(a, b)));
        assertFalse(sgd.optimizes(List.of(b, a)));
        assertFalse(sgd.optimizes(List.of(a)));
        assertFalse(sgd.optimizes(List.of(a, param(2))));
    }

    @Test
    void parametersMustBeDistinctVariableLeaves() {
        Tensor p = param(1);
        Optimizer sgd = new SGD(0.1);
        assertThrows(IllegalArgumentException.class, () -> sgd.setParameters(List.of(Tensor.ones(2))));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> sgd.setParameters(List.of(p, p)));
        assertTrue(twice.getMessage().contains("listed twice"), twice.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sgd.setParameters(List.of(p, p.mul(2))));
        assertTrue(e.getMessage().contains("SGD: parameter 1") && e.getMessage().contains("computed by an op"), e.getMessage());
    }

    @Test
    void parametersOfMixedShapesAndDtypesUpdateAsIfAlone() {
        List<Tensor> together = mixedParameters();
        Optimizer shared = new Adam(0.1, 0.9, 0.999, 1e-8, 0.5, false).setParameters(together);
        for (int step = 0; step < 3; step++) {
            setMixedGrads(together, step);
            shared.step();
        }
        List<Tensor> alone = mixedParameters();
        for (int i = 0; i < alone.size(); i++) {
            Optimizer single = new Adam(0.1, 0.9, 0.999, 1e-8, 0.5, false).setParameters(List.of(alone.get(i)));
            for (int step = 0; step < 3; step++) {
                setMixedGrads(alone, step);
                single.step();
            }
            assertArrayEquals(alone.get(i).toDoubleArray(), together.get(i).toDoubleArray(), 0, "parameter " + i);
        }
    }

    private static List<Tensor> mixedParameters() {
        return List.of(Tensor.scalar(2).requiresGrad(true),
                Tensor.randn(1, 3, 4).requiresGrad(true),
                Tensor.of(new double[] {1, -2}).requiresGrad(true),
                Tensor.randn(2, 2).requiresGrad(true));
    }

    private static void setMixedGrads(List<Tensor> params, int step) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            p.setGrad(Tensor.full(p.dtype(), 0.3 * (i + 1) - 0.2 * step, p.shape()));
        }
    }

    @Test
    void stepNeedsParameters() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Adagrad(0.1).step());
        assertTrue(e.getMessage().contains("Adagrad: no parameters"), e.getMessage());
    }

    @Test
    void zeroGradClearsEveryGradient() {
        List<Tensor> params = List.of(param(1), param(2));
        Optimizer sgd = new SGD(0.1).setParameters(params);
        grads(params, 1f);
        sgd.zeroGrad();
        assertNull(params.get(0).grad());
        assertNull(params.get(1).grad());
    }

    @Test
    void adamMinimizesAFloat64QuadraticThroughAutograd() {
        Tensor x = Tensor.of(new double[] {0, 10, -4}).requiresGrad(true);
        Optimizer adam = new Adam(0.1).setParameters(List.of(x));
        for (int i = 0; i < 500; i++) {
            adam.zeroGrad();
            x.sub(3).square().sum().backward();
            adam.step();
        }
        assertArrayEquals(new double[] {3, 3, 3}, x.toDoubleArray(), 1e-3);
        assertTrue(x.isLeaf() && x.requiresGrad());
        assertEquals(DType.FLOAT64, adam.state().get("param.0.exp_avg").dtype());
    }

    @Test
    void learningRateCanBeChangedBetweenSteps() {
        List<Tensor> params = List.of(param(1));
        Optimizer sgd = new SGD(1).setParameters(params);
        sgd.setLearningRate(0.25);
        grads(params, 2f);
        sgd.step();
        assertEquals(0.25, sgd.learningRate());
        assertArrayEquals(new float[] {0.5f}, params.get(0).toFloatArray(), 0f);
    }
}
