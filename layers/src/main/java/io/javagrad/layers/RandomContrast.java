package io.javagrad.layers;

import io.javagrad.layers.augment.Contrast;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomContrast}: in training, scales each image's deviations from its per-channel mean by a random
 * factor from {@code [1 - lower, 1 + upper]}, then clips to the value range; the identity at inference. A single
 * factor {@code f} means {@code lower = upper = f}; {@code lower} lies in [0, 1] and {@code upper} is >= 0. The
 * value range defaults to Keras's {@code [0, 255]}: give {@code [0, 1]} for images scaled to that.
 */
public final class RandomContrast extends RandomImageLayer {
    private static final String OWNER = "RandomContrast";
    private final double lower;
    private final double upper;
    private final double valueLow;
    private final double valueHigh;
    private final Contrast augmentation;

    /** Contrast factors from {@code [1 - factor, 1 + factor]}, value range {@code [0, 255]}. */
    public RandomContrast(double factor) {
        this(factor, factor, 0, 255);
    }

    /** Contrast factors from {@code [1 - lower, 1 + upper]}, results clipped to {@code [valueLow, valueHigh]}. */
    public RandomContrast(double lower, double upper, double valueLow, double valueHigh) {
        if (!(lower >= 0 && lower <= 1) || !(upper >= 0) || upper == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(OWNER + ": factor needs lower in [0, 1] and a finite upper >= 0, got"
                    + " lower " + lower + " and upper " + upper);
        }
        requireValueRange(OWNER, valueLow, valueHigh);
        this.lower = lower;
        this.upper = upper;
        this.valueLow = valueLow;
        this.valueHigh = valueHigh;
        this.augmentation = new Contrast(1 - lower, 1 + upper, valueLow, valueHigh);
    }

    @Override
    public Contrast augmentation() {
        return augmentation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("factor", List.of(lower, upper));
        c.put("value_range", List.of(valueLow, valueHigh));
        return c;
    }

    /** Rebuilds the layer from its config ({@code factor} a number or a pair, {@code value_range}). */
    public static RandomContrast fromConfig(Map<String, Object> config) {
        double[] f = factor(config, "factor", OWNER);
        double[] range = valueRange(config, OWNER);
        return withBaseConfig(new RandomContrast(f[0], f[f.length - 1], range[0], range[1]), config);
    }
}
