package io.javagrad.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API bodies of element-wise loops that the JIT does not vectorize by itself (a select, a chain with a
 * division and a square root, or an update of one array from another that might be the same one). Each processes
 * the elements {@code [0, bound)} for the largest multiple {@code bound} of the vector length that fits and returns
 * {@code bound}; the caller's plain loop, which does the same arithmetic in the same order one element at a time,
 * finishes the tail. Results are therefore bit-identical to the plain-Java path. Load this class only when
 * {@link VectorSupport#enabled()}.
 */
final class VectorElementwise {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private VectorElementwise() {}

    /** {@code out[oo + i] = x[xo + i] > 0 ? x[xo + i] : 0}. */
    static int relu(float[] x, int xo, float[] out, int oo, int n) {
        int bound = F.loopBound(n);
        FloatVector zero = FloatVector.zero(F);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** float64 twin of {@link #relu(float[], int, float[], int, int)}. */
    static int relu(double[] x, int xo, double[] out, int oo, int n) {
        int bound = D.loopBound(n);
        DoubleVector zero = DoubleVector.zero(D);
        for (int i = 0; i < bound; i += D.length()) {
            DoubleVector v = DoubleVector.fromArray(D, x, xo + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0.0)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** {@code out[oo + i] += x[xo + i]}. */
    static int addInto(float[] x, int xo, float[] out, int oo, int n) {
        int bound = F.loopBound(n);
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector.fromArray(F, out, oo + i).add(FloatVector.fromArray(F, x, xo + i)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** float64 twin of {@link #addInto(float[], int, float[], int, int)}. */
    static int addInto(double[] x, int xo, double[] out, int oo, int n) {
        int bound = D.loopBound(n);
        for (int i = 0; i < bound; i += D.length()) {
            DoubleVector.fromArray(D, out, oo + i).add(DoubleVector.fromArray(D, x, xo + i)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** {@code out[oo + i] = g[go + i] * (y[yo + i] > 0 ? 1 : 0)}. */
    static int reluBackward(float[] g, int go, float[] y, int yo, float[] out, int oo, int n) {
        int bound = F.loopBound(n);
        FloatVector zero = FloatVector.zero(F);
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int i = 0; i < bound; i += F.length()) {
            VectorMask<Float> positive = FloatVector.fromArray(F, y, yo + i).compare(VectorOperators.GT, 0f);
            FloatVector.fromArray(F, g, go + i).mul(zero.blend(one, positive)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** float64 twin of {@link #reluBackward(float[], int, float[], int, float[], int, int)}. */
    static int reluBackward(double[] g, int go, double[] y, int yo, double[] out, int oo, int n) {
        int bound = D.loopBound(n);
        DoubleVector zero = DoubleVector.zero(D);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        for (int i = 0; i < bound; i += D.length()) {
            VectorMask<Double> positive = DoubleVector.fromArray(D, y, yo + i).compare(VectorOperators.GT, 0.0);
            DoubleVector.fromArray(D, g, go + i).mul(zero.blend(one, positive)).intoArray(out, oo + i);
        }
        return bound;
    }

    /** The vector part of {@link Updates#adam(float[], float[], float[], float[], int, int, double, double, double, double, double, double)}. */
    static int adam(float[] p, float[] g, float[] m, float[] v, int from, int to,
                    float mWeight, float beta2, float gWeight, float scale, float eps, float step) {
        int bound = from + F.loopBound(to - from);
        for (int i = from; i < bound; i += F.length()) {
            FloatVector gi = FloatVector.fromArray(F, g, i);
            FloatVector mi = FloatVector.fromArray(F, m, i);
            mi = mi.add(gi.sub(mi).mul(mWeight));
            mi.intoArray(m, i);
            FloatVector vi = FloatVector.fromArray(F, v, i).mul(beta2).add(gi.mul(gWeight).mul(gi));
            vi.intoArray(v, i);
            FloatVector denominator = vi.sqrt().mul(scale).add(eps);
            FloatVector.fromArray(F, p, i).add(mi.mul(step).div(denominator)).intoArray(p, i);
        }
        return bound;
    }

    /** float64 twin of {@link #adam(float[], float[], float[], float[], int, int, float, float, float, float, float, float)}. */
    static int adam(double[] p, double[] g, double[] m, double[] v, int from, int to,
                    double mWeight, double beta2, double gWeight, double scale, double eps, double step) {
        int bound = from + D.loopBound(to - from);
        for (int i = from; i < bound; i += D.length()) {
            DoubleVector gi = DoubleVector.fromArray(D, g, i);
            DoubleVector mi = DoubleVector.fromArray(D, m, i);
            mi = mi.add(gi.sub(mi).mul(mWeight));
            mi.intoArray(m, i);
            DoubleVector vi = DoubleVector.fromArray(D, v, i).mul(beta2).add(gi.mul(gWeight).mul(gi));
            vi.intoArray(v, i);
            DoubleVector denominator = vi.sqrt().mul(scale).add(eps);
            DoubleVector.fromArray(D, p, i).add(mi.mul(step).div(denominator)).intoArray(p, i);
        }
        return bound;
    }

    /**
     * The vector part of {@link Folds#fold(Folds.Fold, float[], int, int, double[], int, int, int)} for a sum into
     * one slot per element: {@code acc[ao + i] += x[xo + i]}, each float widened to double exactly. A vector of F (as
     * wide as one of D, so twice its lanes) widens in two parts, as a float vector of half its size would be a second
     * float shape: on JDK 17 that stopped C2 from compiling vector stores in the other kernels (the cnn trained at
     * 3,850 samples/s against 6,000).
     */
    static int addWidened(float[] x, int xo, double[] acc, int ao, int n) {
        int bound = F.loopBound(n);
        int half = D.length();
        for (int i = 0; i < bound; i += F.length()) {
            FloatVector wide = FloatVector.fromArray(F, x, xo + i);
            DoubleVector.fromArray(D, acc, ao + i).add(wide.convertShape(VectorOperators.F2D, D, 0))
                    .intoArray(acc, ao + i);
            DoubleVector.fromArray(D, acc, ao + i + half).add(wide.convertShape(VectorOperators.F2D, D, 1))
                    .intoArray(acc, ao + i + half);
        }
        return bound;
    }
}
