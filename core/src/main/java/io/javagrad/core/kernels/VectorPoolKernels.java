package io.javagrad.core.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API body of a float32 2x2 stride-2 max pool, {@link #WINDOWS} windows at a time. A vector of input
 * floats holds the pairs of {@link #WINDOWS} windows' top (or bottom) row; two constant shuffles gather their left
 * and right elements into the first {@link #WINDOWS} lanes. The windows are then compared as {@link PoolKernels}
 * does one at a time (top pair, bottom pair, then the two), with the same result: the value is {@link Math#max} of
 * the four and the argmax the first maximum in window order, or the last NaN. The vectors' other lanes carry
 * values of no use, which the stores write past the group's windows, into outputs written later.
 *
 * <p>Only the preferred vector size is used, for floats and for ints alike: on JDK 17, once a second float vector
 * size runs through the Vector API's shared methods, C2 stops compiling their stores as vector stores wherever
 * their type profile sees both sizes (a 256-bit version of this kernel, whose stores were compiled as a boxed
 * vector and a scalar loop, took 7% of the cnn's training step). Load this class only when
 * {@link VectorSupport#enabled()}.
 */
final class VectorPoolKernels {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, FLOATS.vectorShape());

    /** Windows handled at once: half a preferred-size vector (8 with AVX-512). */
    static final int WINDOWS = FLOATS.length() / 2;

    /** Lane k (k < WINDOWS) takes lane 2k: the windows' left elements. */
    private static final VectorShuffle<Float> LEFTS = pairs(0);
    /** Lane k (k < WINDOWS) takes lane 2k + 1: the windows' right elements. */
    private static final VectorShuffle<Float> RIGHTS = pairs(1);

    /** Offsets of the windows' left columns from the first one. */
    private static final IntVector LEFT_COLUMNS = IntVector.zero(INTS).addIndex(2);

    private VectorPoolKernels() {}

    private static VectorShuffle<Float> pairs(int side) {
        int[] lanes = new int[FLOATS.length()];
        for (int k = 0; k < lanes.length; k++) {
            lanes[k] = (2 * k + side) % lanes.length;
        }
        return VectorShuffle.fromArray(FLOATS, lanes, 0);
    }

    /**
     * Pools one output row of {@code outW} windows whose top-left elements are {@code x[row + 2 * ow]}, the bottom
     * ones {@code inW} further on, into {@code y[o + ow]} and {@code argmax[o + ow]} (offsets from {@code xOff}),
     * and may write anything into both arrays from {@code o + outW} up to {@code limit}. Returns false, having
     * written nothing, where the vectors would read past {@code x} or write past {@code limit}. With {@code outW >=
     * WINDOWS}, the last group of windows overlaps the one before when {@code WINDOWS} does not divide {@code outW};
     * it writes the same values again.
     */
    static boolean maxPool2x2Row(float[] x, int xOff, int row, int inW, int outW, float[] y, int[] argmax, int o,
                                 int limit) {
        int lastGroup = Math.max(outW - WINDOWS, 0);
        if (o + lastGroup + FLOATS.length() > limit || xOff + row + 2 * lastGroup + inW + FLOATS.length() > x.length) {
            return false;
        }
        // One method without helpers on purpose: C2 inlines the Vector API's own methods whatever the size of the
        // compiled method, but not small helpers of ours once that size passes its node cutoff, and a vector
        // passed to or returned from a call that was not inlined is boxed on the heap.
        for (int ow = 0; ; ow = Math.min(ow + WINDOWS, lastGroup)) {
            int t = row + 2 * ow;
            FloatVector top = FloatVector.fromArray(FLOATS, x, xOff + t);
            FloatVector bottom = FloatVector.fromArray(FLOATS, x, xOff + t + inW);
            FloatVector a = top.rearrange(LEFTS);
            FloatVector b = top.rearrange(RIGHTS);
            FloatVector c = bottom.rearrange(LEFTS);
            FloatVector d = bottom.rearrange(RIGHTS);
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
            if (ow == lastGroup) {
                return true;
            }
        }
    }
}
