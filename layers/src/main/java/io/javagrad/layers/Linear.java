package io.javagrad.layers;

/** The identity (useful as a named placeholder); an {@link Activation} layer with activation {@code "linear"}. */
public final class Linear extends Activation {
    /** The layer. */
    public Linear() {
        super("linear");
    }
}
