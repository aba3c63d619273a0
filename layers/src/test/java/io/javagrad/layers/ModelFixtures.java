package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small data sets, a plain SGD and weight snapshots for the model tests. */
public final class ModelFixtures {
    private ModelFixtures() {}

    /** {@code param -= lr * grad}: the smallest optimizer, written against the Optimizer base class. */
    public static final class PlainSgd extends Optimizer {
        public PlainSgd(double learningRate) {
            super("PlainSgd", learningRate);
        }

        @Override
        protected void update(int index, Tensor param, Tensor grad) {
            param.subInPlace(grad.mul(learningRate()));
        }

        @Override
        protected List<String> stateSlots() {
            return List.of();
        }

        @Override
        protected void putHyperparameters(Map<String, Object> config) {
        }
    }

    /** {@code n} samples of 4 features and targets {@code x . [1, -2, 0.5, 3] + 0.25}, shape [n, 1]. */
    public static Tensor[] regression(long seed, int n) {
        Tensor x = Tensor.randn(new Rng(seed), DType.FLOAT32, n, 4);
        Tensor w = Tensor.of(new float[] {1, -2, 0.5f, 3}, 4, 1);
        return new Tensor[] {x, x.matmul(w).add(0.25).detach()};
    }

    /** Two Gaussian blobs in 2-d: class 0 around (-1, -1), class 1 around (1, 1); labels [n] as 0/1. */
    public static Tensor[] blobs(long seed, int n) {
        Rng rng = new Rng(seed);
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int c = i % 2;
            y[i] = c;
            x[2 * i] = (float) (rng.nextGaussian() * 0.5 + (c == 0 ? -1 : 1));
            x[2 * i + 1] = (float) (rng.nextGaussian() * 0.5 + (c == 0 ? -1 : 1));
        }
        return new Tensor[] {Tensor.of(x, n, 2), Tensor.of(y, n)};
    }

    /** Copies of the values of {@code weights}. */
    public static List<float[]> snapshot(List<Weight> weights) {
        List<float[]> out = new ArrayList<>();
        for (Weight w : weights) {
            out.add(w.value().toFloatArray());
        }
        return out;
    }

    /** A model's weights as one list of arrays. */
    public static List<float[]> snapshot(Model model) {
        return snapshot(model.weights());
    }
}
