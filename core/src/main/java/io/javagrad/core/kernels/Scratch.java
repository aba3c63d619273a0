package io.javagrad.core.kernels;

/**
 * A thread's working arrays for the kernels, one float and one double array per {@link Role}, kept from call to
 * call and grown on need, so that a training step does not allocate (and the JVM zero) a packed panel or a column
 * matrix per call. Their content is whatever the last call left: each use writes a region in full before reading it.
 * Kernels that call one another use different roles, so a convolution's column matrix stays intact while the GEMM
 * it calls packs its panels.
 */
final class Scratch {
    /** What an array is for. */
    enum Role {
        /** A GEMM's packed block of A. */
        PACKED_A,
        /** A GEMM's packed panel of B. */
        PACKED_B,
        /** A GEMM's edge or half-width micro-tile. */
        TILE,
        /** A GEMM's product computed as its transpose. */
        TRANSPOSED_PRODUCT,
        /** A GEMM's product over the second half of its depth. */
        DEPTH_HALF,
        /** A convolution's column matrix (im2col) for a block of images. */
        COL,
        /** A convolution's GEMM output, or output gradient, for a block of images. */
        BLOCK,
        /** A convolution weight gradient computed as its transpose. */
        TRANSPOSED,
        /** A convolution weight gradient's per-block partial sums. */
        PARTIALS
    }

    private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

    private final float[][] floats = new float[Role.values().length][];
    private final double[][] doubles = new double[Role.values().length][];

    private Scratch() {}

    /** The calling thread's arrays. */
    static Scratch mine() {
        return MINE.get();
    }

    /** The float array for {@code role}, at least {@code length} long. */
    float[] floats(Role role, int length) {
        float[] a = floats[role.ordinal()];
        if (a == null || a.length < length) {
            a = new float[length];
            floats[role.ordinal()] = a;
        }
        return a;
    }

    /** float64 twin of {@link #floats}. */
    double[] doubles(Role role, int length) {
        double[] a = doubles[role.ordinal()];
        if (a == null || a.length < length) {
            a = new double[length];
            doubles[role.ordinal()] = a;
        }
        return a;
    }
}
