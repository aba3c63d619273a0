package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Convolution and pooling split their batch over threads, the fused Adam step and element-wise ops their elements,
 * sums that keep one axis (bias gradients) their slots, dropout masks their draws, and a product's backward may compute
 * its two gradients at once; outputs and gradients must be bit-identical with 1, 2 and 3 threads. The sizes are above
 * the kernels' parallel thresholds, and odd, so that the chunks are uneven.
 */
@Tag("kernels")
class ThreadCountDeterminismTest {
    private final int saved = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(saved);
    }

    /** Runs {@code f} with 1, 2 and 3 threads and checks that every returned tensor is the same bit for bit. */
    private void assertSameForEveryThreadCount(Supplier<List<Tensor>> f) {
        Parallelism.setThreads(1);
        List<Tensor> expected = f.get();
        for (int threads = 2; threads <= 3; threads++) {
            Parallelism.setThreads(threads);
            List<Tensor> actual = f.get();
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).toFloatArray(), actual.get(i).toFloatArray(),
                        "result " + i + " with " + threads + " threads");
            }
        }
    }

    /** The output and the gradients of every input of {@code loss(out)}, with fresh leaves each time. */
    private static List<Tensor> outputAndGrads(java.util.function.Function<Tensor[], Tensor> op, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].detach().contiguous().cloneTensor().requiresGrad(true);
        }
        Tensor out = op.apply(leaves);
        out.mul(out).sum().backward();
        List<Tensor> all = new ArrayList<>();
        all.add(out);
        for (Tensor leaf : leaves) {
            all.add(leaf.grad());
        }
        return all;
    }

    @Test
    void conv2dForwardAndGradients() {
        Rng rng = new Rng(21);
        Tensor x = Tensor.randn(rng, DType.FLOAT32, 23, 8, 16, 16);
        Tensor w = Tensor.randn(rng, DType.FLOAT32, 16, 8, 3, 3);
        Tensor b = Tensor.randn(rng, DType.FLOAT32, 16);
        ConvOptions o = ConvOptions.of();
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].conv2d(in[1], in[2], o), x, w, b));
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].conv2dRelu(in[1], in[2], o), x, w, b));
    }

    @Test
    void productsAndDenseLayersWithBothGradientsAtOnce() {
        // Both operands need a gradient, so their two products may run at once, one per thread.
        Rng rng = new Rng(25);
        Tensor a = Tensor.randn(rng, DType.FLOAT32, 67, 129);
        Tensor b = Tensor.randn(rng, DType.FLOAT32, 129, 131);
        Tensor bias = Tensor.randn(rng, DType.FLOAT32, 131);
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].matmul(in[1]), a, b));
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].linear(in[1], in[2]), a, b, bias));
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].linearRelu(in[1], in[2]), a, b, bias));
    }

    @Test
    void elementwiseOpsOnLargeTensors() {
        Rng rng = new Rng(26);
        Tensor a = Tensor.randn(rng, DType.FLOAT32, 7, 10007);
        Tensor b = Tensor.randn(rng, DType.FLOAT32, 7, 10007);
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].tanh(), a));
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].relu().mul(3), a));
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].mul(in[1]).add(in[0]), a, b));
    }

    @Test
    void sumsKeepingOneAxis() {
        Tensor x = Tensor.randn(new Rng(27), DType.FLOAT32, 21, 13, 17, 19);
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].sum(new int[] {0, 2, 3}, false), x));
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].amax(new int[] {0, 3}, true), x));
    }

    @Test
    void dropoutMaskAndTheGeneratorAfterIt() {
        assertSameForEveryThreadCount(() -> {
            Rng rng = new Rng(29);
            Tensor mask = Tensor.dropoutMask(rng, DType.FLOAT32, 0.5, 3, 33331);
            return List.of(mask, Tensor.rand(rng, DType.FLOAT32, 5));
        });
    }

    @Test
    void fusedConvolutionAndMaxPool() {
        Rng rng = new Rng(30);
        Tensor x = Tensor.randn(rng, DType.FLOAT32, 20, 3, 16, 16);
        Tensor w = Tensor.randn(rng, DType.FLOAT32, 8, 3, 3, 3);
        Tensor b = Tensor.randn(rng, DType.FLOAT32, 8);
        int[] k = {2, 2};
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].conv2dReluMaxPool2d(in[1], in[2],
                ConvOptions.of(), k, k, new int[4]), x, w, b));
    }

    @Test
    void overlappingMaxPoolGradients() {
        Tensor x = Tensor.randn(new Rng(28), DType.FLOAT32, 17, 16, 20, 20);
        int[] none = {0, 0, 0, 0};
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].maxPool2d(new int[] {3, 3}, new int[] {1, 1},
                none), x));
    }

    @Test
    void poolingForwardAndGradients() {
        Tensor x = Tensor.randn(new Rng(22), DType.FLOAT32, 64, 32, 26, 26);
        int[] k = {2, 2};
        int[] none = {0, 0, 0, 0};
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].maxPool2d(k, k, none), x));
        assertSameForEveryThreadCount(() -> outputAndGrads(in -> in[0].avgPool2d(k, k, none, true), x));
    }

    @Test
    void weightGradientSummedInGroupsEqualsTheSumOverSingleImages() {
        Rng rng = new Rng(23);
        Tensor x = Tensor.randn(rng, DType.FLOAT64, 19, 3, 9, 9);
        Tensor w = Tensor.randn(rng, DType.FLOAT64, 4, 3, 3, 3).requiresGrad(true);
        Tensor g = Tensor.randn(rng, DType.FLOAT64, 19, 4, 7, 7);
        x.conv2d(w, null, ConvOptions.of()).backward(g);
        Tensor batched = w.grad();
        Tensor summed = Tensor.zeros(DType.FLOAT64, 4, 3, 3, 3);
        for (int n = 0; n < 19; n++) {
            w.zeroGrad();
            x.slice(0, n, n + 1).conv2d(w, null, ConvOptions.of()).backward(g.slice(0, n, n + 1));
            summed = summed.add(w.grad());
        }
        assertArrayEquals(summed.toDoubleArray(), batched.toDoubleArray(), 1e-10);
    }

    @Test
    void fusedAdamStepOnALargeParameter() {
        Rng rng = new Rng(24);
        Tensor p = Tensor.randn(rng, DType.FLOAT32, 400, 500);
        Tensor g = Tensor.randn(rng, DType.FLOAT32, 400, 500);
        Tensor m = Tensor.randn(rng, DType.FLOAT32, 400, 500);
        Tensor v = Tensor.rand(rng, DType.FLOAT32, 400, 500);
        assertSameForEveryThreadCount(() -> {
            List<Tensor> all = List.of(p.copy(), m.copy(), v.copy());
            all.get(0).adamStepInPlace(g, all.get(1), all.get(2), 0.9, 0.999, 1.5, 1e-8, -0.01);
            return all;
        });
    }
}
