package io.javagrad.core;

/** Element type of a {@link Tensor}. float32 is the default; float64 exists end to end for gradient checks. */
public enum DType {
    /** 32-bit IEEE 754 floating point, stored as {@code float[]}. */
    FLOAT32("float32", 4),
    /** 64-bit IEEE 754 floating point, stored as {@code double[]}. */
    FLOAT64("float64", 8);

    private final String label;
    private final int bytes;

    DType(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The NumPy-style name, {@code float32} or {@code float64}. */
    @Override
    public String toString() {
        return label;
    }

    /** Parses {@code float32}/{@code float64} (case-insensitive; {@code FLOAT32} works too). */
    public static DType parse(String name) {
        for (DType t : values()) {
            if (t.label.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "': expected float32 or float64");
    }
}
