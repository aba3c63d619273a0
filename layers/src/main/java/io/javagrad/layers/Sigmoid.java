package io.javagrad.layers;

/** The logistic sigmoid, {@code 1 / (1 + e^-x)}; an {@link Activation} layer with activation {@code "sigmoid"}. */
public final class Sigmoid extends Activation {
    /** The layer. */
    public Sigmoid() {
        super("sigmoid");
    }
}
