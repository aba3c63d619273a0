package io.javagrad.layers;

import io.javagrad.core.Tensor;
import io.javagrad.layers.losses.BinaryCrossentropy;
import io.javagrad.layers.losses.CategoricalCrossentropy;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.BinaryAccuracy;
import io.javagrad.layers.metrics.CategoricalAccuracy;
import io.javagrad.layers.metrics.F1Score;
import io.javagrad.layers.metrics.MeanAbsoluteError;
import io.javagrad.layers.metrics.MeanSquaredError;
import io.javagrad.layers.metrics.Precision;
import io.javagrad.layers.metrics.Recall;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;

/** Metrics by Keras name, and the accuracy that fits a loss (package {@code io.javagrad.layers.metrics}). */
public final class Metrics {
    private Metrics() {}

    private static final String KNOWN = "accuracy (acc), binary_accuracy, categorical_accuracy,"
            + " sparse_categorical_accuracy, mae (mean_absolute_error), mse (mean_squared_error), precision, recall,"
            + " f1_score (f1)";

    /**
     * The accuracy named {@code accuracy} that fits {@code loss}, as Keras's "accuracy" picks one: binary for
     * binary cross-entropy (threshold 0 on logits, 0.5 on probabilities: Keras keeps 0.5 even for logits, which
     * is wrong), categorical and sparse categorical for their cross-entropies. For any other loss the choice is
     * Keras's rule on the shapes of the first batch: binary when {@code yPred}'s last axis is 1 (or it is 1-d),
     * sparse when {@code yTrue} has fewer axes or a last axis of 1, categorical otherwise.
     */
    public static Metric accuracyFor(Loss loss) {
        if (loss instanceof BinaryCrossentropy b) {
            return new BinaryAccuracy("accuracy", b.fromLogits() ? 0 : 0.5);
        }
        if (loss instanceof CategoricalCrossentropy) {
            return new CategoricalAccuracy("accuracy");
        }
        if (loss instanceof SparseCategoricalCrossentropy) {
            return new SparseCategoricalAccuracy("accuracy");
        }
        return new ShapeInferredAccuracy();
    }

    /**
     * A metric by Keras name: {@code accuracy}/{@code acc} (see {@link #accuracyFor}; {@code loss} may be
     * {@code null}), {@code binary_accuracy}, {@code categorical_accuracy}, {@code sparse_categorical_accuracy},
     * {@code mae}, {@code mse}, and the binary {@code precision}, {@code recall}, {@code f1_score}. Multi-class
     * precision, recall and F1 need the class count: use {@code Precision.macro(n)} and so on.
     */
    public static Metric fromName(String name, Loss loss) {
        switch (name) {
            case "accuracy", "acc":
                return loss == null ? new ShapeInferredAccuracy() : accuracyFor(loss);
            case "binary_accuracy":
                return new BinaryAccuracy();
            case "categorical_accuracy":
                return new CategoricalAccuracy();
            case "sparse_categorical_accuracy":
                return new SparseCategoricalAccuracy();
            case "mae", "mean_absolute_error":
                return new MeanAbsoluteError();
            case "mse", "mean_squared_error":
                return new MeanSquaredError();
            case "precision":
                return new Precision();
            case "recall":
                return new Recall();
            case "f1_score", "f1":
                return new F1Score();
            default:
                throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + KNOWN);
        }
    }

    /** "accuracy" choosing binary, sparse or categorical from the shapes of its first batch. */
    private static final class ShapeInferredAccuracy implements Metric {
        private Metric chosen;

        @Override
        public void update(Tensor yTrue, Tensor yPred) {
            if (chosen == null) {
                chosen = choose(yTrue, yPred);
            }
            chosen.update(yTrue, yPred);
        }

        private static Metric choose(Tensor yTrue, Tensor yPred) {
            if (yPred.rank() <= 1 || yPred.shape(-1) == 1) {
                return new BinaryAccuracy("accuracy", 0.5);
            }
            if (yTrue.rank() < yPred.rank() || yTrue.rank() > 0 && yTrue.shape(-1) == 1) {
                return new SparseCategoricalAccuracy("accuracy");
            }
            return new CategoricalAccuracy("accuracy");
        }

        @Override
        public double result() {
            return chosen == null ? 0 : chosen.result();
        }

        @Override
        public void reset() {
            if (chosen != null) {
                chosen.reset();
            }
        }

        @Override
        public String name() {
            return "accuracy";
        }
    }
}
