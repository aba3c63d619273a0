package io.javagrad.core;

import static io.javagrad.core.TestTensors.checkTwice;
import static io.javagrad.core.TestTensors.forEachLayout;
import static io.javagrad.core.TestTensors.randn;
import static io.javagrad.core.TestTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FusedOpsTest {

    @Test
    void linearGradients() {
        Tensor w = randn(2, 4, 3);
        Tensor b = randn(3, 3);
        forEachLayout(randn(1, 5, 4), x -> checkTwice(in -> in[0].linear(in[1], in[2]), x, w, b));
        forEachLayout(randn(4, 4, 3), wl -> checkTwice(in -> in[0].linear(in[1], in[2]), randn(5, 5, 4), wl, b));
        checkTwice(in -> in[0].linear(in[1], in[2]).mul(in[0].sum(-1, true)), randn(6, 2, 3, 4), w, b);
        checkTwice(in -> in[0].linear(in[1], null), randn(7, 1, 4), w);
    }

    @Test
    void linearEqualsMatmulPlusBias() {
        Tensor x = Tensor.randn(new Rng(8), DType.FLOAT32, 6, 5);
        Tensor w = Tensor.randn(new Rng(9), DType.FLOAT32, 5, 7);
        Tensor b = Tensor.randn(new Rng(10), DType.FLOAT32, 7);
        assertArrayEquals(x.matmul(w).add(b).toFloatArray(), x.linear(w, b).toFloatArray(), 1e-5f);
        assertArrayEquals(new int[] {2, 3, 7}, x.reshape(2, 3, 5).linear(w, b).shape());
    }

    @Test
    void linearReluGradients() {
        Tensor w = randn(12, 4, 3);
        Tensor b = randn(13, 3);
        forEachLayout(randn(11, 5, 4), x -> checkTwice(in -> in[0].linearRelu(in[1], in[2]), x, w, b));
        forEachLayout(randn(14, 4, 3), wl -> checkTwice(in -> in[0].linearRelu(in[1], in[2]), randn(15, 5, 4), wl, b));
        checkTwice(in -> in[0].linearRelu(in[1], in[2]).mul(in[0].sum(-1, true)), randn(16, 6, 4), w, b);
        checkTwice(in -> in[0].linearRelu(in[1], in[2]), randn(17, 2, 3, 4), w, b);
        checkTwice(in -> in[0].linearRelu(in[1], null), randn(18, 7, 4), w);
    }

    @Test
    void linearReluEqualsLinearThenReluBitForBit() {
        Rng rng = new Rng(19);
        Tensor x = Tensor.randn(rng, DType.FLOAT32, 33, 40);
        Tensor w = Tensor.randn(rng, DType.FLOAT32, 40, 70);
        Tensor b = Tensor.randn(rng, DType.FLOAT32, 70);
        Tensor seed = Tensor.randn(rng, DType.FLOAT32, 33, 70);
        Tensor[] fused = {x.detach().requiresGrad(true), w.detach().requiresGrad(true), b.detach().requiresGrad(true)};
        Tensor[] chain = {x.detach().requiresGrad(true), w.detach().requiresGrad(true), b.detach().requiresGrad(true)};
        Tensor fusedOut = fused[0].linearRelu(fused[1], fused[2]);
        Tensor chainOut = chain[0].linear(chain[1], chain[2]).relu();
        assertArrayEquals(chainOut.toFloatArray(), fusedOut.toFloatArray(), 0f);
        assertTrue(fusedOut.eq(0).sum().item() > 100 && fusedOut.gt(0).sum().item() > 100); // both sides of the kink
        fusedOut.backward(seed);
        chainOut.backward(seed);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(chain[i].grad().toFloatArray(), fused[i].grad().toFloatArray(), 0f, "input " + i);
        }
    }

    @Test
    void linearGradientsInInputHalvesEqualTheWholeProductsBitForBit() {
        // A plain backward computes a Dense layer's two gradients in two halves of its input features; each element
        // must be the dot product of the whole products, in the same order: odd and tile-unaligned sizes, both
        // dtypes, an input read through a transposed view, and a second step writing into the kept weight gradient.
        Rng rng = new Rng(20);
        int[][] shapes = {{37, 301, 70}, {64, 784, 256}, {5, 2, 3}, {1, 3, 1}};
        for (DType dtype : DType.values()) {
            for (int[] s : shapes) {
                Tensor xt = Tensor.randn(rng, dtype, s[1], s[0]).requiresGrad(true);
                Tensor w = Tensor.randn(rng, dtype, s[1], s[2]).requiresGrad(true);
                Tensor b = Tensor.randn(rng, dtype, s[2]).requiresGrad(true);
                for (int step = 0; step < 2; step++) {
                    Tensor seed = Tensor.randn(rng, dtype, s[0], s[2]);
                    Tensor x = xt.t();
                    x.linear(w, b).backward(seed);
                    String where = dtype + " " + java.util.Arrays.toString(s) + " step " + step;
                    assertArrayEquals(seed.matmul(w.detach().t()).t().toDoubleArray(), xt.grad().toDoubleArray(),
                            0, "input gradient, " + where);
                    assertArrayEquals(x.detach().t().matmul(seed).toDoubleArray(), w.gradForUpdate().toDoubleArray(),
                            0, "weight gradient, " + where);
                    assertArrayEquals(seed.sum(0, false).toDoubleArray(), b.grad().toDoubleArray(), 0,
                            "bias gradient, " + where);
                    xt.zeroGrad();
                    w.zeroGrad();
                    b.zeroGrad();
                }
            }
        }
    }

    @Test
    void linearRejectsMismatchedShapes() {
        Tensor x = Tensor.zeros(2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.linear(Tensor.zeros(3, 5), null));
        assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[3, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> x.linear(Tensor.zeros(4, 5), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("bias must have shape [5]"), e.getMessage());
    }

    @Test
    void softmaxCrossEntropyGradientsForOneHotAndSoftTargets() {
        Tensor oneHot = Tensor.oneHot(Tensor.of(new double[] {2, 0, 1, 2}), 3);
        forEachLayout(randn(11, 4, 3), x -> checkTwice(in -> in[0].softmaxCrossEntropy(oneHot), x));
        // soft targets that need a gradient and do not sum to 1; logits with two leading axes
        checkTwice(in -> in[0].softmaxCrossEntropy(in[1]), randn(12, 2, 3, 5), uniform(13, 0, 1, 2, 3, 5));
    }

    @Test
    void softmaxCrossEntropyEqualsTheComposedLoss() {
        Tensor logits = TestTensors.map(randn(14, 6, 4), x -> 10 * x);
        Tensor targets = uniform(15, 0, 1, 6, 4);
        Tensor composed = logits.logSoftmax(-1).mul(targets).sum(-1, false).mean().neg();
        Tensor fused = logits.softmaxCrossEntropy(targets);
        assertEquals(composed.item(), fused.item(), 1e-12);
        assertEquals(0, fused.rank());
        fused.backward();
        Tensor fusedGrad = logits.grad();
        logits.zeroGrad();
        composed.backward();
        assertArrayEquals(logits.grad().toDoubleArray(), fusedGrad.toDoubleArray(), 1e-12);
    }

    @Test
    void softmaxCrossEntropyBackwardIsTheChainInOnePassAndDifferentiable() {
        Tensor logits = randn(16, 3, 4);
        Tensor targets = uniform(17, 0, 1, 3, 4);
        Tensor g = Tensor.scalar(DType.FLOAT64, 0.7).requiresGrad(true);
        double[] x = logits.toDoubleArray();
        double[] t = targets.toDoubleArray();
        double[] fused = FusedOps.softmaxCrossEntropyBackward(logits, targets, g, 3).toDoubleArray();
        for (int r = 0; r < 3; r++) {
            double max = Double.NEGATIVE_INFINITY;
            double expSum = 0;
            double targetSum = 0;
            for (int j = 0; j < 4; j++) {
                max = Math.max(max, x[4 * r + j]);
            }
            for (int j = 0; j < 4; j++) {
                expSum += Math.exp(x[4 * r + j] - max);
                targetSum += t[4 * r + j];
            }
            for (int j = 0; j < 4; j++) {
                double y = Math.exp(x[4 * r + j] - max) / expSum;
                assertEquals((y * targetSum - t[4 * r + j]) * 0.7 / 3, fused[4 * r + j], 1e-15);
            }
        }
        forEachLayout(logits, xl -> checkTwice(in -> FusedOps.softmaxCrossEntropyBackward(in[0], in[1], in[2], 3),
                xl, targets, g));
    }

    @Test
    void softmaxCrossEntropyIsStableForLargeLogits() {
        Tensor logits = Tensor.of(new float[] {1000, 0, -1000, 1000}, 2, 2);
        Tensor targets = Tensor.of(new float[] {1, 0, 0, 1}, 2, 2);
        assertEquals(0, logits.softmaxCrossEntropy(targets).item(), 0);
    }

    @Test
    void softmaxCrossEntropyRejectsMismatchedShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(4, 3).softmaxCrossEntropy(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("[4, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).softmaxCrossEntropy(Tensor.zeros(0, 3)));
    }
}
