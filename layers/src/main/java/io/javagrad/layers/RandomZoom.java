package io.javagrad.layers;

import io.javagrad.layers.augment.AffineAugmentation;
import io.javagrad.layers.augment.Range;
import java.util.Map;

/**
 * Keras's {@code RandomZoom}: in training, zooms each image about its centre by a random factor; the identity at
 * inference. A factor {@code f} in [-1, 1] samples the input {@code 1 + f} times as tall (or wide): positive
 * values zoom out, negative ones zoom in. A single factor {@code f} means {@code [-f, f]}. Without a width factor,
 * one draw zooms both axes, keeping the aspect ratio.
 */
public final class RandomZoom extends GeometricAugmentationLayer<RandomZoom> {
    private static final String OWNER = "RandomZoom";
    private final Range heightFactor;
    private final Range widthFactor;

    /** Zooms by up to {@code factor} either way, keeping the aspect ratio. */
    public RandomZoom(double factor) {
        this(Range.symmetric(OWNER, "height_factor", factor), null);
    }

    /** Zooms by a factor from {@code [lower, upper]}, keeping the aspect ratio. */
    public RandomZoom(double lower, double upper) {
        this(Range.of(OWNER, "height_factor", lower, upper), null);
    }

    /** Zooms the height and the width by independent factors from the two ranges. */
    public RandomZoom(double heightLower, double heightUpper, double widthLower, double widthUpper) {
        this(Range.of(OWNER, "height_factor", heightLower, heightUpper),
                Range.of(OWNER, "width_factor", widthLower, widthUpper));
    }

    private RandomZoom(Range heightFactor, Range widthFactor) {
        super(augmentation(heightFactor, widthFactor));
        this.heightFactor = heightFactor;
        this.widthFactor = widthFactor;
    }

    private static AffineAugmentation augmentation(Range height, Range width) {
        height.requireWithin(OWNER, "height_factor", -1, 1);
        AffineAugmentation.Builder b = AffineAugmentation.builder();
        if (width == null) {
            return b.zoom(height.lower(), height.upper()).build();
        }
        width.requireWithin(OWNER, "width_factor", -1, 1);
        return b.zoom(height.lower(), height.upper(), width.lower(), width.upper()).build();
    }

    /** The height's zoom factor range (both axes' without a width factor). */
    public Range heightFactor() {
        return heightFactor;
    }

    /** The width's zoom factor range, or {@code null} when the height's draw is used. */
    public Range widthFactor() {
        return widthFactor;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("height_factor", heightFactor.toList());
        c.put("width_factor", widthFactor == null ? null : widthFactor.toList());
        return c;
    }

    /** Rebuilds the layer from its config ({@code height_factor} and the optional {@code width_factor}). */
    public static RandomZoom fromConfig(Map<String, Object> config) {
        Range height = kerasRange(OWNER, "height_factor", factor(config, "height_factor", OWNER));
        Range width = config.get("width_factor") == null ? null
                : kerasRange(OWNER, "width_factor", factor(config, "width_factor", OWNER));
        return withSamplingConfig(new RandomZoom(height, width), config);
    }
}
