package io.javagrad.layers;

import io.javagrad.core.Tensor;
import io.javagrad.layers.data.BatchTransform;
import io.javagrad.layers.data.Dataset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of {@link Model#fit}, Keras's defaults unless changed: 1 epoch, batches of 32, shuffled every
 * epoch (from the model's seed), no validation, progress shown. Each setter checks its value at once.
 *
 * <pre>{@code
 * FitOptions.defaults().epochs(10).batchSize(64).validationSplit(0.1)
 *         .callbacks(new EarlyStopping("val_loss", 0, 3, EarlyStopping.Mode.AUTO, true))
 * }</pre>
 */
public final class FitOptions {
    /** Keras's batch size for fit, evaluate and predict. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private int epochs = 1;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private double validationSplit;
    private Dataset validationData;
    private boolean shuffle = true;
    private boolean verbose = true;
    private final List<Callback> callbacks = new ArrayList<>();
    private Map<Integer, Double> classWeights;
    private BatchSizeSchedule batchSizeSchedule;
    private BatchTransform batchTransform;

    private FitOptions() {}

    /** Keras's defaults. */
    public static FitOptions defaults() {
        return new FitOptions();
    }

    /** Number of passes over the training data (> 0). */
    public FitOptions epochs(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("FitOptions: epochs must be > 0, got " + n);
        }
        epochs = n;
        return this;
    }

    /** Samples per gradient step (> 0); the last batch of an epoch may be smaller. */
    public FitOptions batchSize(int n) {
        checkBatchSize(n);
        batchSize = n;
        return this;
    }

    /** Throws unless {@code n > 0}. */
    static void checkBatchSize(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("batch size must be > 0, got " + n);
        }
    }

    /** The fraction in [0, 1) of the data, taken from its end before shuffling, used only to validate. */
    public FitOptions validationSplit(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("FitOptions: validationSplit must be in [0, 1), got " + fraction);
        }
        validationSplit = fraction;
        return this;
    }

    /** Validation inputs and targets (take precedence over {@link #validationSplit}). */
    public FitOptions validationData(Tensor x, Tensor y) {
        return validationData(new Dataset(x, y));
    }

    /** Validation data of a model with several inputs or outputs. */
    public FitOptions validationData(List<Tensor> xs, List<Tensor> ys) {
        return validationData(new Dataset(xs, ys));
    }

    /** Validation data as a dataset with targets. */
    public FitOptions validationData(Dataset data) {
        if (data.ys().isEmpty()) {
            throw new IllegalArgumentException("FitOptions: validation data needs targets");
        }
        validationData = data;
        return this;
    }

    /** Whether to shuffle the training samples every epoch (default true). */
    public FitOptions shuffle(boolean on) {
        shuffle = on;
        return this;
    }

    /** Whether to show the default {@code ProgressBar} on standard output (default true). */
    public FitOptions verbose(boolean on) {
        verbose = on;
        return this;
    }

    /** Adds callbacks, called in the order given. */
    public FitOptions callbacks(Callback... added) {
        for (Callback c : added) {
            if (c == null) {
                throw new IllegalArgumentException("FitOptions: null callback");
            }
            callbacks.add(c);
        }
        return this;
    }

    /**
     * Weights of the classes (class index to weight, finite and >= 0; classes left out weigh 1), turned into
     * per-sample weights of the loss. Single-output models only.
     */
    public FitOptions classWeights(Map<Integer, Double> weights) {
        for (Map.Entry<Integer, Double> e : weights.entrySet()) {
            if (e.getKey() == null || e.getKey() < 0 || e.getValue() == null || !(e.getValue() >= 0)
                    || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("FitOptions: class weights need a class index >= 0 and a finite"
                        + " weight >= 0, got " + e.getKey() + " -> " + e.getValue());
            }
        }
        classWeights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        return this;
    }

    /** Changes the batch size from epoch to epoch (see {@link BatchSizeSchedule#growing}). */
    public FitOptions batchSizeSchedule(BatchSizeSchedule schedule) {
        batchSizeSchedule = schedule;
        return this;
    }

    /**
     * Transforms every training batch (data augmentation, e.g. {@code augmentation.onInputs()}); its random
     * choices come from the model's seed. Validation data is never transformed.
     */
    public FitOptions batchTransform(BatchTransform transform) {
        batchTransform = transform;
        return this;
    }

    int epochs() {
        return epochs;
    }

    int batchSize() {
        return batchSize;
    }

    double validationSplit() {
        return validationSplit;
    }

    Dataset validationData() {
        return validationData;
    }

    boolean shuffle() {
        return shuffle;
    }

    boolean verbose() {
        return verbose;
    }

    List<Callback> callbacks() {
        return callbacks;
    }

    Map<Integer, Double> classWeights() {
        return classWeights;
    }

    BatchSizeSchedule batchSizeSchedule() {
        return batchSizeSchedule;
    }

    BatchTransform batchTransform() {
        return batchTransform;
    }
}
