package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Adds the sinusoidal position encoding of "Attention Is All You Need" to a {@code [B, T, D]} input:
 * {@code PE[t, 2i] = sin(t / w^(2i / D))}, {@code PE[t, 2i + 1] = cos(t / w^(2i / D))} with the maximum
 * wavelength {@code w = 10000} by default. No weights.
 */
public final class PositionalEncoding extends Layer {
    private final double maxWavelength;
    private Tensor cached;

    /** The usual encoding, wavelength 10000. */
    public PositionalEncoding() {
        this(10000);
    }

    /** An encoding with the given maximum wavelength (> 1). */
    public PositionalEncoding(double maxWavelength) {
        super(null);
        if (!(maxWavelength > 1)) {
            throw new IllegalArgumentException("PositionalEncoding: max_wavelength must be > 1, got " + maxWavelength);
        }
        this.maxWavelength = maxWavelength;
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        requireRank(input, 3, "[B, T, D]");
        return input.add(encoding(input.shape(1), input.shape(2), input.dtype()));
    }

    /** The {@code [T, D]} encoding table (kept for the last size and dtype asked). */
    public Tensor encoding(int length, int depth, DType dtype) {
        if (cached == null || cached.shape(0) != length || cached.shape(1) != depth || cached.dtype() != dtype) {
            double[] table = new double[length * depth];
            for (int t = 0; t < length; t++) {
                for (int i = 0; i < depth; i++) {
                    double angle = t / Math.pow(maxWavelength, (i - i % 2) / (double) depth);
                    table[t * depth + i] = i % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
                }
            }
            cached = Tensor.of(table, length, depth).to(dtype);
        }
        return cached;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("max_wavelength", maxWavelength);
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static PositionalEncoding fromConfig(Map<String, Object> config) {
        PositionalEncoding p = new PositionalEncoding(Configs.number(config, "max_wavelength", 10000));
        p.applyBaseConfig(config);
        return p;
    }
}
