package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/** {@code x} for {@code x > 0}, {@code alpha * x} otherwise; Keras's default slope is 0.3. */
public final class LeakyReLU extends Layer {
    private final double alpha;

    /** Slope 0.3, as in Keras. */
    public LeakyReLU() {
        this(0.3);
    }

    /** Slope {@code alpha >= 0} for negative inputs. */
    public LeakyReLU(double alpha) {
        super(null);
        if (!(alpha >= 0)) {
            throw new IllegalArgumentException("LeakyReLU: alpha (negative_slope) must be >= 0, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        return input.leakyRelu(alpha);
    }

    /** Keras 3 writes the slope as {@code negative_slope}; Keras 2's {@code alpha} is read too. */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("negative_slope", alpha);
        return c;
    }

    /** Rebuilds the layer from its config ({@code negative_slope} or {@code alpha}). */
    public static LeakyReLU fromConfig(Map<String, Object> config) {
        double slope = Configs.number(config, "negative_slope", Configs.number(config, "alpha", 0.3));
        LeakyReLU l = new LeakyReLU(slope);
        l.applyBaseConfig(config);
        return l;
    }
}
