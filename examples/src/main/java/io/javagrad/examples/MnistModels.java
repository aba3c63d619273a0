package io.javagrad.examples;

import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;

/** The networks of the MNIST examples, shared with the {@code bench train} workloads. */
public final class MnistModels {
    private MnistModels() {}

    /**
     * Conv2D 32 3x3 relu, MaxPool 2, Conv2D 64 3x3 relu, MaxPool 2, Flatten, Dropout 0.5, Dense 10 softmax;
     * compiled with Adam 1e-3 and sparse categorical cross-entropy. Input [N, 1, 28, 28].
     */
    public static Sequential cnn(long seed) {
        Sequential model = new Sequential(1, 28, 28);
        model.add(new Conv2D(32, 3, 3).activation("relu"));
        model.add(new MaxPool2D());
        model.add(new Conv2D(64, 3, 3).activation("relu"));
        model.add(new MaxPool2D());
        model.add(new Flatten());
        model.add(new Dropout(0.5));
        model.add(new Dense(10).activation("softmax"));
        return compiled(model, seed);
    }

    /** 784-256(relu)-128(relu)-10(softmax), Adam 1e-3, sparse categorical cross-entropy. Input [N, 784]. */
    public static Sequential mlp(long seed) {
        Sequential model = new Sequential(784);
        model.add(new Dense(256).activation("relu"));
        model.add(new Dense(128).activation("relu"));
        model.add(new Dense(10).activation("softmax"));
        return compiled(model, seed);
    }

    private static Sequential compiled(Sequential model, long seed) {
        model.setSeed(seed);
        compile(model);
        return model;
    }

    /** Compiles any MNIST classifier (a reloaded one too) with Adam 1e-3, sparse cross-entropy and accuracy. */
    public static void compile(Model model) {
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
    }
}
