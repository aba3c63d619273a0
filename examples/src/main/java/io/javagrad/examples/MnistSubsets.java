package io.javagrad.examples;

import io.javagrad.layers.data.Dataset;
import java.util.Arrays;

/** Parts of an MNIST {@link Dataset} (one image tensor, one label tensor) for the examples that need less data. */
final class MnistSubsets {
    private MnistSubsets() {}

    /**
     * The first {@code limit} samples (in the data's order) whose digit is in {@code [from, to]}, labels shifted
     * down by {@code from} so that they count from 0.
     */
    static Dataset digits(Dataset data, int from, int to, int limit) {
        double[] labels = data.y().toDoubleArray();
        int[] picked = new int[Math.min(limit, labels.length)];
        int n = 0;
        for (int i = 0; i < labels.length && n < picked.length; i++) {
            if (labels[i] >= from && labels[i] <= to) {
                picked[n++] = i;
            }
        }
        Dataset subset = data.subset(Arrays.copyOf(picked, n));
        return new Dataset(subset.x(), subset.y().sub(from));
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive) of {@code data}, copied. */
    static Dataset range(Dataset data, int from, int to) {
        int[] indices = new int[to - from];
        Arrays.setAll(indices, i -> from + i);
        return data.subset(indices);
    }
}
