package io.javagrad.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of a float32 2x2 stride-2 max pool, {@link #WINDOWS} windows at a time. A full-width vector
 * of input floats, read as longs, holds one window row's pair in each long lane: its low half is the left element
 * and its high half the right one, so narrowing the longs to ints (before and after a shift by 32) splits the
 * pairs into a vector of left and one of right elements without a shuffle. The windows are then compared as
 * {@link PoolKernels} does one at a time (top pair, bottom pair, then the two), with the same result: the value is
 * {@link Math#max} of the four and the argmax the first maximum in window order, or the last NaN. Load this class
 * only when {@link VectorSupport#enabled()}.
 */
final class VectorPoolKernels {
    private static final VectorSpecies<Float> PAIRS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS =
            VectorSpecies.of(int.class, VectorShape.forBitSize(PAIRS.vectorBitSize() / 2));

    /** Windows handled at once: one per long lane of a preferred-size vector (8 with AVX-512). */
    static final int WINDOWS = PAIRS.length() / 2;

    /** Offsets of the windows' left columns from the first one. */
    private static final IntVector LEFT_COLUMNS = IntVector.zero(INTS).addIndex(2);

    private VectorPoolKernels() {}

    /**
     * Pools one output row of {@code outW >= WINDOWS} windows whose top-left elements are {@code x[row + 2 * ow]},
     * the bottom ones {@code inW} further on, into {@code y[o + ow]} and {@code argmax[o + ow]} (offsets from
     * {@code xOff}). The last group of windows overlaps the one before when {@code WINDOWS} does not divide
     * {@code outW}; it writes the same values again.
     */
    static void maxPool2x2Row(float[] x, int xOff, int row, int inW, int outW, float[] y, int[] argmax, int o) {
        // One method without helpers on purpose: C2 inlines the Vector API's own methods whatever the size of the
        // compiled method, but not small helpers of ours once that size passes its node cutoff, and a vector
        // passed to or returned from a call that was not inlined is boxed on the heap. With helpers, this kernel
        // allocated a third of the cnn workload's bytes, and the cnn trained about 8% slower.
        for (int ow = 0; ; ow = Math.min(ow + WINDOWS, outW - WINDOWS)) {
            int t = row + 2 * ow;
            LongVector top = FloatVector.fromArray(PAIRS, x, xOff + t).reinterpretAsLongs();
            LongVector bottom = FloatVector.fromArray(PAIRS, x, xOff + t + inW).reinterpretAsLongs();
            // left elements: the low half of each long; right elements: the high half
            FloatVector a = ((IntVector) top.convertShape(VectorOperators.L2I, INTS, 0)).reinterpretAsFloats();
            FloatVector b = ((IntVector) top.lanewise(VectorOperators.LSHR, 32)
                    .convertShape(VectorOperators.L2I, INTS, 0)).reinterpretAsFloats();
            FloatVector c = ((IntVector) bottom.convertShape(VectorOperators.L2I, INTS, 0)).reinterpretAsFloats();
            FloatVector d = ((IntVector) bottom.lanewise(VectorOperators.LSHR, 32)
                    .convertShape(VectorOperators.L2I, INTS, 0)).reinterpretAsFloats();
            // as in the scalar loop, the later of two candidates wins where it is greater, or NaN
            VectorMask<Float> rightTop = b.compare(VectorOperators.GT, a).or(b.test(VectorOperators.IS_NAN));
            VectorMask<Float> rightBottom = d.compare(VectorOperators.GT, c).or(d.test(VectorOperators.IS_NAN));
            FloatVector maxTop = a.max(b);
            FloatVector maxBottom = c.max(d);
            VectorMask<Float> bottomWins = maxBottom.compare(VectorOperators.GT, maxTop)
                    .or(maxBottom.test(VectorOperators.IS_NAN));
            maxTop.max(maxBottom).intoArray(y, o + ow);
            IntVector left = LEFT_COLUMNS.add(t);
            IntVector topPick = left.add(1, rightTop.cast(INTS));
            IntVector bottomPick = left.add(inW).add(1, rightBottom.cast(INTS));
            topPick.blend(bottomPick, bottomWins.cast(INTS)).intoArray(argmax, o + ow);
            if (ow + WINDOWS == outW) {
                return;
            }
        }
    }
}
