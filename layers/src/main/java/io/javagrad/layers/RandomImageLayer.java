package io.javagrad.layers;

import io.javagrad.core.Tensor;
import io.javagrad.layers.augment.Augmentation;
import io.javagrad.layers.augment.Range;
import java.util.List;
import java.util.Map;

/**
 * The base of the random image augmentation layers ({@link RandomFlip}, {@link RandomRotation}, ...). In training
 * each image of the NCHW batch gets the layer's {@link #augmentation()} with its own draws from the layer's
 * generator, which the model seeds, so the same seed gives the same augmented batches; at inference the layer is
 * the identity. The layers have no weights. Gradients flow through to the input (the augmentations are
 * differentiable with respect to the images), never to the random parameters.
 */
public abstract class RandomImageLayer extends Layer {

    /** A layer named by its model. */
    protected RandomImageLayer() {
        super(null);
    }

    /** The augmentation applied in training; also usable on the data, see {@link Augmentation#onInputs()}. */
    public abstract Augmentation augmentation();

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        requireRank(input, 4, "(batch, channels, height, width)");
        return training ? augmentation().apply(input, rng()) : input;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", "channels_first");
        return c;
    }

    /** Applies the base config after checking that {@code data_format} (when given) is {@code channels_first}. */
    static <L extends RandomImageLayer> L withBaseConfig(L layer, Map<String, Object> config) {
        Conv2D.requireChannelsFirst(config, layer.className() + " config");
        layer.applyBaseConfig(config);
        return layer;
    }

    /** A Keras factor: a single number {@code f} means {@code [-f, f]}, a pair {@code [lower, upper]}. */
    static Range kerasRange(String owner, String what, double... factor) {
        return factor.length == 1 ? Range.symmetric(owner, what, factor[0]) : Range.of(owner, what, factor[0], factor[1]);
    }

    /** The number or the pair of numbers at {@code key} (a config's factor), as an array of length 1 or 2. */
    static double[] factor(Map<String, Object> config, String key, String owner) {
        Object v = config.get(key);
        if (v instanceof Number n) {
            return new double[] {n.doubleValue()};
        }
        if (v instanceof List<?> list && list.size() == 2 && list.get(0) instanceof Number a
                && list.get(1) instanceof Number b) {
            return new double[] {a.doubleValue(), b.doubleValue()};
        }
        throw new IllegalArgumentException(owner + " config: key '" + key + "' must be a number or a list of two"
                + " numbers, got " + v);
    }

    /** Throws unless {@code [low, high]} is a finite value range with {@code low < high}. */
    static void requireValueRange(String owner, double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(low < high)) {
            throw new IllegalArgumentException(owner + ": value_range must be finite with low < high, got [" + low
                    + ", " + high + "]");
        }
    }

    /** The config's {@code value_range} pair, {@code [0, 255]} (Keras's default) when absent. */
    static double[] valueRange(Map<String, Object> config, String owner) {
        if (config.get("value_range") == null) {
            return new double[] {0, 255};
        }
        double[] range = factor(config, "value_range", owner);
        if (range.length != 2) {
            throw new IllegalArgumentException(owner + " config: key 'value_range' must be a list of two numbers, got "
                    + config.get("value_range"));
        }
        return range;
    }
}
