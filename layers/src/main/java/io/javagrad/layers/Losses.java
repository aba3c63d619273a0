package io.javagrad.layers;

import io.javagrad.layers.Loss.Reduction;
import io.javagrad.layers.losses.BinaryCrossentropy;
import io.javagrad.layers.losses.CategoricalCrossentropy;
import io.javagrad.layers.losses.Huber;
import io.javagrad.layers.losses.MeanAbsoluteError;
import io.javagrad.layers.losses.MeanSquaredError;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Factories for the built-in losses (package {@code io.javagrad.layers.losses}) and their configs, with the
 * Keras names and aliases: {@code mse}/{@code mean_squared_error}, {@code mae}/{@code mean_absolute_error},
 * {@code huber}/{@code huber_loss}, {@code binary_crossentropy}, {@code categorical_crossentropy},
 * {@code sparse_categorical_crossentropy}, and the class names ({@code MeanSquaredError}, ...).
 */
public final class Losses {
    private Losses() {}

    private static final String KNOWN = "mse, mean_squared_error, mae, mean_absolute_error, huber, huber_loss,"
            + " binary_crossentropy, categorical_crossentropy, sparse_categorical_crossentropy (or the class names)";

    /** Mean squared error. */
    public static Loss meanSquaredError() {
        return new MeanSquaredError();
    }

    /** Mean absolute error. */
    public static Loss meanAbsoluteError() {
        return new MeanAbsoluteError();
    }

    /** Huber loss with the given delta. */
    public static Loss huber(double delta) {
        return new Huber(delta, Reduction.MEAN);
    }

    /** Binary cross-entropy from probabilities or logits. */
    public static Loss binaryCrossentropy(boolean fromLogits) {
        return new BinaryCrossentropy(fromLogits);
    }

    /** Categorical cross-entropy from probabilities or logits. */
    public static Loss categoricalCrossentropy(boolean fromLogits) {
        return new CategoricalCrossentropy(fromLogits);
    }

    /** Categorical cross-entropy with label smoothing. */
    public static Loss categoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        return new CategoricalCrossentropy(fromLogits, labelSmoothing, Reduction.MEAN);
    }

    /** Sparse categorical cross-entropy (class indices as targets) from probabilities or logits. */
    public static Loss sparseCategoricalCrossentropy(boolean fromLogits) {
        return new SparseCategoricalCrossentropy(fromLogits);
    }

    /** Keras's nested form {@code {"class_name": ..., "config": {...}}} of a loss. */
    public static Map<String, Object> toConfig(Loss loss) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", loss.getClass().getSimpleName());
        m.put("config", loss.getConfig());
        return m;
    }

    /**
     * A loss from a name ({@code "mse"}, {@code "categorical_crossentropy"}, {@code "Huber"} ...), from the nested
     * form of {@link #toConfig}, or from a flat config as {@link Loss#getConfig()} returns it (read by its
     * {@code name}). Config keys: {@code reduction} ({@code sum_over_batch_size}, {@code auto} or {@code sum}),
     * {@code from_logits}, {@code label_smoothing}, {@code delta}; other keys are ignored.
     */
    public static Loss fromConfig(Object config) {
        if (config instanceof String name) {
            return create(name, Map.of());
        }
        Map<?, ?> m = Configs.map(config, "loss");
        if (m.containsKey("class_name")) {
            Object inner = m.get("config");
            return create(Configs.string(m, "class_name", "loss"), inner == null ? Map.of() : Configs.map(inner, "loss config"));
        }
        return create(Configs.string(m, "name", "loss config"), m);
    }

    private static Loss create(String name, Map<?, ?> c) {
        Reduction reduction = reduction(Configs.string(c, "reduction", "loss", "sum_over_batch_size"));
        boolean fromLogits = Configs.bool(c, "from_logits", false);
        double smoothing = Configs.number(c, "label_smoothing", 0);
        switch (name) {
            case "mse", "mean_squared_error", "MeanSquaredError":
                return new MeanSquaredError(reduction);
            case "mae", "mean_absolute_error", "MeanAbsoluteError":
                return new MeanAbsoluteError(reduction);
            case "huber", "huber_loss", "Huber":
                return new Huber(Configs.number(c, "delta", 1.0), reduction);
            case "binary_crossentropy", "BinaryCrossentropy":
                return new BinaryCrossentropy(fromLogits, smoothing, reduction);
            case "categorical_crossentropy", "CategoricalCrossentropy":
                return new CategoricalCrossentropy(fromLogits, smoothing, reduction);
            case "sparse_categorical_crossentropy", "SparseCategoricalCrossentropy":
                return new SparseCategoricalCrossentropy(fromLogits, reduction);
            default:
                throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + KNOWN);
        }
    }

    private static Reduction reduction(String s) {
        switch (s) {
            case "sum_over_batch_size", "auto", "mean":
                return Reduction.MEAN;
            case "sum":
                return Reduction.SUM;
            default:
                throw new IllegalArgumentException("loss: unknown reduction '" + s
                        + "'; known: sum_over_batch_size (or auto, mean), sum");
        }
    }
}
