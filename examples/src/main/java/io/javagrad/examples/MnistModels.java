package io.javagrad.examples;

import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.Layer;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Model;
import io.javagrad.layers.RandomAffine;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.augment.AffineAugmentation;
import io.javagrad.layers.augment.FillMode;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import java.util.List;

/** The networks of the MNIST examples, shared with the {@code bench train} workloads. */
public final class MnistModels {
    private MnistModels() {}

    /**
     * Conv2D 32 3x3 relu, MaxPool 2, Conv2D 64 3x3 relu, MaxPool 2, Flatten, Dropout 0.5, Dense 10 softmax;
     * compiled with Adam 1e-3 and sparse categorical cross-entropy. Input [N, 1, 28, 28].
     */
    public static Sequential cnn(long seed) {
        return cnn(seed, List.of());
    }

    /** {@link #cnn(long)} with {@code front} (e.g. the {@link #augmentation()} layers) before the first convolution. */
    public static Sequential cnn(long seed, List<Layer> front) {
        Sequential model = new Sequential(1, 28, 28);
        front.forEach(model::add);
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

    /**
     * Random rotations (up to 10 degrees either way), zooms (up to 10%) and shifts (up to 10% of the height and
     * width) of [N, 1, 28, 28] images in one resampling per image, active in training only, with black filling the
     * uncovered borders: one {@link RandomAffine} layer.
     */
    public static List<Layer> augmentation() {
        return List.of(new RandomAffine(AffineAugmentation.builder()
                .rotationDegrees(-10, 10)
                .zoom(-0.1, 0.1)
                .shift(-0.1, 0.1, -0.1, 0.1)
                .fillMode(FillMode.CONSTANT)
                .build()));
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
