package io.javagrad.core.kernels;

/**
 * Fused optimizer updates over contiguous arrays indexed alike, for elements {@code [from, to)}: each element is
 * updated on its own, so a range may be split across threads freely. The arithmetic, operation by operation and
 * in the same order, is that of the chain of in-place steps the update replaces, so the results are bit-identical
 * to that chain, with or without the Vector API. Each float32 method is followed by its float64 twin.
 */
public final class Updates {
    private static final boolean VECTOR = VectorSupport.enabled();

    private Updates() {}

    /**
     * One Adam step, in float arithmetic with the constants rounded to float first:
     * <pre>
     * m = m + mWeight * (g - m)
     * v = v * beta2 + gWeight * g * g
     * p = p + step * m / (sqrt(v) * scale + eps)
     * </pre>
     */
    public static void adam(float[] p, float[] g, float[] m, float[] v, int from, int to,
                            double mWeight, double beta2, double gWeight, double scale, double eps, double step) {
        float mw = (float) mWeight;
        float b2 = (float) beta2;
        float gw = (float) gWeight;
        float sc = (float) scale;
        float ep = (float) eps;
        float st = (float) step;
        int i = VECTOR ? VectorElementwise.adam(p, g, m, v, from, to, mw, b2, gw, sc, ep, st) : from;
        for (; i < to; i++) {
            float gi = g[i];
            float mi = m[i] + mw * (gi - m[i]);
            m[i] = mi;
            float vi = v[i] * b2 + gw * gi * gi;
            v[i] = vi;
            p[i] = p[i] + st * mi / ((float) Math.sqrt(vi) * sc + ep);
        }
    }

    /** float64 twin of {@link #adam(float[], float[], float[], float[], int, int, double, double, double, double, double, double)}. */
    public static void adam(double[] p, double[] g, double[] m, double[] v, int from, int to,
                            double mWeight, double beta2, double gWeight, double scale, double eps, double step) {
        int i = VECTOR ? VectorElementwise.adam(p, g, m, v, from, to, mWeight, beta2, gWeight, scale, eps, step)
                : from;
        for (; i < to; i++) {
            double gi = g[i];
            double mi = m[i] + mWeight * (gi - m[i]);
            m[i] = mi;
            double vi = v[i] * beta2 + gWeight * gi * gi;
            v[i] = vi;
            p[i] = p[i] + step * mi / (Math.sqrt(vi) * scale + eps);
        }
    }
}
