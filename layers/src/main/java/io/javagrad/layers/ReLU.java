package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Keras's ReLU layer: {@code max_value} for {@code x >= max_value}, {@code x} for {@code threshold <= x <
 * max_value}, {@code negative_slope * (x - threshold)} below the threshold. The defaults give {@code max(x, 0)}.
 */
public final class ReLU extends Layer {
    private final Double maxValue;
    private final double negativeSlope;
    private final double threshold;

    /** {@code max(x, 0)}. */
    public ReLU() {
        this(null, 0, 0);
    }

    /** The general form; {@code maxValue} may be {@code null} (no cap); all values must be >= 0. */
    public ReLU(Double maxValue, double negativeSlope, double threshold) {
        super(null);
        if ((maxValue != null && !(maxValue >= 0)) || !(negativeSlope >= 0) || !(threshold >= 0)) {
            throw new IllegalArgumentException("ReLU: max_value, negative_slope and threshold must be >= 0, got "
                    + maxValue + ", " + negativeSlope + ", " + threshold);
        }
        this.maxValue = maxValue;
        this.negativeSlope = negativeSlope;
        this.threshold = threshold;
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        Tensor y = negativeSlope == 0 && threshold == 0
                ? input.relu()
                : Tensor.where(input.ge(threshold), input, input.sub(threshold).mul(negativeSlope));
        return maxValue == null ? y : y.clamp(Double.NEGATIVE_INFINITY, maxValue);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("max_value", maxValue);
        c.put("negative_slope", negativeSlope);
        c.put("threshold", threshold);
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static ReLU fromConfig(Map<String, Object> config) {
        Double max = config.get("max_value") == null ? null : Configs.number(config, "max_value", 0);
        ReLU r = new ReLU(max, Configs.number(config, "negative_slope", 0), Configs.number(config, "threshold", 0));
        r.applyBaseConfig(config);
        return r;
    }
}
