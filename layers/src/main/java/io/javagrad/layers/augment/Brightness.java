package io.javagrad.layers.augment;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;

/**
 * Random brightness: adds one delta drawn from {@code [lowerDelta, upperDelta]} to every pixel of an image (all
 * channels alike), then optionally clips to {@code [clipLow, clipHigh]}. Differentiable with respect to the images.
 */
public final class Brightness implements Augmentation {
    private static final String OWNER = "Brightness";
    private final Range delta;
    private final ClipRange clip;

    /** Deltas from {@code [lowerDelta, upperDelta]}, no clipping. */
    public Brightness(double lowerDelta, double upperDelta) {
        this(lowerDelta, upperDelta, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Deltas from {@code [lowerDelta, upperDelta]}, results clipped to {@code [clipLow, clipHigh]} (may be infinite). */
    public Brightness(double lowerDelta, double upperDelta, double clipLow, double clipHigh) {
        this.delta = Range.of(OWNER, "delta", lowerDelta, upperDelta);
        this.clip = ClipRange.of(OWNER, clipLow, clipHigh);
    }

    @Override
    public Tensor apply(Tensor images, Rng rng) {
        Images.requireBatch(OWNER, images);
        return clip.apply(images.add(Images.perImage(images, delta, rng)));
    }
}
