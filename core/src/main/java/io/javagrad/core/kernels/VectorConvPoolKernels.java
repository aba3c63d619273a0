package io.javagrad.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops for {@link ConvKernels} and {@link PoolKernels}: selects that a plain loop would compile to
 * data-dependent branches, which mispredict on real activations. Each method handles a prefix of its range, a
 * multiple of the vector length, and returns where it stopped; the caller's scalar loop, which gives the same
 * values, does the rest. Load this class only when {@link VectorSupport#enabled()}.
 */
final class VectorConvPoolKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    private VectorConvPoolKernels() {}

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

    /**
     * 2x2 max pooling of the outputs {@code o} from {@code from}: on entry {@code argmax[o]} holds the input index
     * of window {@code o}'s top-left element, on return the index of its winner (the first maximum in window order;
     * a NaN wins), and {@code y[o]} its value. Returns the first output not done.
     */
    static int maxPool2x2(float[] x, int xOff, int inW, float[] y, int[] argmax, int from, int to) {
        if (F.length() != I.length()) {
            return from;
        }
        int o = from;
        for (; o + L <= to; o += L) {
            // the indices ride in float lanes, reinterpreted bit for bit, so that one float mask selects both
            IntVector t = IntVector.fromArray(I, argmax, o);
            FloatVector best = t.reinterpretAsFloats();
            FloatVector m = FloatVector.fromArray(F, x, xOff, argmax, o);
            FloatVector v = FloatVector.fromArray(F, x, xOff + 1, argmax, o);
            VectorMask<Float> wins = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
            m = m.blend(v, wins);
            best = best.blend(t.add(1).reinterpretAsFloats(), wins);
            v = FloatVector.fromArray(F, x, xOff + inW, argmax, o);
            wins = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
            m = m.blend(v, wins);
            best = best.blend(t.add(inW).reinterpretAsFloats(), wins);
            v = FloatVector.fromArray(F, x, xOff + inW + 1, argmax, o);
            wins = v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN));
            m = m.blend(v, wins);
            best = best.blend(t.add(inW + 1).reinterpretAsFloats(), wins);
            m.intoArray(y, o);
            best.reinterpretAsInts().intoArray(argmax, o);
        }
        return o;
    }
}
