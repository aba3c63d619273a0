package io.javagrad.layers;

import io.javagrad.layers.augment.AffineAugmentation;
import java.util.Map;

/**
 * Keras's {@code RandomFlip}: in training, flips each image left-right and/or upside down, each with probability
 * 1/2; the identity at inference. Flips move whole pixels, so no value changes.
 */
public final class RandomFlip extends RandomImageLayer {
    private static final String OWNER = "RandomFlip";
    private final String mode;
    private final AffineAugmentation augmentation;

    /** Flips in both directions (Keras's default mode). */
    public RandomFlip() {
        this("horizontal_and_vertical");
    }

    /** Flips in {@code mode}: {@code horizontal}, {@code vertical} or {@code horizontal_and_vertical}. */
    public RandomFlip(String mode) {
        boolean horizontal = "horizontal".equals(mode) || "horizontal_and_vertical".equals(mode);
        boolean vertical = "vertical".equals(mode) || "horizontal_and_vertical".equals(mode);
        if (!horizontal && !vertical) {
            throw new IllegalArgumentException(OWNER + ": mode must be \"horizontal\", \"vertical\" or"
                    + " \"horizontal_and_vertical\", got " + (mode == null ? "null" : "\"" + mode + "\""));
        }
        this.mode = mode;
        this.augmentation = AffineAugmentation.builder().flips(horizontal, vertical).build();
    }

    /** The flip mode. */
    public String mode() {
        return mode;
    }

    @Override
    public AffineAugmentation augmentation() {
        return augmentation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("mode", mode);
        return c;
    }

    /** Rebuilds the layer from its config ({@code mode}, Keras's default when absent). */
    public static RandomFlip fromConfig(Map<String, Object> config) {
        String what = OWNER + " config";
        return withBaseConfig(new RandomFlip(Configs.string(config, "mode", what, "horizontal_and_vertical")), config);
    }
}
