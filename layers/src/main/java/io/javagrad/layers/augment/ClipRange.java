package io.javagrad.layers.augment;

import io.javagrad.core.Tensor;

/** The range {@code [low, high]} an adjusted image is clipped to; either bound may be infinite. */
record ClipRange(double low, double high) {
    /** Throws unless {@code low < high}, naming {@code owner}. */
    static ClipRange of(String owner, double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException(owner + ": clip range must have low < high, got [" + low + ", " + high
                    + "]");
        }
        return new ClipRange(low, high);
    }

    /** {@code images} limited to {@code [low, high]}; unchanged when both bounds are infinite. */
    Tensor apply(Tensor images) {
        return Double.isInfinite(low) && Double.isInfinite(high) ? images : images.clamp(low, high);
    }
}
