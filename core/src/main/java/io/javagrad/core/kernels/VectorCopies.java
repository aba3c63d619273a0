package io.javagrad.core.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of {@link Copies}. A run at least one vector long is copied as whole vectors, the last one
 * ending at the run's end (overlapping the one before); a shorter run is copied as one vector when both the
 * source and the destination's slack have room for it. Only the preferred species is used: on JDK 17, once a
 * second float vector size runs through the Vector API's shared methods, C2 stops compiling their stores as
 * vector stores wherever their type profile sees both sizes (measured: a GEMM compiled after such a copy ran
 * at 5 GFLOPS instead of 80). Load this class only when {@link VectorSupport#enabled()}.
 */
final class VectorCopies {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private VectorCopies() {}

    /** Copies the run as {@link Copies#run(float[], int, float[], int, int, int)} says; false if it did not. */
    static boolean run(float[] src, int s, float[] dst, int d, int length, int limit) {
        int v = F.length();
        if (length < v) {
            if (d + v > limit || s + v > src.length) {
                return false;
            }
            FloatVector.fromArray(F, src, s).intoArray(dst, d);
            return true;
        }
        int last = length - v;
        for (int i = 0; i < last; i += v) {
            FloatVector.fromArray(F, src, s + i).intoArray(dst, d + i);
        }
        FloatVector.fromArray(F, src, s + last).intoArray(dst, d + last);
        return true;
    }

    /** float64 twin of {@link #run(float[], int, float[], int, int, int)}. */
    static boolean run(double[] src, int s, double[] dst, int d, int length, int limit) {
        int v = D.length();
        if (length < v) {
            if (d + v > limit || s + v > src.length) {
                return false;
            }
            DoubleVector.fromArray(D, src, s).intoArray(dst, d);
            return true;
        }
        int last = length - v;
        for (int i = 0; i < last; i += v) {
            DoubleVector.fromArray(D, src, s + i).intoArray(dst, d + i);
        }
        DoubleVector.fromArray(D, src, s + last).intoArray(dst, d + last);
        return true;
    }
}
