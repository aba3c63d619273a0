package io.javagrad.core.kernels;

/**
 * Copies of short runs between two different arrays, such as the rows of a few elements that im2col copies by the
 * thousand. {@link System#arraycopy} costs about as much for 11 floats as for 100 (about 9 ns a call, measured in
 * im2col of the 11-wide rows of a 13x13 input); with the Vector API a run is copied as whole vectors instead. Each
 * float32 method is followed by its float64 twin.
 */
public final class Copies {
    private static final boolean VECTOR = VectorSupport.enabled();

    private Copies() {}

    /**
     * {@code dst[d + i] = src[s + i]} for {@code 0 <= i < length}, and possibly any values in {@code dst[d + length,
     * limit)}, a slack the caller overwrites later or never reads ({@code limit <= dst.length}); {@code src} and
     * {@code dst} are different arrays. A run shorter than a vector is copied as one vector where the slack allows.
     */
    public static void run(float[] src, int s, float[] dst, int d, int length, int limit) {
        if (VECTOR && VectorCopies.run(src, s, dst, d, length, limit)) {
            return;
        }
        System.arraycopy(src, s, dst, d, length);
    }

    /** float64 twin of {@link #run(float[], int, float[], int, int, int)}. */
    public static void run(double[] src, int s, double[] dst, int d, int length, int limit) {
        if (VECTOR && VectorCopies.run(src, s, dst, d, length, limit)) {
            return;
        }
        System.arraycopy(src, s, dst, d, length);
    }
}
