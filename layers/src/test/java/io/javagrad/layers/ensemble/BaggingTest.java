package io.javagrad.layers.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.optim.Adam;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BaggingTest {
    /**
     * {@code n} points uniform in [-1, 1]^2, class 1 in the quadrants where x0 * x1 > 0; a share {@code noise}
     * of the labels flipped.
     */
    private static Dataset quadrants(long seed, int n, double noise) {
        Rng rng = new Rng(seed);
        float[] x = new float[2 * n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (2 * rng.nextDouble() - 1);
            x[2 * i + 1] = (float) (2 * rng.nextDouble() - 1);
            boolean positive = x[2 * i] * x[2 * i + 1] > 0;
            y[i] = positive ^ (rng.nextDouble() < noise) ? 1 : 0;
        }
        return new Dataset(Tensor.of(x, n, 2), Tensor.of(y, n));
    }

    private static Model member(long seed) {
        Sequential m = new Sequential(2);
        m.add(new Dense(32).activation("relu"));
        m.add(new Dense(2).activation("softmax"));
        m.setSeed(seed);
        m.compile(new Adam(0.02), new SparseCategoricalCrossentropy());
        return m;
    }

    private static Bagging bagging(int threads) {
        return new Bagging(5, 11, BaggingTest::member).threads(threads)
                .fitOptions(() -> FitOptions.defaults().epochs(20).batchSize(16).verbose(false));
    }

    private final Dataset train = quadrants(1, 200, 0.25);
    private final Dataset test = quadrants(2, 400, 0);

    @Test
    void ensembleIsDeterministicWhateverTheThreadsAndBeatsTheMeanMember() {
        BaggingResult sequential = bagging(1).fit(train, test);
        BaggingResult parallel = bagging(3).fit(train, test);
        assertArrayEquals(sequential.memberAccuracies(), parallel.memberAccuracies());
        assertArrayEquals(sequential.memberSeeds(), parallel.memberSeeds());
        assertArrayEquals(sequential.predict(test.x()).toFloatArray(), parallel.predict(test.x()).toFloatArray());
        assertEquals(sequential.ensembleAccuracy(), parallel.ensembleAccuracy());

        double[] accuracies = sequential.memberAccuracies();
        assertTrue(Arrays.stream(accuracies).distinct().count() > 1, "members differ: " + Arrays.toString(accuracies));
        assertTrue(sequential.meanMemberAccuracy() > 0.7, "members learned: " + Arrays.toString(accuracies));
        assertTrue(sequential.ensembleAccuracy() >= sequential.meanMemberAccuracy(),
                sequential.ensembleAccuracy() + " vs members " + Arrays.toString(accuracies));
        assertEquals(5, sequential.members().size());
    }

    @Test
    void ensembleProbabilitiesAreTheMembersMean() {
        BaggingResult result = new Bagging(2, 3, BaggingTest::member).fit(train, test);
        Tensor x = test.x().slice(0, 0, 5);
        Tensor expected = result.members().get(0).predict(x).add(result.members().get(1).predict(x)).div(2);
        assertArrayEquals(expected.toFloatArray(), result.predict(x).toFloatArray());
    }

    @Test
    void bootstrapIndicesAreDrawnWithReplacementFromTheSeed() {
        int[] a = Bagging.bootstrapIndices(5, 1000);
        assertArrayEquals(a, Bagging.bootstrapIndices(5, 1000));
        assertNotEquals(Arrays.toString(a), Arrays.toString(Bagging.bootstrapIndices(6, 1000)));
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 0 && i < 1000));
        long distinct = Arrays.stream(a).distinct().count();
        assertTrue(distinct > 550 && distinct < 720, "about 63% distinct, got " + distinct); // 1 - 1/e
    }

    @Test
    void accuracyFollowsThePredictionShape() {
        Tensor classes = Tensor.of(new float[] {0, 1, 1}, 3);
        Tensor scores = Tensor.of(new float[] {0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f}, 3, 2);
        assertEquals(2.0 / 3, BaggingResult.accuracy(classes, scores), 1e-12);
        Tensor oneHot = Tensor.of(new float[] {1, 0, 0, 1, 0, 1}, 3, 2);
        assertEquals(2.0 / 3, BaggingResult.accuracy(oneHot, scores), 1e-12);
        assertEquals(1.0 / 3, BaggingResult.accuracy(classes, Tensor.of(new float[] {0.7f, 0.2f, 0.9f}, 3, 1)),
                1e-12);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Bagging(0, 1, BaggingTest::member));
        assertThrows(IllegalArgumentException.class, () -> new Bagging(2, 1, BaggingTest::member).threads(0));
        assertThrows(IllegalArgumentException.class, () -> new Bagging(2, 1, s -> null).threads(1).fit(train, test));
        assertThrows(IllegalArgumentException.class, () -> bagging(1).fit(new Dataset(train.x(), null), test));
    }
}
