package io.javagrad.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static final int N = 10;

    /** Row i of x is [i, 100 + i]; y[i] = i. */
    private static Dataset numbered() {
        double[] x = new double[N * 2];
        for (int i = 0; i < N; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 100 + i;
        }
        return new Dataset(Tensor.of(x, N, 2), Tensor.arange(DType.FLOAT64, 0, N, 1));
    }

    /** The sample ids of one epoch, checking that every x row belongs to its y. */
    private static List<Integer> ids(Iterable<Dataset.Batch> batches, List<Integer> sizes) {
        List<Integer> ids = new ArrayList<>();
        for (Dataset.Batch b : batches) {
            sizes.add(b.size());
            double[] x = b.x().toDoubleArray();
            double[] y = b.y().toDoubleArray();
            for (int i = 0; i < y.length; i++) {
                assertEquals(y[i], x[2 * i]);
                assertEquals(100 + y[i], x[2 * i + 1]);
                ids.add((int) y[i]);
            }
        }
        return ids;
    }

    @Test
    void inOrderBatchesKeepTheLastPartialBatch() {
        Dataset d = numbered();
        List<Integer> sizes = new ArrayList<>();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), ids(d.batches(4, false, null), sizes));
        assertEquals(List.of(4, 4, 2), sizes);
        assertEquals(3, d.numBatches(4));
        assertEquals(List.of(4, 2), Arrays.stream(d.batches(4, false, null).iterator().next().x().shape()).boxed().toList());
    }

    @Test
    void shuffledEpochsArePermutationsReproducibleFromTheSeed() {
        Dataset d = numbered();
        Rng rng = new Rng(42);
        Iterable<Dataset.Batch> epoch1 = d.batches(3, true, rng);
        List<Integer> first = ids(epoch1, new ArrayList<>());
        List<Integer> second = ids(d.batches(3, true, rng), new ArrayList<>());
        assertEquals(first, ids(epoch1, new ArrayList<>()), "iterating one epoch twice repeats its order");
        assertNotEquals(first, second, "each call draws a new order");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), first.stream().sorted().toList());
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), second.stream().sorted().toList());
        Rng again = new Rng(42);
        assertEquals(first, ids(d.batches(3, true, again), new ArrayList<>()));
        assertEquals(second, ids(d.batches(3, true, again), new ArrayList<>()));
        assertThrows(IllegalArgumentException.class, () -> d.batches(3, true, null));
        assertThrows(IllegalArgumentException.class, () -> d.batches(0, false, null));
    }

    @Test
    void reusedShuffledBatchesHoldThePlainShuffledValuesInSetsTakenInTurn() {
        Dataset d = numbered();
        List<Dataset.Batch> plain = new ArrayList<>();
        d.batches(3, true, new Rng(42)).forEach(plain::add);
        List<Dataset.Batch> reused = new ArrayList<>();
        for (Dataset.Batch b : d.shuffledBatches(3, new Rng(42), 2)) {
            Dataset.Batch want = plain.get(reused.size());
            assertArrayEquals(want.x().toDoubleArray(), b.x().toDoubleArray(), 0, "x of batch " + reused.size());
            assertArrayEquals(want.y().toDoubleArray(), b.y().toDoubleArray(), 0, "y of batch " + reused.size());
            reused.add(b);
        }
        assertEquals(4, reused.size()); // 3 + 3 + 3 + 1
        assertSame(reused.get(0).x(), reused.get(2).x());
        assertSame(reused.get(0).y(), reused.get(2).y());
        assertNotSame(reused.get(0).x(), reused.get(1).x());
        assertNotSame(reused.get(1).x(), reused.get(3).x(), "the partial batch is a new tensor");
        assertEquals(1, reused.get(3).size());
        assertThrows(IllegalArgumentException.class, () -> d.shuffledBatches(3, null, 2));
        assertThrows(IllegalArgumentException.class, () -> d.shuffledBatches(3, new Rng(1), 0));
        assertThrows(IllegalArgumentException.class, () -> d.shuffledBatches(0, new Rng(1), 2));
    }

    @Test
    void severalInputsAndOutputsStayAligned() {
        Tensor a = Tensor.arange(DType.FLOAT32, 0, 6, 1);
        Tensor b = Tensor.arange(DType.FLOAT32, 0, 12, 1).reshape(6, 2);
        Tensor y1 = Tensor.arange(DType.FLOAT32, 0, 6, 1).mul(10);
        Dataset d = new Dataset(List.of(a, b), List.of(y1, a));
        for (Dataset.Batch batch : d.batches(4, true, new Rng(1))) {
            double[] first = batch.xs().get(0).toDoubleArray();
            double[] second = batch.xs().get(1).toDoubleArray();
            double[] target = batch.ys().get(0).toDoubleArray();
            for (int i = 0; i < first.length; i++) {
                assertEquals(2 * first[i], second[2 * i]);
                assertEquals(10 * first[i], target[i]);
            }
            assertThrows(IllegalStateException.class, batch::x);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dataset(List.of(a), List.of(Tensor.zeros(5))));
        assertTrue(e.getMessage().contains("[6]") && e.getMessage().contains("[5]"), e.getMessage());
    }

    @Test
    void splitTakesTheLastFractionAsValidation() {
        Dataset.Split s = numbered().split(0.25);
        assertEquals(7, s.train().size()); // floor(10 * 0.75)
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6}, s.train().y().toDoubleArray());
        assertArrayEquals(new double[] {7, 8, 9}, s.validation().y().toDoubleArray());
        assertThrows(IllegalArgumentException.class, () -> numbered().split(1.0));
        assertThrows(IllegalArgumentException.class, () -> numbered().split(0.95)); // no training sample left
    }

    @Test
    void subsetCopiesChosenRowsWithRepeats() {
        Dataset sub = numbered().subset(3, 3, 9, 0);
        assertArrayEquals(new double[] {3, 3, 9, 0}, sub.y().toDoubleArray());
        assertArrayEquals(new double[] {3, 103, 3, 103, 9, 109, 0, 100}, sub.x().toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> numbered().subset(1, 10));
        assertTrue(e.getMessage().contains("index 10") && e.getMessage().contains("[0, 10)"), e.getMessage());
    }

    @Test
    void dataIsDetachedAndMadeContiguous() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 3, 4).requiresGrad(true);
        Tensor transposed = Tensor.arange(DType.FLOAT64, 0, 6, 1).reshape(2, 3).t();
        Dataset d = new Dataset(List.of(x, transposed), List.of());
        assertFalse(d.xs().get(0).requiresGrad());
        assertTrue(d.xs().get(1).isContiguous());
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, d.xs().get(1).toDoubleArray());
        assertTrue(d.ys().isEmpty());
    }
}
