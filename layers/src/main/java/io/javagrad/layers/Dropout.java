package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
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
        return input.mul(mask(rng(), input.dtype(), input.shape(), rate));
    }

    /**
     * The scaled mask, drawn in one pass: 1 / (1 - rate) where a uniform draw u (rounded to the dtype) is
     * {@code >= rate} (probability 1 - rate), 0 elsewhere. The same values as
     * {@code Tensor.rand(rng, dtype, shape).ge(rate).mul(1 / (1 - rate))}, from the same draws.
     */
    static Tensor mask(Rng rng, DType dtype, int[] shape, double rate) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double scale = 1 / (1 - rate);
        if (dtype == DType.FLOAT32) {
            float threshold = (float) rate;
            float keep = (float) scale;
            float[] m = new float[n];
            for (int i = 0; i < n; i++) {
                m[i] = (float) rng.nextDouble() >= threshold ? keep : 0f;
            }
            return Tensor.of(m, shape);
        }
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = rng.nextDouble() >= rate ? scale : 0;
        }
        return Tensor.of(m, shape);
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
