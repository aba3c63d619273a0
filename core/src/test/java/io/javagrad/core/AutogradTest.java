package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.kernels.ParallelFor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutogradTest {

    private static Tensor vec(double... v) {
        return Tensor.of(v).requiresGrad(true);
    }

    @Test
    void bothGradientsOfABackwardRunUnrecordedWhereverTheyRun() {
        int saved = Parallelism.threads();
        Parallelism.setThreads(2);
        try {
            // Many times: a worker still parked when the caller is done with its task loses the other task to it.
            for (int i = 0; i < 200; i++) {
                boolean[] recorded = new boolean[2];
                try (Autograd.Scope backward = Autograd.noGrad()) {
                    Autograd.bothGradients(ParallelFor.MIN_PARALLEL_WORK, () -> recorded[0] = Autograd.isGradEnabled(),
                            () -> recorded[1] = Autograd.isGradEnabled());
                }
                assertFalse(recorded[0] || recorded[1], "a gradient task ran with recording on");
            }
        } finally {
            Parallelism.setThreads(saved);
        }
    }

    @Test
    void backwardOfSumOfSquaresIsTwiceTheInput() {
        Tensor x = vec(1, 2, 3);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Tensor x = vec(1, 2);
        x.mul(3).sum().backward();
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {6, 6}, x.grad().toDoubleArray(), 0);
        x.zeroGrad();
        assertNull(x.grad());
    }

    @Test
    void sharedSubexpressionsSumTheirGradients() {
        Tensor x = vec(2);
        Tensor y = x.mul(x);
        y.add(y).add(x).sum().backward(); // d/dx (2 x^2 + x) = 4x + 1
        assertEquals(9, x.grad().item(), 0);
    }

    @Test
    void backwardOnNonScalarNeedsAGradient() {
        Tensor x = vec(1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward());
        assertTrue(e.getMessage().contains("not a scalar"), e.getMessage());
        x.mul(2).backward(Tensor.of(new double[] {1, 10}));
        assertArrayEquals(new double[] {2, 20}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void secondBackwardThroughFreedGraphFailsClearlyUnlessRetained() {
        Tensor x = vec(1, 2);
        Tensor y = x.exp().sum();
        y.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());

        Tensor z = x.exp().sum();
        z.backward(null, true, false);
        z.backward();
    }

    @Test
    void inPlaceChangeOfASavedTensorIsDetected() {
        Tensor x = vec(1, 2);
        Tensor e = x.exp();
        Tensor y = e.sum();
        Tensor loss = e.mul(e).sum().add(y);
        try (Autograd.Scope s = Autograd.noGrad()) {
            e.mulInPlace(2);
        }
        IllegalStateException ex = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(ex.getMessage().contains("modified in place"), ex.getMessage());
    }

    @Test
    void inPlaceChangeOfALeafThatRequiresGradNeedsNoGrad() {
        Tensor w = vec(1, 2);
        assertThrows(IllegalStateException.class, () -> w.mulInPlace(2));
        try (Autograd.Scope s = Autograd.noGrad()) {
            w.mulInPlace(2);
        }
        assertArrayEquals(new double[] {2, 4}, w.toDoubleArray(), 0);
    }

    @Test
    void noGradScopeRecordsNothingAndRestoresTheMode() {
        Tensor x = vec(1);
        Tensor y;
        try (Autograd.Scope s = Autograd.noGrad()) {
            y = x.mul(2);
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = vec(3);
        Tensor y = x.mul(x).detach().mul(x).sum();
        y.backward();
        assertEquals(9, x.grad().item(), 0);
    }

    @Test
    void gradOfGradGivesTheSecondDerivative() {
        Tensor x = vec(2);
        Tensor y = x.pow(3).sum();
        Tensor dy = Autograd.grad(y, List.of(x), true).get(0); // 3x^2 = 12
        assertEquals(12, dy.item(), 1e-12);
        Tensor d2y = Autograd.grad(dy.sum(), List.of(x), false).get(0); // 6x = 12
        assertEquals(12, d2y.item(), 1e-12);
        assertNull(x.grad(), "Autograd.grad must not touch .grad()");
    }

    @Test
    void hessianVectorProduct() {
        // f(x) = sum(x_i^2 x_j) ... use f = (x . x)^2, H = 8 x x^T + 4 (x . x) I
        Tensor x = vec(1, 2);
        Tensor f = x.mul(x).sum().square();
        Tensor g = Autograd.grad(f, List.of(x), true).get(0);
        Tensor v = Tensor.of(new double[] {1, 0});
        Tensor hv = Autograd.grad(g.mul(v).sum(), List.of(x), false).get(0);
        // H v = 8 x (x . v) + 4 |x|^2 v = 8 [1,2] * 1 + 20 [1,0] = [28, 16]
        assertArrayEquals(new double[] {28, 16}, hv.toDoubleArray(), 1e-12);
    }

    @Test
    void gradOfAnIntermediateTensor() {
        Tensor x = vec(1, 2);
        Tensor h = x.mul(3);
        Tensor y = h.square().sum();
        Tensor dh = Autograd.grad(List.of(y), List.of(h), null, false, false, false).get(0);
        assertArrayEquals(new double[] {6, 12}, dh.toDoubleArray(), 1e-12);
    }

    @Test
    void broadcastGradientsReduceToTheInputShape() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {10, 20, 30}).requiresGrad(true);
        a.add(b).mul(b).sum().backward();
        assertArrayEquals(new int[] {3}, b.grad().shape());
        // d/db sum((a + b) b) = sum over rows of (a + 2b)
        assertArrayEquals(new double[] {1 + 4 + 40, 2 + 5 + 80, 3 + 6 + 120}, b.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aGradientOnceReturnedNeverChangesUnderItsHolder() {
        Tensor x = vec(1, 2);
        x.mul(3).sum().backward();
        Tensor held = x.grad();
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {3, 3}, held.toDoubleArray(), 0);
        assertArrayEquals(new double[] {6, 6}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void leavesReceivingTheSameGradientGetTensorsOfTheirOwn() {
        Tensor a = vec(1, 2);
        Tensor b = vec(3, 4);
        a.add(b).mul(2).sum().backward(); // add passes one gradient tensor to both inputs
        assertNotSame(a.grad(), b.grad());
        a.grad().mulInPlace(10);
        assertArrayEquals(new double[] {2, 2}, b.grad().toDoubleArray(), 0);
        // a leaf used twice accumulates both paths, whichever buffer it keeps
        Tensor x = vec(1, 2);
        x.mul(2).add(x.mul(5)).sum().backward();
        assertArrayEquals(new double[] {7, 7}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void theSeedGradientIsNeverAdoptedByALeaf() {
        Tensor x = vec(1, 2);
        Tensor seed = Tensor.of(new double[] {5, 6});
        x.add(1).backward(seed); // addScalar hands the seed through unchanged
        x.add(1).backward(seed); // accumulates in place into x's own gradient
        assertNotSame(seed, x.grad());
        assertArrayEquals(new double[] {5, 6}, seed.toDoubleArray(), 0);
        assertArrayEquals(new double[] {10, 12}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void aCustomFunctionsGradientIsCopiedNotAdopted() {
        Tensor constant = Tensor.of(new double[] {1, 1});
        Function identityWithFixedGradient = new Function() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor... in) {
                return in[0].mul(1);
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor g) {
                return new Tensor[] {constant};
            }
        };
        Tensor x = vec(1, 2);
        identityWithFixedGradient.apply(x).sum().backward();
        identityWithFixedGradient.apply(x).sum().backward();
        assertArrayEquals(new double[] {1, 1}, constant.toDoubleArray(), 0);
        assertArrayEquals(new double[] {2, 2}, x.grad().toDoubleArray(), 0);
    }
}
