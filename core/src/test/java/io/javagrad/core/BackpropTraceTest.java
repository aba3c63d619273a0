package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackpropTraceTest {
    // y = sigmoid(w x + b) at w = 0.5, x = 0.8, b = 0.3: z = 0.7, y = 0.668188, y' = y (1 - y) = 0.221713
    private static final double Y = 0.6681877721681662;
    private static final double DY_DZ = 0.22171287329310904;

    private final Tensor w = Tensor.of(new double[] {0.5}).requiresGrad(true).setName("w");
    private final Tensor x = Tensor.of(new double[] {0.8}).setName("x");
    private final Tensor b = Tensor.of(new double[] {0.3}).requiresGrad(true).setName("b");

    private Tensor neuron() {
        return w.mul(x).add(b).sigmoid().setName("y");
    }

    private static void assertValue(double expected, Tensor t) {
        assertEquals(1, t.numel());
        assertEquals(expected, t.toDoubleArray()[0], 1e-12);
    }

    @Test
    void neuronStepsRunFromSigmoidBackToMulWithHandComputedNumbers() {
        Tensor y = neuron();
        List<BackpropTrace.Step> steps = BackpropTrace.of(y.sum()).steps();
        assertEquals(List.of("sum", "sigmoid", "add", "mul"), steps.stream().map(BackpropTrace.Step::op).toList());

        BackpropTrace.Step sigmoid = steps.get(1);
        assertEquals(2, sigmoid.index());
        assertEquals("y", sigmoid.outputLabel());
        assertValue(Y, sigmoid.output());
        assertValue(1, sigmoid.upstream());
        BackpropTrace.Operand z = sigmoid.inputs().get(0);
        assertValue(0.7, z.value());
        assertValue(DY_DZ, z.localDerivative());
        assertValue(DY_DZ, z.gradient());

        BackpropTrace.Step add = steps.get(2);
        assertEquals(z.label(), add.outputLabel());
        assertValue(DY_DZ, add.upstream());
        assertEquals("b", add.inputs().get(1).label());
        for (BackpropTrace.Operand in : add.inputs()) {
            assertValue(1, in.localDerivative());
            assertValue(DY_DZ, in.gradient());
        }

        BackpropTrace.Step mul = steps.get(3);
        assertValue(DY_DZ, mul.upstream());
        BackpropTrace.Operand wIn = mul.inputs().get(0);
        assertEquals("w", wIn.label());
        assertValue(0.5, wIn.value());
        assertValue(0.8, wIn.localDerivative());
        assertValue(DY_DZ * 0.8, wIn.gradient());
        BackpropTrace.Operand xIn = mul.inputs().get(1);
        assertValue(0.8, xIn.value());
        assertNull(xIn.localDerivative());
        assertNull(xIn.gradient());

        assertValue(DY_DZ * 0.8, w.grad());
        assertValue(DY_DZ, b.grad());
        assertNull(x.grad());
    }

    @Test
    void formatShowsEachStepAsAnEquationWithItsNumbers() {
        String text = BackpropTrace.of(neuron()).format();
        assertTrue(text.startsWith("backward pass: 3 steps"), text);
        assertTrue(text.contains("step 1: y = sigmoid(t1)"), text);
        assertTrue(text.contains("step 2: t1 = add(t2, b)"), text);
        assertTrue(text.contains("step 3: t2 = mul(w, x)"), text);
        assertTrue(text.contains("    local dy/dt1             = [0.2217]   [1] float64"), text);
        assertTrue(text.contains("    gradient dL/dw           = [0.1774]   [1] float64"), text);
        assertTrue(text.contains("    gradient                 = none (constant)"), text);
    }

    @Test
    void nonElementwiseOpsAndBroadcastInputsShowTheVectorJacobianProduct() {
        Tensor m = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
        Tensor bias = Tensor.of(new double[] {10, 20}).requiresGrad(true);
        Tensor v = Tensor.of(new double[][] {{1}, {-1}}).requiresGrad(true);
        BackpropTrace trace = BackpropTrace.of(m.add(bias).matmul(v).sum());
        assertEquals(List.of("sum", "matmul", "add"), trace.steps().stream().map(BackpropTrace.Step::op).toList());
        BackpropTrace.Step matmul = trace.steps().get(1);
        assertNull(matmul.inputs().get(0).localDerivative());
        assertArrayEquals(new double[] {1, -1, 1, -1}, matmul.inputs().get(0).gradient().toDoubleArray(), 0);
        BackpropTrace.Step add = trace.steps().get(2);
        assertArrayEquals(new double[] {1, 1, 1, 1}, add.inputs().get(0).localDerivative().toDoubleArray(), 0);
        assertNull(add.inputs().get(1).localDerivative());
        assertArrayEquals(new double[] {2, -2}, add.inputs().get(1).gradient().toDoubleArray(), 0);
        String text = trace.format();
        assertTrue(text.lines().anyMatch(l -> l.startsWith("    local dt2/dt3 ")
                && l.endsWith(" = vector-Jacobian product (not element-wise)")), text);
        assertTrue(text.contains("vector-Jacobian product (broadcast input"), text);
    }

    @Test
    void bigTensorsAreShownByShape() {
        Tensor big = Tensor.ones(DType.FLOAT32, 5, 4).requiresGrad(true);
        String text = BackpropTrace.of(big.tanh().sum()).format();
        assertTrue(text.contains("= [5, 4] float32\n"), text);
    }

    @Test
    void sharedTensorReceivesTheSumOfItsConsumersGradients() {
        Tensor t = Tensor.of(new double[] {3}).requiresGrad(true);
        Tensor u = t.mul(2).setName("u");
        BackpropTrace trace = BackpropTrace.of(u.mul(u).add(u));   // d/du (u^2 + u) = 2u + 1 = 13
        BackpropTrace.Step last = trace.steps().get(trace.steps().size() - 1);
        assertEquals("u", last.outputLabel());
        assertValue(13, last.upstream());
    }

    @Test
    void recordingStopsWithTheTraceEvenWhenTheBackwardThrows() {
        Tensor y = neuron();
        assertThrows(IllegalStateException.class, () -> BackpropTrace.record(() -> {
            throw new IllegalStateException("boom");
        }));
        assertNull(Autograd.setListener(null));
        BackpropTrace outer = BackpropTrace.record(() -> {
            BackpropTrace inner = BackpropTrace.of(y);
            assertEquals(3, inner.steps().size());
            y.backward(null, true, false);
        });
        assertEquals(3, outer.steps().size());
        y.backward();
        assertEquals(3, outer.steps().size());
        assertNull(Autograd.setListener(null));
    }

    @Test
    void tracedStepsAreDetachedEvenWithCreateGraph() {
        Tensor y = neuron();
        BackpropTrace trace = BackpropTrace.record(() -> y.backward(null, false, true));
        for (BackpropTrace.Step s : trace.steps()) {
            assertTrue(s.output().isLeaf() && s.upstream().isLeaf());
        }
        assertTrue(w.grad().requiresGrad());
    }
}
