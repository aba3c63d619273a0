package io.javagrad.layers.augment;

import java.util.Locale;

/**
 * How a geometric augmentation fills output pixels whose source lies outside the input image, with the Keras
 * names and meanings (input {@code a b c d}).
 */
public enum FillMode {
    /** {@code k k k k | a b c d | k k k k}: a constant value (0 unless given). */
    CONSTANT,
    /** {@code a a a a | a b c d | d d d d}: the nearest edge pixel. */
    NEAREST,
    /** {@code d c b a | a b c d | d c b a}: mirrored about the edge of the last pixel. */
    REFLECT,
    /** {@code a b c d | a b c d | a b c d}: the image repeated. */
    WRAP;

    /** The Keras name, e.g. {@code reflect}. */
    public String kerasName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode with Keras name {@code name}; an error naming {@code owner} and the known names otherwise. */
    public static FillMode fromKerasName(String owner, String name) {
        for (FillMode m : values()) {
            if (m.kerasName().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException(owner + ": unknown fill_mode \"" + name
                + "\"; expected constant, nearest, reflect or wrap");
    }

    /** The index in {@code [0, n)} that index {@code i} of an axis of length {@code n} reads, or -1 for the constant. */
    int resolve(int i, int n) {
        if (i >= 0 && i < n) {
            return i;
        }
        return switch (this) {
            case CONSTANT -> -1;
            case NEAREST -> i < 0 ? 0 : n - 1;
            case REFLECT -> {
                int j = Math.floorMod(i, 2 * n);
                yield j < n ? j : 2 * n - 1 - j;
            }
            case WRAP -> Math.floorMod(i, n);
        };
    }
}
