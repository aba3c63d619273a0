package io.javagrad.layers;

import io.javagrad.layers.augment.AffineAugmentation;
import io.javagrad.layers.augment.FillMode;
import io.javagrad.layers.augment.Interpolation;
import java.util.Map;

/**
 * The base of the geometric augmentation layers: each applies an {@link AffineAugmentation}, so all of them share
 * one sampler. Holds the settings they have in common: the fill mode (constant 0 by default, where Keras's
 * rotation, zoom and translation layers default to {@code reflect}), the fill value and the interpolation.
 *
 * @param <L> the concrete layer, returned by the setters
 */
public abstract class GeometricAugmentationLayer<L extends GeometricAugmentationLayer<L>> extends RandomImageLayer {
    private AffineAugmentation augmentation;

    /** A layer applying {@code augmentation}. */
    protected GeometricAugmentationLayer(AffineAugmentation augmentation) {
        this.augmentation = augmentation;
    }

    @Override
    public AffineAugmentation augmentation() {
        return augmentation;
    }

    /** Sets how pixels from outside the input are filled; returns this layer. */
    public L fillMode(FillMode mode) {
        augmentation = augmentation.toBuilder().fillMode(mode).build();
        return self();
    }

    /** Sets the value of the {@link FillMode#CONSTANT} fill; returns this layer. */
    public L fillValue(double value) {
        augmentation = augmentation.toBuilder().fillValue(value).build();
        return self();
    }

    /** Sets how the input is read between pixels; returns this layer. */
    public L interpolation(Interpolation mode) {
        augmentation = augmentation.toBuilder().interpolation(mode).build();
        return self();
    }

    @SuppressWarnings("unchecked")
    private L self() {
        return (L) this;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("fill_mode", augmentation.fillMode().kerasName());
        c.put("fill_value", augmentation.fillValue());
        c.put("interpolation", augmentation.interpolation().kerasName());
        return c;
    }

    /** Applies the sampling keys and the base keys of {@code config} to {@code layer}; returns it. */
    static <L extends GeometricAugmentationLayer<L>> L withSamplingConfig(L layer, Map<String, Object> config) {
        String what = layer.className() + " config";
        return withBaseConfig(layer, config)
                .fillMode(FillMode.fromKerasName(what, Configs.string(config, "fill_mode", what, "constant")))
                .fillValue(Configs.number(config, "fill_value", 0))
                .interpolation(Interpolation.fromKerasName(what, Configs.string(config, "interpolation", what, "bilinear")));
    }
}
