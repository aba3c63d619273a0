package io.javagrad.layers.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Loss;
import io.javagrad.layers.Loss.Reduction;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** float64 gradient checks of every loss w.r.t. the predictions and the sample weights, in two layouts. */
class LossGradTest {
    private static final int BATCH = 4;
    private static final int CLASSES = 3;

    /** A float64 leaf with the values of {@code t} mapped by {@code op}, stored transposed (not contiguous) if asked. */
    static Tensor leaf(Tensor t, DoubleUnaryOperator op, boolean transposed) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = op.applyAsDouble(v[i]);
        }
        Tensor values = Tensor.of(v, t.shape());
        if (!transposed) {
            return values.requiresGrad(true);
        }
        Tensor view = Tensor.zeros(DType.FLOAT64, t.shape(1), t.shape(0)).t();
        view.copyFrom(values);
        assertTrue(!view.isContiguous());
        return view.requiresGrad(true);
    }

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Rng(seed), DType.FLOAT64, shape);
    }

    private static Tensor uniform(long seed, double low, double high, int... shape) {
        return Tensor.uniform(new Rng(seed), DType.FLOAT64, low, high, shape);
    }

    private static Tensor oneHot(long seed) {
        Rng rng = new Rng(seed);
        Tensor t = Tensor.zeros(DType.FLOAT64, BATCH, CLASSES);
        for (int i = 0; i < BATCH; i++) {
            t.set(1, i, rng.nextInt(CLASSES));
        }
        return t;
    }

    /** Checks {@code loss} w.r.t. yPred and the sample weights, both reductions, contiguous and transposed. */
    private static void check(java.util.function.Function<Reduction, Loss> make, Tensor yTrue, Tensor yPredValues,
                              DoubleUnaryOperator toPrediction) {
        for (Reduction r : Reduction.values()) {
            Loss loss = make.apply(r);
            for (boolean transposed : List.of(false, true)) {
                Tensor yPred = leaf(yPredValues, toPrediction, transposed);
                Tensor w = uniform(7, 0.5, 2, BATCH).requiresGrad(true);
                GradCheck.assertGradients(in -> loss.compute(yTrue, in[0], in[1]), yPred, w);
                GradCheck.assertGradients(in -> loss.compute(yTrue, in[0]), yPred);
            }
        }
    }

    @Test
    void meanSquaredError() {
        check(MeanSquaredError::new, randn(1, BATCH, CLASSES), randn(2, BATCH, CLASSES), x -> x);
    }

    @Test
    void meanAbsoluteErrorAwayFromTheKink() {
        Tensor yTrue = randn(1, BATCH, CLASSES);
        check(MeanAbsoluteError::new, yTrue, yTrue.add(uniform(3, 0.1, 1, BATCH, CLASSES).mul(randn(4, BATCH, CLASSES).sign())),
                x -> x);
    }

    @Test
    void huberOnBothSidesOfDelta() {
        // errors of size 0.1 .. 3 with delta 1 fall in both the quadratic and the linear part
        Tensor yTrue = randn(1, BATCH, CLASSES);
        Tensor err = uniform(5, 0.1, 3, BATCH, CLASSES).mul(randn(6, BATCH, CLASSES).sign());
        check(r -> new Huber(1.0, r), yTrue, yTrue.add(err), x -> x);
        check(r -> new Huber(0.5, r), yTrue, yTrue.add(err), x -> x);
    }

    @Test
    void binaryCrossentropyFromProbabilitiesAndLogits() {
        Tensor yTrue = uniform(8, 0, 1, BATCH, CLASSES).gt(0.5);
        check(r -> new BinaryCrossentropy(false, 0, r), yTrue, uniform(9, 0.05, 0.95, BATCH, CLASSES), x -> x);
        check(r -> new BinaryCrossentropy(true, 0, r), yTrue, randn(10, BATCH, CLASSES).mul(3), x -> x);
        check(r -> new BinaryCrossentropy(true, 0.2, r), uniform(11, 0, 1, BATCH, CLASSES), randn(12, BATCH, CLASSES), x -> x);
    }

    @Test
    void binaryCrossentropyLogitGradientIsRightAtZero() {
        // softplus(x) - x y has derivative sigmoid(0) - y = 0.5 - y at x = 0, where |x| has a kink
        Tensor yTrue = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);
        Tensor x = Tensor.zeros(DType.FLOAT64, 4, 1).requiresGrad(true);
        new BinaryCrossentropy(true, 0, Reduction.SUM).compute(yTrue, x).backward();
        assertEquals(List.of(0.5, -0.5, -0.5, 0.5), boxed(x.grad().toDoubleArray()));
        GradCheck.assertGradients(in -> new BinaryCrossentropy(true).compute(yTrue, in[0]), x);
    }

    @Test
    void categoricalCrossentropyFromProbabilitiesAndLogits() {
        Tensor yTrue = oneHot(13);
        // unnormalised positive scores exercise the division by their sum
        check(r -> new CategoricalCrossentropy(false, 0, r), yTrue, uniform(14, 0.2, 1, BATCH, CLASSES), x -> x);
        check(r -> new CategoricalCrossentropy(true, 0, r), yTrue, randn(15, BATCH, CLASSES).mul(3), x -> x);
        check(r -> new CategoricalCrossentropy(true, 0.1, r), yTrue, randn(16, BATCH, CLASSES), x -> x);
        check(r -> new CategoricalCrossentropy(false, 0.3, r), yTrue, uniform(17, 0.2, 1, BATCH, CLASSES), x -> x);
    }

    @Test
    void sparseCategoricalCrossentropyFromProbabilitiesAndLogits() {
        Tensor indices = Tensor.of(new double[] {2, 0, 1, 2});
        check(r -> new SparseCategoricalCrossentropy(false, r), indices, uniform(18, 0.2, 1, BATCH, CLASSES), x -> x);
        check(r -> new SparseCategoricalCrossentropy(true, r), indices.reshape(BATCH, 1), randn(19, BATCH, CLASSES), x -> x);
    }

    @Test
    void crossEntropyOverASequenceAxis() {
        // [batch, time, classes]: per-position losses averaged over time
        Tensor logits = randn(20, 2, 3, CLASSES).requiresGrad(true);
        Tensor idx = Tensor.of(new double[] {0, 1, 2, 2, 1, 0}, 2, 3);
        GradCheck.assertGradients(in -> new SparseCategoricalCrossentropy(true).compute(idx, in[0]), logits);
        Tensor sparse = new SparseCategoricalCrossentropy(true).compute(idx, logits);
        Tensor dense = new CategoricalCrossentropy(true).compute(Tensor.oneHot(idx, CLASSES), logits);
        assertEquals(dense.item(), sparse.item(), 1e-12);
    }

    private static List<Double> boxed(double[] v) {
        return java.util.Arrays.stream(v).boxed().toList();
    }
}
