package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The element-wise activations that layers name in their configs, with Keras's names and defaults:
 * {@code relu}, {@code leaky_relu} (slope 0.2), {@code elu} (alpha 1), {@code sigmoid}, {@code tanh},
 * {@code softmax} (last axis; see {@link SoftmaxOutputs}), {@code gelu} (exact), {@code softplus} and {@code linear} (identity).
 * {@link Dense}, {@code Conv2D} and the {@link Activation} layer share this table.
 */
public final class ActivationFunction {
    private static final Map<String, ActivationFunction> BY_NAME = new LinkedHashMap<>();

    /** The identity, Keras's {@code linear} (what a missing activation means). */
    public static final ActivationFunction LINEAR = define("linear", x -> x);

    /** The rectifier, Keras's {@code relu}. */
    public static final ActivationFunction RELU = define("relu", Tensor::relu);

    static {
        define("leaky_relu", x -> x.leakyRelu(0.2));
        define("elu", x -> x.elu(1.0));
        define("sigmoid", Tensor::sigmoid);
        define("tanh", Tensor::tanh);
        define("softmax", Tensor::softmaxActivation);
        define("gelu", Tensor::gelu);
        define("softplus", Tensor::softplus);
    }

    private final String name;
    private final UnaryOperator<Tensor> function;

    private ActivationFunction(String name, UnaryOperator<Tensor> function) {
        this.name = name;
        this.function = function;
    }

    private static ActivationFunction define(String name, UnaryOperator<Tensor> function) {
        ActivationFunction a = new ActivationFunction(name, function);
        BY_NAME.put(name, a);
        return a;
    }

    /** The activation called {@code name}; {@code null} means {@link #LINEAR}, as in Keras. */
    public static ActivationFunction of(String name) {
        if (name == null) {
            return LINEAR;
        }
        ActivationFunction a = BY_NAME.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown activation '" + name + "'; known: " + names());
        }
        return a;
    }

    /** The known names, in a fixed order. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    /** The Keras name, as written in configs. */
    public String name() {
        return name;
    }

    /** Applies the function (differentiably). */
    public Tensor apply(Tensor x) {
        return function.apply(x);
    }

    @Override
    public String toString() {
        return name;
    }
}
