package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Applies a named activation function (see {@link ActivationFunction}) element-wise; Keras's
 * {@code Activation} layer. {@link Sigmoid}, {@link Tanh}, {@link GELU} and {@link Linear} are shorthands
 * for it and save themselves as {@code Activation} layers, so their configs load in Keras too.
 */
public class Activation extends Layer {
    private final ActivationFunction function;

    /** A layer applying the activation called {@code activation}, e.g. {@code "relu"}. */
    public Activation(String activation) {
        super(null);
        this.function = ActivationFunction.of(activation);
    }

    /** The function applied. */
    public ActivationFunction function() {
        return function;
    }

    @Override
    public final String className() {
        return "Activation";
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        return function.apply(input);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("activation", function.name());
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static Activation fromConfig(Map<String, Object> config) {
        Activation a = new Activation(Configs.string(config, "activation", "Activation config"));
        a.applyBaseConfig(config);
        return a;
    }
}
