package io.javagrad.layers;

import io.javagrad.core.ConvOptions;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * The common part of {@link MaxPool2D} and {@link AvgPool2D}: a {@code poolSize} window moved by {@code strides}
 * (default: the pool size) over NCHW inputs, with {@code "valid"} or {@code "same"} padding (TensorFlow's split,
 * the odd row or column at the end).
 */
public abstract sealed class Pooling2D extends Layer permits MaxPool2D, AvgPool2D {
    private final int[] poolSize;
    private final int[] strides;
    private final String padding;

    Pooling2D(String layer, int[] poolSize, int[] strides, String padding) {
        super(null);
        int[] s = strides == null ? poolSize : strides;
        if (poolSize.length != 2 || s.length != 2 || poolSize[0] <= 0 || poolSize[1] <= 0 || s[0] <= 0 || s[1] <= 0) {
            throw new IllegalArgumentException(layer + ": pool_size and strides must be two positive sizes, got "
                    + Shapes.str(poolSize) + " and " + Shapes.str(s));
        }
        this.poolSize = poolSize.clone();
        this.strides = s.clone();
        this.padding = Conv2D.paddingMode(padding, layer);
    }

    /** Pools {@code x} with window {@code kernel}, {@code stride} and {@code pad} {top, bottom, left, right}. */
    abstract Tensor pool(Tensor x, int[] kernel, int[] stride, int[] pad);

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        requireRank(input, 4, "[N, C, H, W]");
        return pool(input, poolSize, strides, paddingFor(input.shape()));
    }

    /**
     * The padding {top, bottom, left, right} for an input of {@code shape} [N, C, H, W], checked against the window.
     */
    int[] paddingFor(int[] shape) {
        if (padding.equals("same")) {
            int[] h = ConvOptions.samePadding(shape[2], poolSize[0], strides[0], 1);
            int[] w = ConvOptions.samePadding(shape[3], poolSize[1], strides[1], 1);
            return new int[] {h[0], h[1], w[0], w[1]};
        }
        if (shape[2] < poolSize[0] || shape[3] < poolSize[1]) {
            throw new IllegalArgumentException(describe() + ": pool size " + Shapes.str(poolSize)
                    + " is larger than the input's height and width (input shape " + Shapes.str(shape) + ")");
        }
        return new int[4];
    }

    /** The window {kH, kW}. */
    int[] poolSize() {
        return poolSize.clone();
    }

    /** The window's steps {sH, sW}. */
    int[] strides() {
        return strides.clone();
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("pool_size", Configs.list(poolSize));
        c.put("strides", Configs.list(strides));
        c.put("padding", padding);
        c.put("data_format", "channels_first");
        return c;
    }

    /** Reads {@code pool_size}, {@code strides} and {@code padding} and makes the layer with {@code factory}. */
    static <P extends Pooling2D> P fromConfig(Map<String, Object> config, String what, PoolFactory<P> factory) {
        Conv2D.requireChannelsFirst(config, what);
        int[] size = config.get("pool_size") == null ? new int[] {2, 2} : Configs.ints(config, "pool_size", what, 2);
        int[] strides = config.get("strides") == null ? null : Configs.ints(config, "strides", what, 2);
        P layer = factory.create(size, strides, Configs.string(config, "padding", what, "valid"));
        layer.applyBaseConfig(config);
        return layer;
    }

    /** A pooling layer's constructor. */
    @FunctionalInterface
    interface PoolFactory<P extends Pooling2D> {
        P create(int[] poolSize, int[] strides, String padding);
    }
}
