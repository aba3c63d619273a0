package io.javagrad.layers;

/** The Gaussian error linear unit, exact form {@code x * Phi(x)}; an {@link Activation} layer with activation {@code "gelu"}. */
public final class GELU extends Activation {
    /** The layer. */
    public GELU() {
        super("gelu");
    }
}
