package io.javagrad.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for {@link ConvKernels}: selects that a plain loop compiles to data-dependent branches, which
 * mispredict on real activations. Each method handles a prefix of its range, a multiple of the vector length, and
 * returns where it stopped; the caller's scalar loop, which gives the same values, does the rest. Load this class
 * only when {@link VectorSupport#enabled()}.
 */
final class VectorConvKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private VectorConvKernels() {}

    /** {@code data[i] = data[i] > 0 ? data[i] : 0} for i from {@code from}; returns the first index not done. */
    static int relu(float[] data, int from, int to) {
        FloatVector zero = FloatVector.zero(F);
        int i = from;
        for (; i + L <= to; i += L) {
            FloatVector v = FloatVector.fromArray(F, data, i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(data, i);
        }
        return i;
    }
}
