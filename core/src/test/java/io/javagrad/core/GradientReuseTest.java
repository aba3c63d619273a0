package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** A weight gradient that zeroGrad dropped unshared is written over by the next backward; a shared one never is. */
class GradientReuseTest {
    private final Rng rng = new Rng(21);
    private final Tensor w = Tensor.randn(rng, DType.FLOAT32, 3, 4).requiresGrad(true);
    private final Tensor b = Tensor.randn(rng, DType.FLOAT32, 4).requiresGrad(true);

    /** Backward of sum(relu(x w + b) * 2); returns the expected weight gradient, computed without the fused op. */
    private float[] step(Tensor x) {
        x.linearRelu(w, b).mul(2).sum().backward();
        Tensor wd = w.detach().requiresGrad(true);
        x.matmul(wd).add(b.detach()).relu().mul(2).sum().backward();
        return wd.grad().toFloatArray();
    }

    @Test
    void theNextBackwardWritesTheWeightGradientIntoTheStorageZeroGradKept() {
        step(Tensor.randn(rng, DType.FLOAT32, 5, 3));
        float[] storage = w.gradForUpdate().f;
        w.zeroGrad();
        w.zeroGrad(); // a second one, with no gradient, keeps what the first kept
        float[] expected = step(Tensor.randn(rng, DType.FLOAT32, 5, 3));
        assertSame(storage, w.gradForUpdate().f, "the kept storage is reused");
        assertArrayEquals(expected, w.gradForUpdate().toFloatArray(), 1e-6f);
    }

    @Test
    void aGradientHandedOutByGradIsNeverWrittenOver() {
        step(Tensor.randn(rng, DType.FLOAT32, 5, 3));
        Tensor held = w.grad();
        float[] before = held.toFloatArray();
        w.zeroGrad();
        float[] expected = step(Tensor.randn(rng, DType.FLOAT32, 5, 3));
        assertArrayEquals(before, held.toFloatArray(), 0);
        assertNotSame(held.f, w.gradForUpdate().f);
        assertArrayEquals(expected, w.gradForUpdate().toFloatArray(), 1e-6f);
    }

    @Test
    void aGradientSetBetweenZeroGradAndBackwardIsAddedToAndTheKeptStorageLeftAlone() {
        step(Tensor.randn(rng, DType.FLOAT32, 5, 3));
        float[] storage = w.gradForUpdate().f;
        w.zeroGrad();
        w.setGrad(Tensor.ones(DType.FLOAT32, 3, 4));
        float[] expected = step(Tensor.randn(rng, DType.FLOAT32, 5, 3));
        for (int i = 0; i < expected.length; i++) {
            expected[i] += 1;
        }
        assertNotSame(storage, w.gradForUpdate().f);
        assertArrayEquals(expected, w.gradForUpdate().toFloatArray(), 1e-6f);
    }

    @Test
    void aRecordedBackwardMakesANewDifferentiableGradient() {
        step(Tensor.randn(rng, DType.FLOAT32, 5, 3));
        float[] storage = w.gradForUpdate().f;
        w.zeroGrad();
        Tensor x = Tensor.randn(rng, DType.FLOAT32, 5, 3);
        x.linear(w, b).square().sum().backward(null, false, true); // dW = 2 x^T (x w + b) depends on w
        assertNotSame(storage, w.gradForUpdate().f);
        assertNotNull(w.gradForUpdate().gradFn(), "under createGraph the gradient is recorded");
    }
}
