package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Training steps give the same values with a {@link BufferPool} as without, even when every array the pool hands
 * out is full of NaNs; what is kept, shared or still needed never has its storage taken.
 */
class BufferPoolTest {
    private static final int[] K2 = {2, 2};
    private static final int[] NO_PAD = {0, 0, 0, 0};
    private static final int BATCH = 16;
    /** Enough classes that the logits and their gradient ([16, 64]) are pooled too. */
    private static final int CLASSES = 64;

    /** A small network touching every op that takes its result from the pool: convolutions, pooling, dropout, ... */
    private static final class Net {
        final Tensor c1;
        final Tensor cb1;
        final Tensor c2;
        final Tensor cb2;
        final Tensor w1;
        final Tensor b1;
        final Tensor w2;
        final Tensor b2;

        Net(DType dtype) {
            Rng rng = new Rng(5);
            c1 = Tensor.randn(rng, dtype, 4, 1, 3, 3).mul(0.5).detach().requiresGrad(true);
            cb1 = Tensor.randn(rng, dtype, 4).mul(0.1).detach().requiresGrad(true);
            c2 = Tensor.randn(rng, dtype, 6, 4, 3, 3).mul(0.3).detach().requiresGrad(true);
            cb2 = Tensor.randn(rng, dtype, 6).mul(0.1).detach().requiresGrad(true);
            w1 = Tensor.randn(rng, dtype, 216, 64).mul(0.1).detach().requiresGrad(true);
            b1 = Tensor.randn(rng, dtype, 64).mul(0.1).detach().requiresGrad(true);
            w2 = Tensor.randn(rng, dtype, 64, CLASSES).mul(0.1).detach().requiresGrad(true);
            b2 = Tensor.randn(rng, dtype, CLASSES).mul(0.1).detach().requiresGrad(true);
        }

        List<Tensor> params() {
            return List.of(c1, cb1, c2, cb2, w1, b1, w2, b2);
        }

        /** Forward of a [16, 1, 20, 20] batch to softmax probabilities; {@code step} seeds the dropout mask. */
        Tensor forward(Tensor x, int step) {
            Tensor h = x.conv2dReluMaxPool2d(c1, cb1, ConvOptions.of(), K2, K2, NO_PAD);      // [16, 4, 9, 9]
            h = h.conv2dRelu(c2, cb2, ConvOptions.of());                                      // [16, 6, 7, 7]
            h = h.avgPool2d(K2, new int[] {1, 1}, NO_PAD, true).tanh();                     // [16, 6, 6, 6]
            h = h.maxPool2d(new int[] {1, 1}, new int[] {1, 1}, NO_PAD).reshape(BATCH, 216);
            h = h.mul(Tensor.dropoutMask(new Rng(step), h.dtype(), 0.25, BATCH, 216));
            h = Tensor.where(h.gt(0.05), h, h.mul(0.5)).linearRelu(w1, b1);
            return h.linear(w2, b2).softmaxActivation();
        }

        Tensor loss(Tensor probabilities, Tensor targets) {
            return probabilities.softmaxLogits().softmaxCrossEntropy(targets).add(probabilities.sum().mul(1e-3));
        }

        void sgdStep() {
            try (Autograd.Scope s = Autograd.noGrad()) {
                for (Tensor p : params()) {
                    p.addInPlace(p.gradForUpdate(), -0.1);
                    p.zeroGrad();
                }
            }
        }
    }

    private static Tensor batch(int step, DType dtype) {
        return Tensor.randn(new Rng(100 + step), dtype, BATCH, 1, 20, 20);
    }

    private static Tensor targets(int step, DType dtype) {
        float[] classes = new float[BATCH];
        for (int i = 0; i < BATCH; i++) {
            classes[i] = (i * 5 + step) % CLASSES;
        }
        return Tensor.oneHot(Tensor.of(classes, BATCH), CLASSES).to(dtype);
    }

    /** Runs {@code steps} steps and returns the parameters' values and each step's loss. */
    private static List<double[]> train(DType dtype, int steps, BufferPool pool, boolean poison) {
        Net net = new Net(dtype);
        List<double[]> out = new ArrayList<>();
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            if (poison) {
                poisonPool(dtype);
            }
            Tensor probabilities = net.forward(batch(step, dtype), step);
            Tensor loss = net.loss(probabilities, targets(step, dtype));
            loss.backward();
            net.sgdStep();
            losses[step] = loss.item();
            if (pool != null) {
                pool.endStep(loss, List.of(probabilities, probabilities.softmaxLogits()));
                assertNotNull(probabilities.toDoubleArray(), "a kept tensor stays readable");
            }
        }
        for (Tensor p : net.params()) {
            out.add(p.toDoubleArray());
        }
        out.add(losses);
        return out;
    }

    /** Puts NaN-filled arrays of every size the step allocates into the pool, so that an op reading one shows. */
    private static void poisonPool(DType dtype) {
        int[] sizes = {BATCH * 4 * 18 * 18, BATCH * 4 * 9 * 9, BATCH * 6 * 7 * 7, BATCH * 6 * 6 * 6, BATCH * 64,
            216 * 64, 64 * CLASSES};
        for (int n : sizes) {
            for (int copies = 0; copies < 4; copies++) {
                BufferPool.recycle(Tensor.full(dtype, Double.NaN, n));
            }
        }
    }

    @Test
    void stepsGiveTheSameValuesWithAPoolAsWithoutEvenWhenItsArraysHoldNaNs() {
        for (DType dtype : DType.values()) {
            List<double[]> plain = train(dtype, 6, null, false);
            List<double[]> pooled;
            List<double[]> poisoned;
            try (BufferPool pool = BufferPool.open()) {
                pooled = train(dtype, 6, pool, false);
            }
            try (BufferPool pool = BufferPool.open()) {
                poisoned = train(dtype, 6, pool, true);
            }
            for (int i = 0; i < plain.size(); i++) {
                assertArrayEquals(plain.get(i), pooled.get(i), 0, dtype + " tensor " + i);
                assertArrayEquals(plain.get(i), poisoned.get(i), 0, dtype + " tensor " + i + " (poisoned pool)");
            }
        }
    }

    @Test
    void aLargeZeroedArrayIsZeroedWholeWhenTheThreadsShareTheWork() {
        int saved = Parallelism.threads();
        Parallelism.setThreads(2);
        int n = 200_003; // split between the threads, in chunks of unequal size
        try (BufferPool pool = BufferPool.open()) {
            for (DType dtype : DType.values()) {
                Tensor poisoned = Tensor.full(dtype, Double.NaN, n);
                Object storage = poisoned.storage();
                BufferPool.recycle(poisoned);
                Object zeroed = BufferPool.array(dtype == DType.FLOAT64, n, true);
                assertTrue(zeroed == storage, "the pool hands back the recycled array");
                if (zeroed instanceof float[] f) {
                    assertArrayEquals(new float[n], f, 0f);
                } else {
                    assertArrayEquals(new double[n], (double[]) zeroed, 0);
                }
            }
        } finally {
            Parallelism.setThreads(saved);
        }
    }

    @Test
    void endStepReleasesTheIntermediatesAndTheNextStepReusesTheirStorage() {
        Tensor w = Tensor.randn(new Rng(1), DType.FLOAT32, 64, 48).requiresGrad(true);
        Tensor x = Tensor.randn(new Rng(2), DType.FLOAT32, 32, 64);
        try (BufferPool pool = BufferPool.open()) {
            Tensor product = x.matmul(w);
            Tensor hidden = product.tanh();
            Tensor out = hidden.mul(2);
            Tensor loss = out.sum();
            loss.backward();
            List<float[]> released = List.of(product.f, hidden.f);
            pool.endStep(loss, List.of(out));
            IllegalStateException e = assertThrows(IllegalStateException.class, hidden::toFloatArray);
            assertTrue(e.getMessage().contains("[32, 48]") && e.getMessage().contains("BufferPool"), e.getMessage());
            assertEquals(32 * 48, out.toFloatArray().length, "a kept tensor is left alone");
            assertEquals(32 * 64, x.toFloatArray().length, "a leaf is left alone");
            assertNotNull(w.grad());
            float[] next = x.matmul(w).f;
            assertTrue(next == released.get(0) || next == released.get(1), "the next product of that size takes the"
                    + " storage of one of the released tensors");
        }
    }

    @Test
    void aStorageSharedWithAViewMadeElsewhereIsKept() {
        Tensor w = Tensor.randn(new Rng(1), DType.FLOAT32, 64, 48).requiresGrad(true);
        Tensor x = Tensor.randn(new Rng(2), DType.FLOAT32, 32, 64);
        try (BufferPool pool = BufferPool.open()) {
            Tensor hidden = x.matmul(w).tanh();
            Tensor elsewhere = hidden.detach(); // a view outside the graph, as MultiHeadAttention keeps its weights
            Tensor flat = hidden.reshape(1536);   // a view inside the graph
            Tensor loss = flat.mul(flat).sum();
            loss.backward();
            pool.endStep(loss, List.of());
            assertEquals(1536, elsewhere.toFloatArray().length);
            assertEquals(1536, flat.toFloatArray().length);
        }
        try (BufferPool pool = BufferPool.open()) {
            Tensor hidden = x.matmul(w).tanh();
            Tensor flat = hidden.reshape(1536);
            Tensor loss = flat.mul(flat).sum();
            loss.backward();
            pool.endStep(loss, List.of());
            assertThrows(IllegalStateException.class, hidden::toFloatArray, "every tensor over it was in the graph");
            assertThrows(IllegalStateException.class, flat::toFloatArray);
        }
    }

    @Test
    void tensorsSmallerThanThePoolsMinimumAreLeftAlone() {
        Tensor w = Tensor.randn(new Rng(1), DType.FLOAT32, 8, 8).requiresGrad(true);
        try (BufferPool pool = BufferPool.open()) {
            Tensor hidden = w.tanh();
            Tensor loss = hidden.mul(hidden).sum();
            loss.backward();
            pool.endStep(loss, List.of());
            assertEquals(64, hidden.toFloatArray().length);
        }
    }

    @Test
    void nothingIsReleasedWhileTheGraphIsRetainedOrBeforeBackward() {
        Tensor w = Tensor.randn(new Rng(1), DType.FLOAT64, 40, 40).requiresGrad(true);
        try (BufferPool pool = BufferPool.open()) {
            Tensor hidden = w.tanh();
            Tensor loss = hidden.sum();
            pool.endStep(loss, List.of());
            assertEquals(1600, hidden.toDoubleArray().length, "no backward yet");
            loss.backward(null, true, false);
            pool.endStep(loss, List.of());
            assertEquals(1600, hidden.toDoubleArray().length, "graph retained");
            loss.backward();
            assertArrayEquals(hidden.toDoubleArray(), w.tanh().toDoubleArray(), 0);
        }
    }

    @Test
    void aGradientAUserFunctionKeepsIsNeverReused() {
        AtomicReference<Tensor> seen = new AtomicReference<>();
        Function keeper = new Function() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
                return inputs[0].mul(3);
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor g) {
                seen.set(g);
                return new Tensor[] {g.mul(3)};
            }
        };
        Tensor w = Tensor.randn(new Rng(3), DType.FLOAT64, 2048).requiresGrad(true);
        try (BufferPool pool = BufferPool.open()) {
            keeper.apply(w.tanh()).mul(w).sum().backward();
            double[] kept = seen.get().toDoubleArray();
            w.mul(w).mul(7).tanh().sum().backward(); // gradients of that size go through the pool again
            assertArrayEquals(kept, seen.get().toDoubleArray(), 0);
            assertArrayEquals(w.toDoubleArray(), kept, 0, "the gradient reaching the function is w");
        }
    }

    @Test
    void aPoolBelongsToItsThreadAndPoolsCloseInReverseOrder() throws Exception {
        Tensor one = Tensor.scalar(DType.FLOAT32, 1);
        BufferPool outer = BufferPool.open();
        BufferPool inner = BufferPool.open();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = new Thread(() -> failure.set(assertThrows(IllegalStateException.class,
                () -> inner.endStep(one, List.of()))));
        other.start();
        other.join();
        assertTrue(failure.get().getMessage().contains("belongs to"), failure.get().getMessage());
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
        assertThrows(IllegalStateException.class, () -> outer.endStep(one, List.of()));
        Tensor t = Tensor.full(DType.FLOAT32, 2, 8);
        BufferPool.recycle(t); // no pool open: nothing happens
        assertEquals(2f, t.toFloatArray()[7]);
    }
}
