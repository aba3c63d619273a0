package io.javagrad.layers.augment;

import io.javagrad.core.Rng;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;

/** Checks and per-image draws shared by the augmentations. */
final class Images {
    private Images() {}

    /** Throws unless {@code images} is a rank-4 NCHW batch, naming {@code owner} and the shape. */
    static void requireBatch(String owner, Tensor images) {
        if (images.rank() != 4) {
            throw new IllegalArgumentException(owner + ": expected a rank-4 input (batch, channels, height, width), got"
                    + " shape " + Shapes.str(images.shape()));
        }
    }

    /** One draw from {@code range} per image, shaped {@code [n, 1, 1, 1]} in the images' dtype for broadcasting. */
    static Tensor perImage(Tensor images, Range range, Rng rng) {
        int n = images.shape(0);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = range.sample(rng);
        }
        return Tensor.of(values, n, 1, 1, 1).to(images.dtype());
    }
}
