package io.javagrad.layers.augment;

import java.util.Locale;

/** How a geometric augmentation reads the input at a non-integer position, with the Keras names. */
public enum Interpolation {
    /** The weighted mean of the four surrounding pixels. */
    BILINEAR(4),
    /** The pixel nearest to the position (halves round up). */
    NEAREST(1);

    private final int taps;

    Interpolation(int taps) {
        this.taps = taps;
    }

    /** Number of input pixels one output pixel reads. */
    int taps() {
        return taps;
    }

    /** The Keras name, e.g. {@code bilinear}. */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The interpolation with Keras name {@code name}; an error naming {@code owner} otherwise. */
    public static Interpolation fromKerasName(String owner, String name) {
        for (Interpolation m : values()) {
            if (m.kerasName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(owner + ": unknown interpolation \"" + name
                + "\"; expected bilinear or nearest");
    }
}
