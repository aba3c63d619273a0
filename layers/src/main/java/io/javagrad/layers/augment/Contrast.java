package io.javagrad.layers.augment;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;

/**
 * Random contrast: draws one factor {@code f} from {@code [lowerFactor, upperFactor]} per image and moves each
 * pixel away from (f > 1) or towards (f < 1) the mean of its channel in that image, {@code (x - mean) * f + mean},
 * as Keras and {@code tf.image.adjust_contrast} do; then optionally clips to {@code [clipLow, clipHigh]}.
 * Differentiable with respect to the images (the mean included).
 */
public final class Contrast implements Augmentation {
    private static final String OWNER = "Contrast";
    private static final int[] SPATIAL = {2, 3};
    private final Range factor;
    private final ClipRange clip;

    /** Factors from {@code [lowerFactor, upperFactor]}, both >= 0; no clipping. */
    public Contrast(double lowerFactor, double upperFactor) {
        this(lowerFactor, upperFactor, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** Factors from {@code [lowerFactor, upperFactor]}, both >= 0; results clipped to {@code [clipLow, clipHigh]}. */
    public Contrast(double lowerFactor, double upperFactor, double clipLow, double clipHigh) {
        this.factor = Range.of(OWNER, "factor", lowerFactor, upperFactor)
                .requireWithin(OWNER, "factor", 0, Double.POSITIVE_INFINITY);
        this.clip = ClipRange.of(OWNER, clipLow, clipHigh);
    }

    @Override
    public Tensor apply(Tensor images, Rng rng) {
        Images.requireBatch(OWNER, images);
        Tensor mean = images.mean(SPATIAL, true);
        Tensor f = Images.perImage(images, factor, rng);
        // (x - mean) f + mean, written so that f = 1 gives x back exactly
        Tensor adjusted = images.mul(f).add(mean.mul(f.rsub(1)));
        return clip.apply(adjusted);
    }
}
