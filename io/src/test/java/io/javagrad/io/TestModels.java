package io.javagrad.io;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.BatchNorm;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.Losses;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Metrics;
import io.javagrad.layers.Sequential;
import io.javagrad.optim.Adam;

/** Small models and data for the save/load tests. */
final class TestModels {
    private TestModels() {}

    /** Conv2D, BatchNorm, pooling, dropout and dense layers on [1, 6, 6] images; compiled with Adam. */
    static Sequential cnn(long seed) {
        Sequential m = new Sequential(1, 6, 6);
        m.add(new Conv2D(3, 3, 3).padding("same").activation("relu"));
        m.add(new BatchNorm());
        m.add(new MaxPool2D());
        m.add(new Flatten());
        m.add(new Dropout(0.3));
        m.add(new Dense(3));
        m.setSeed(seed);
        m.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(true),
                Metrics.accuracyFor(Losses.sparseCategoricalCrossentropy(true)));
        return m;
    }

    /** A dense model on 4 features with dropout; compiled with Adam. */
    static Sequential mlp(long seed) {
        Sequential m = new Sequential(4);
        m.add(new Dense(8).activation("relu"));
        m.add(new Dropout(0.25));
        m.add(new Dense(3));
        m.setSeed(seed);
        m.compile(new Adam(0.01), Losses.sparseCategoricalCrossentropy(true),
                Metrics.accuracyFor(Losses.sparseCategoricalCrossentropy(true)));
        return m;
    }

    static Tensor images(int n) {
        return Tensor.randn(new Rng(7), DType.FLOAT32, n, 1, 6, 6);
    }

    static Tensor features(int n) {
        return Tensor.randn(new Rng(8), DType.FLOAT32, n, 4);
    }

    static Tensor labels(int n) {
        Rng rng = new Rng(9);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(3);
        }
        return Tensor.of(y, n);
    }
}
