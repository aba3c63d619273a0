package io.javagrad.layers;

/** The hyperbolic tangent; an {@link Activation} layer with activation {@code "tanh"}. */
public final class Tanh extends Activation {
    /** The layer. */
    public Tanh() {
        super("tanh");
    }
}
