package io.javagrad.layers;

import io.javagrad.layers.augment.AffineAugmentation;
import io.javagrad.layers.augment.Range;
import java.util.Map;

/**
 * Keras's {@code RandomTranslation}: in training, shifts each image by random fractions of its height (positive
 * down) and width (positive right), each within [-1, 1]; the identity at inference. A single factor {@code f}
 * means {@code [-f, f]}.
 */
public final class RandomTranslation extends GeometricAugmentationLayer<RandomTranslation> {
    private static final String OWNER = "RandomTranslation";
    private final Range heightFactor;
    private final Range widthFactor;

    /** Shifts by up to {@code heightFactor} of the height and {@code widthFactor} of the width either way. */
    public RandomTranslation(double heightFactor, double widthFactor) {
        this(Range.symmetric(OWNER, "height_factor", heightFactor), Range.symmetric(OWNER, "width_factor", widthFactor));
    }

    /** Shifts by fractions of the height and of the width drawn from the two ranges. */
    public RandomTranslation(double heightLower, double heightUpper, double widthLower, double widthUpper) {
        this(Range.of(OWNER, "height_factor", heightLower, heightUpper),
                Range.of(OWNER, "width_factor", widthLower, widthUpper));
    }

    private RandomTranslation(Range heightFactor, Range widthFactor) {
        super(AffineAugmentation.builder()
                .shift(heightFactor.requireWithin(OWNER, "height_factor", -1, 1).lower(), heightFactor.upper(),
                        widthFactor.requireWithin(OWNER, "width_factor", -1, 1).lower(), widthFactor.upper())
                .build());
        this.heightFactor = heightFactor;
        this.widthFactor = widthFactor;
    }

    /** The vertical shift range, as a fraction of the height. */
    public Range heightFactor() {
        return heightFactor;
    }

    /** The horizontal shift range, as a fraction of the width. */
    public Range widthFactor() {
        return widthFactor;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height_factor", heightFactor.toList());
        c.put("width_factor", widthFactor.toList());
        return c;
    }

    /** Rebuilds the layer from its config ({@code height_factor} and {@code width_factor}). */
    public static RandomTranslation fromConfig(Map<String, Object> config) {
        return withSamplingConfig(new RandomTranslation(
                kerasRange(OWNER, "height_factor", factor(config, "height_factor", OWNER)),
                kerasRange(OWNER, "width_factor", factor(config, "width_factor", OWNER))), config);
    }
}
