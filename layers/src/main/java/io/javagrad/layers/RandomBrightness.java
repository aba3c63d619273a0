package io.javagrad.layers;

import io.javagrad.layers.augment.Brightness;
import io.javagrad.layers.augment.Range;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code RandomBrightness}: in training, adds to each image one random delta of {@code factor} times the
 * width of the value range, then clips to the value range; the identity at inference. Factors lie in [-1, 1]; a
 * single factor {@code f} means {@code [-f, f]}. The value range defaults to Keras's {@code [0, 255]}: give
 * {@code [0, 1]} for images scaled to that.
 */
public final class RandomBrightness extends RandomImageLayer {
    private static final String OWNER = "RandomBrightness";
    private final Range factor;
    private final double valueLow;
    private final double valueHigh;
    private final Brightness augmentation;

    /** Deltas of up to {@code factor} of the value range {@code [0, 255]} either way. */
    public RandomBrightness(double factor) {
        this(Range.symmetric(OWNER, "factor", factor), 0, 255);
    }

    /** Deltas of a fraction from {@code [lower, upper]} of the value range {@code [valueLow, valueHigh]}. */
    public RandomBrightness(double lower, double upper, double valueLow, double valueHigh) {
        this(Range.of(OWNER, "factor", lower, upper), valueLow, valueHigh);
    }

    private RandomBrightness(Range factor, double valueLow, double valueHigh) {
        this.factor = factor.requireWithin(OWNER, "factor", -1, 1);
        requireValueRange(OWNER, valueLow, valueHigh);
        this.valueLow = valueLow;
        this.valueHigh = valueHigh;
        double span = valueHigh - valueLow;
        this.augmentation = new Brightness(factor.lower() * span, factor.upper() * span, valueLow, valueHigh);
    }

    /** The range of deltas, as fractions of the value range. */
    public Range factor() {
        return factor;
    }

    @Override
    public Brightness augmentation() {
        return augmentation;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("factor", factor.toList());
        c.put("value_range", List.of(valueLow, valueHigh));
        return c;
    }

    /** Rebuilds the layer from its config ({@code factor}, {@code value_range}). */
    public static RandomBrightness fromConfig(Map<String, Object> config) {
        double[] range = valueRange(config, OWNER);
        return withBaseConfig(new RandomBrightness(kerasRange(OWNER, "factor", factor(config, "factor", OWNER)),
                range[0], range[1]), config);
    }
}
