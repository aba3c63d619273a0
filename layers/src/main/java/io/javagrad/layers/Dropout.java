package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Inverted dropout: in training, each element is zeroed with probability {@code rate} and the survivors are
 * scaled by {@code 1 / (1 - rate)}, so the expected value is unchanged; at inference the layer is the identity.
 * Masks are drawn from the layer's generator, which the model seeds: the same seed gives the same masks.
 */
public final class Dropout extends Layer {
    private final double rate;

    /** Drops each element with probability {@code rate} in [0, 1). */
    public Dropout(double rate) {
        super(null);
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Dropout: rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
    }

    /** The drop probability. */
    public double rate() {
        return rate;
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        if (!training || rate == 0) {
            return input;
        }
        return input.mul(Tensor.dropoutMask(rng(), input.dtype(), rate, input.shape()));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("rate", rate);
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static Dropout fromConfig(Map<String, Object> config) {
        if (config.get("noise_shape") != null) {
            throw new IllegalArgumentException("Dropout config: noise_shape is not supported, got "
                    + config.get("noise_shape"));
        }
        Dropout d = new Dropout(Configs.number(config, "rate", Double.NaN));
        d.applyBaseConfig(config);
        return d;
    }
}
