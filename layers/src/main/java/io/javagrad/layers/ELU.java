package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/** The exponential linear unit: {@code x} for {@code x > 0}, {@code alpha * (e^x - 1)} otherwise. */
public final class ELU extends Layer {
    private final double alpha;

    /** {@code alpha = 1}, as in Keras. */
    public ELU() {
        this(1.0);
    }

    /** The given finite {@code alpha}. */
    public ELU(double alpha) {
        super(null);
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        return input.elu(alpha);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("alpha", alpha);
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static ELU fromConfig(Map<String, Object> config) {
        ELU e = new ELU(Configs.number(config, "alpha", 1.0));
        e.applyBaseConfig(config);
        return e;
    }
}
