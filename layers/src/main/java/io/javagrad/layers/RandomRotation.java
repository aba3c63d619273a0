package io.javagrad.layers;

import io.javagrad.layers.augment.AffineAugmentation;
import io.javagrad.layers.augment.Range;
import java.util.Map;

/**
 * Keras's {@code RandomRotation}: in training, rotates each image about its centre by a random angle of
 * {@code factor * 2 pi}, counter-clockwise for positive values; the identity at inference. A single factor
 * {@code f} means angles in {@code [-f * 2 pi, f * 2 pi]}.
 */
public final class RandomRotation extends GeometricAugmentationLayer<RandomRotation> {
    private static final String OWNER = "RandomRotation";
    private final Range factor;

    /** Rotations by up to {@code factor} (>= 0) of a full turn either way. */
    public RandomRotation(double factor) {
        this(Range.symmetric(OWNER, "factor", factor));
    }

    /** Rotations by a fraction of a full turn drawn from {@code [lower, upper]}. */
    public RandomRotation(double lower, double upper) {
        this(Range.of(OWNER, "factor", lower, upper));
    }

    private RandomRotation(Range factor) {
        super(AffineAugmentation.builder().rotationDegrees(factor.lower() * 360, factor.upper() * 360).build());
        this.factor = factor;
    }

    /** The range of rotations, as fractions of a full turn. */
    public Range factor() {
        return factor;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("factor", factor.toList());
        return c;
    }

    /** Rebuilds the layer from its config ({@code factor} a number or a pair). */
    public static RandomRotation fromConfig(Map<String, Object> config) {
        return withSamplingConfig(new RandomRotation(kerasRange(OWNER, "factor", factor(config, "factor", OWNER))),
                config);
    }
}
