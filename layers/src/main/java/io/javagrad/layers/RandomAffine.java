package io.javagrad.layers;

import io.javagrad.layers.augment.AffineAugmentation;
import io.javagrad.layers.augment.Range;
import java.util.Map;

/**
 * Random flips, zoom, rotation and shifts in one layer: in training, applies an {@link AffineAugmentation} (one
 * resampling per image, however many transforms are combined); the identity at inference. Not a Keras layer: its
 * config holds the rotation in degrees and the zoom and shift ranges as {@link AffineAugmentation} defines them.
 *
 * <pre>{@code
 * new RandomAffine(AffineAugmentation.builder().rotationDegrees(-10, 10).zoom(-0.1, 0.1).build())
 * }</pre>
 */
public final class RandomAffine extends GeometricAugmentationLayer<RandomAffine> {
    private static final String OWNER = "RandomAffine";

    /** A layer applying {@code augmentation}. */
    public RandomAffine(AffineAugmentation augmentation) {
        super(requireNonNull(augmentation));
    }

    private static AffineAugmentation requireNonNull(AffineAugmentation augmentation) {
        if (augmentation == null) {
            throw new IllegalArgumentException(OWNER + ": augmentation must not be null");
        }
        return augmentation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        AffineAugmentation a = augmentation();
        c.put("rotation_degrees", a.rotationDegrees().toList());
        c.put("zoom_height", a.zoomHeight().toList());
        c.put("zoom_width", a.zoomWidth() == null ? null : a.zoomWidth().toList());
        c.put("shift_height", a.shiftHeight().toList());
        c.put("shift_width", a.shiftWidth().toList());
        c.put("flip_horizontal", a.flipHorizontal());
        c.put("flip_vertical", a.flipVertical());
        return c;
    }

    /** Rebuilds the layer from its config; absent keys leave that transform out. A single number f means [-f, f]. */
    public static RandomAffine fromConfig(Map<String, Object> config) {
        AffineAugmentation.Builder b = AffineAugmentation.builder();
        Range rotation = range(config, "rotation_degrees");
        Range zoomHeight = range(config, "zoom_height");
        Range shiftHeight = range(config, "shift_height");
        Range shiftWidth = range(config, "shift_width");
        b.rotationDegrees(rotation.lower(), rotation.upper());
        if (config.get("zoom_width") == null) {
            b.zoom(zoomHeight.lower(), zoomHeight.upper());
        } else {
            Range zoomWidth = range(config, "zoom_width");
            b.zoom(zoomHeight.lower(), zoomHeight.upper(), zoomWidth.lower(), zoomWidth.upper());
        }
        b.shift(shiftHeight.lower(), shiftHeight.upper(), shiftWidth.lower(), shiftWidth.upper());
        b.flips(Configs.bool(config, "flip_horizontal", false), Configs.bool(config, "flip_vertical", false));
        return withSamplingConfig(new RandomAffine(b.build()), config);
    }

    private static Range range(Map<String, Object> config, String key) {
        return config.get(key) == null ? Range.symmetric(OWNER, key, 0) : kerasRange(OWNER, key, factor(config, key, OWNER));
    }
}
