package io.javagrad.layers;

/** What a {@link Callback} may want to know about a {@link Model#fit} run; the per-epoch values change as it runs. */
public final class TrainingContext {
    private final Model model;
    private final int epochs;
    private final int samples;
    private int epoch;
    private int steps;
    private int batchSize;

    TrainingContext(Model model, int epochs, int samples) {
        this.model = model;
        this.epochs = epochs;
        this.samples = samples;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /** The number of epochs asked for. */
    public int epochs() {
        return epochs;
    }

    /** The number of training samples (validation samples excluded). */
    public int samples() {
        return samples;
    }

    /** The current epoch, from 0. */
    public int epoch() {
        return epoch;
    }

    /** The number of batches in the current epoch. */
    public int stepsPerEpoch() {
        return steps;
    }

    /** The batch size of the current epoch. */
    public int batchSize() {
        return batchSize;
    }

    void startEpoch(int newEpoch, int newSteps, int newBatchSize) {
        this.epoch = newEpoch;
        this.steps = newSteps;
        this.batchSize = newBatchSize;
    }
}
