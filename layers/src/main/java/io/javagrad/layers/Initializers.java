package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's initializers. The variance-scaling family (Glorot, He, LeCun) follows Keras exactly: uniform in
 * {@code [-limit, limit]} with {@code limit = sqrt(3 * scale / n)}, or a normal truncated at two standard
 * deviations with {@code stddev = sqrt(scale / n) / 0.87962566103423978}, where {@code n} is the fan in, the
 * fan out, or their mean.
 */
public final class Initializers {
    private Initializers() {}

    private static final double TRUNCATED_NORMAL_STDDEV_CORRECTION = 0.87962566103423978;

    /** All zeros (Keras's default for biases). */
    public static Initializer zeros() {
        return constant(0, "Zeros");
    }

    /** All ones. */
    public static Initializer ones() {
        return constant(1, "Ones");
    }

    /** All {@code value}. */
    public static Initializer constant(double value) {
        return constant(value, "Constant");
    }

    private static Initializer constant(double value, String className) {
        return new Simple(className, value, 0, (shape, fanIn, fanOut, dtype, rng) -> Tensor.full(dtype, value, shape));
    }

    /** Uniform in [minval, maxval). */
    public static Initializer randomUniform(double minval, double maxval) {
        return new Simple("RandomUniform", minval, maxval,
                (shape, fanIn, fanOut, dtype, rng) -> Tensor.uniform(rng, dtype, minval, maxval, shape));
    }

    /** Normal with the given mean and standard deviation. */
    public static Initializer randomNormal(double mean, double stddev) {
        return new Simple("RandomNormal", mean, stddev,
                (shape, fanIn, fanOut, dtype, rng) -> Tensor.randn(rng, dtype, shape).mul(stddev).add(mean).detach());
    }

    /** Glorot (Xavier) uniform: scale 1 over the mean fan (Keras's default kernel initializer). */
    public static Initializer glorotUniform() {
        return new VarianceScaling("GlorotUniform", 1, Mode.FAN_AVG, true);
    }

    /** Glorot (Xavier) normal, truncated. */
    public static Initializer glorotNormal() {
        return new VarianceScaling("GlorotNormal", 1, Mode.FAN_AVG, false);
    }

    /** He uniform: scale 2 over the fan in. */
    public static Initializer heUniform() {
        return new VarianceScaling("HeUniform", 2, Mode.FAN_IN, true);
    }

    /** He normal, truncated. */
    public static Initializer heNormal() {
        return new VarianceScaling("HeNormal", 2, Mode.FAN_IN, false);
    }

    /** LeCun normal, truncated: scale 1 over the fan in. */
    public static Initializer lecunNormal() {
        return new VarianceScaling("LecunNormal", 1, Mode.FAN_IN, false);
    }

    /** Keras's nested form {@code {"class_name": ..., "config": {...}}}. */
    public static Map<String, Object> toConfig(Initializer init) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", init.className());
        m.put("config", init.getConfig());
        return m;
    }

    /**
     * Reads the nested form, or a bare name such as {@code "glorot_uniform"} or {@code "zeros"} as Keras accepts.
     */
    public static Initializer fromConfig(Object config) {
        if (config instanceof String s) {
            return byName(s, Map.of());
        }
        Map<?, ?> m = Configs.map(config, "initializer");
        Map<?, ?> c = m.get("config") == null ? Map.of() : Configs.map(m.get("config"), "initializer config");
        return byName(Configs.string(m, "class_name", "initializer"), c);
    }

    /** {@link #fromConfig(Object)}, or {@code fallback} when {@code config} is {@code null}. */
    public static Initializer fromConfig(Object config, Initializer fallback) {
        return config == null ? fallback : fromConfig(config);
    }

    private static Initializer byName(String name, Map<?, ?> c) {
        switch (name.replace("_", "").toLowerCase(java.util.Locale.ROOT)) {
            case "zeros":
                return zeros();
            case "ones":
                return ones();
            case "constant":
                return constant(Configs.number(c, "value", 0));
            case "randomuniform":
                return randomUniform(Configs.number(c, "minval", -0.05), Configs.number(c, "maxval", 0.05));
            case "randomnormal":
                return randomNormal(Configs.number(c, "mean", 0), Configs.number(c, "stddev", 0.05));
            case "glorotuniform":
                return glorotUniform();
            case "glorotnormal":
                return glorotNormal();
            case "heuniform":
                return heUniform();
            case "henormal":
                return heNormal();
            case "lecunnormal":
                return lecunNormal();
            default:
                throw new IllegalArgumentException("unknown initializer '" + name + "'; known: Zeros, Ones, Constant,"
                        + " RandomUniform, RandomNormal, GlorotUniform, GlorotNormal, HeUniform, HeNormal, LecunNormal");
        }
    }

    @FunctionalInterface
    private interface Draw {
        Tensor draw(int[] shape, int fanIn, int fanOut, DType dtype, Rng rng);
    }

    /** Constants and plain random initializers; {@code a} and {@code b} are their two hyperparameters. */
    private record Simple(String className, double a, double b, Draw draw) implements Initializer {
        @Override
        public Tensor initialize(int[] shape, int fanIn, int fanOut, DType dtype, Rng rng) {
            return draw.draw(shape, fanIn, fanOut, dtype, rng);
        }

        @Override
        public Map<String, Object> getConfig() {
            Map<String, Object> c = new LinkedHashMap<>();
            switch (className) {
                case "Constant" -> c.put("value", a);
                case "RandomUniform" -> {
                    c.put("minval", a);
                    c.put("maxval", b);
                }
                case "RandomNormal" -> {
                    c.put("mean", a);
                    c.put("stddev", b);
                }
                default -> {
                }
            }
            return c;
        }
    }

    private enum Mode { FAN_IN, FAN_AVG }

    private record VarianceScaling(String className, double scale, Mode mode, boolean uniform) implements Initializer {
        @Override
        public Tensor initialize(int[] shape, int fanIn, int fanOut, DType dtype, Rng rng) {
            double n = Math.max(1, mode == Mode.FAN_IN ? fanIn : (fanIn + fanOut) / 2.0);
            if (uniform) {
                double limit = Math.sqrt(3 * scale / n);
                return Tensor.uniform(rng, dtype, -limit, limit, shape);
            }
            double stddev = Math.sqrt(scale / n) / TRUNCATED_NORMAL_STDDEV_CORRECTION;
            double[] values = new double[Shapes.numel(shape)];
            for (int i = 0; i < values.length; i++) {
                double z;
                do {
                    z = rng.nextGaussian();
                } while (Math.abs(z) > 2);
                values[i] = z * stddev;
            }
            return Tensor.of(values, shape).reshape(shape).to(dtype); // reshape: a 0-d shape stays 0-d
        }

        @Override
        public Map<String, Object> getConfig() {
            return new LinkedHashMap<>();
        }
    }
}
