package io.javagrad.layers;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/** Turns class weights into per-sample weights, reading each sample's class from its target. */
final class ClassWeights {
    private ClassWeights() {}

    /**
     * The weight of each sample's class (1 for classes not in {@code weights}). The class of a sample is its
     * target when targets are indices ({@code [n]} or {@code [n, 1]}, e.g. 0/1 for binary), or the position of
     * the largest value of a one-hot row ({@code [n, classes]}).
     */
    static Tensor sampleWeights(Map<Integer, Double> weights, Tensor y) {
        int n = y.shape(0);
        double[] values = y.toDoubleArray();
        boolean oneHot = y.rank() == 2 && y.shape(1) > 1;
        if (y.rank() > 2 || (y.rank() == 2 && !oneHot && y.shape(1) != 1)) {
            throw new IllegalArgumentException("class weights: targets must be class indices [n] or [n, 1] or one-hot"
                    + " rows [n, classes], got shape " + Shapes.str(y.shape()));
        }
        double[] out = new double[n];
        int width = oneHot ? y.shape(1) : 1;
        for (int i = 0; i < n; i++) {
            int cls = oneHot ? argmax(values, i * width, width) : index(values[i], i);
            out[i] = weights.getOrDefault(cls, 1.0);
        }
        return Tensor.of(out, n).to(y.dtype());
    }

    private static int index(double v, int sample) {
        if (!(v >= 0 && v == Math.rint(v) && v <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("class weights: target " + v + " of sample " + sample
                    + " is not a class index");
        }
        return (int) v;
    }

    private static int argmax(double[] v, int start, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (v[start + j] > v[start + best]) {
                best = j;
            }
        }
        return best;
    }
}
