package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * The common part of {@link GlobalAveragePooling2D} and {@link GlobalMaxPooling2D}: reduces the height and width
 * of NCHW inputs, {@code [N, C, H, W] -> [N, C]} (or {@code [N, C, 1, 1]} with {@code keepdims}).
 */
public abstract sealed class GlobalPooling2D extends Layer permits GlobalAveragePooling2D, GlobalMaxPooling2D {
    private static final int[] SPATIAL = {2, 3};
    private final boolean keepDims;

    GlobalPooling2D(boolean keepDims) {
        super(null);
        this.keepDims = keepDims;
    }

    /** Reduces {@code x} over {@code axes}. */
    abstract Tensor reduce(Tensor x, int[] axes, boolean keep);

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        requireRank(input, 4, "[N, C, H, W]");
        return reduce(input, SPATIAL, keepDims);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", "channels_first");
        c.put("keepdims", keepDims);
        return c;
    }

    /** Reads {@code keepdims} and makes the layer with {@code factory}. */
    static <P extends GlobalPooling2D> P fromConfig(Map<String, Object> config, String what,
                                                    java.util.function.Function<Boolean, P> factory) {
        Conv2D.requireChannelsFirst(config, what);
        P layer = factory.apply(Configs.bool(config, "keepdims", false));
        layer.applyBaseConfig(config);
        return layer;
    }
}
