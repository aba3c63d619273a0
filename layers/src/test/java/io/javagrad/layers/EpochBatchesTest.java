package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Parallelism;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.data.Dataset;
import java.util.Iterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EpochBatchesTest {
    private final int saved = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(saved);
    }

    /**
     * Takes every batch of {@code epoch}, starting the next one ahead after each, as fit does; each batch must hold its
     * values until the next one is taken, whatever the copy ahead wrote meanwhile.
     */
    private static void assertSameBatches(Iterable<Dataset.Batch> expected, EpochBatches epoch) {
        Iterator<Dataset.Batch> it = expected.iterator();
        int count = 0;
        Dataset.Batch previous = null;
        Dataset.Batch previousWant = null;
        while (epoch.hasNext()) {
            Dataset.Batch batch = epoch.next();
            if (previous != null) {
                assertSameValues(previousWant, previous, "batch " + (count - 1) + " once the next was taken");
            }
            epoch.prefetch();
            Dataset.Batch want = it.next();
            assertSameValues(want, batch, "batch " + count);
            previous = batch;
            previousWant = want;
            count++;
        }
        assertFalse(it.hasNext(), "only " + count + " batches");
    }

    private static void assertSameValues(Dataset.Batch want, Dataset.Batch batch, String what) {
        assertArrayEquals(want.x().toFloatArray(), batch.x().toFloatArray(), "x of " + what);
        assertArrayEquals(want.y().toFloatArray(), batch.y().toFloatArray(), "y of " + what);
    }

    @Test
    void batchesCopiedAheadComeInTheShuffledOrderOfAPlainIteration() {
        // 200 samples of 99 + 1 values: 20,000 values per batch, enough to be copied ahead; four full batches, which
        // take the two reused sets of tensors in turn, and a last partial one.
        Rng data = new Rng(3);
        Dataset set = new Dataset(Tensor.randn(data, DType.FLOAT32, 900, 99), Tensor.randn(data, DType.FLOAT32, 900));
        for (int threads = 1; threads <= 2; threads++) {
            Parallelism.setThreads(threads);
            assertSameBatches(set.batches(200, true, new Rng(9)),
                    new EpochBatches(set, 200, FitOptions.defaults(), new Rng(9)));
        }
    }

    @Test
    void onlyLargeShuffledBatchesWithoutATransformAreCopiedAhead() {
        Rng data = new Rng(4);
        Dataset large = new Dataset(Tensor.randn(data, DType.FLOAT32, 300, 127),
                Tensor.randn(data, DType.FLOAT32, 300));
        Dataset small = new Dataset(Tensor.randn(data, DType.FLOAT32, 40, 3), Tensor.randn(data, DType.FLOAT32, 40));
        FitOptions plain = FitOptions.defaults(); // shuffles, no transform
        assertTrue(new EpochBatches(large, 128, plain, new Rng(5)).copiesAhead()); // 16,384 values
        assertFalse(new EpochBatches(large, 127, plain, new Rng(5)).copiesAhead());
        assertFalse(new EpochBatches(small, 8, plain, new Rng(5)).copiesAhead());
        assertFalse(new EpochBatches(large, 128, FitOptions.defaults().shuffle(false), null).copiesAhead());
        FitOptions transformed = FitOptions.defaults().batchTransform((batch, rng) -> batch);
        assertFalse(new EpochBatches(large, 128, transformed, new Rng(5)).copiesAhead());
        // Batches made when taken come in the same order.
        Parallelism.setThreads(2);
        assertSameBatches(small.batches(8, true, new Rng(5)), new EpochBatches(small, 8, plain, new Rng(5)));
    }
}
