package io.javagrad.layers;

import java.util.Map;

/**
 * Hooks into {@link Model#fit}. Epochs and batches count from 0. Logs map names to values: the running means of
 * the current epoch in {@link #onBatchEnd}; in {@link #onEpochEnd} {@code loss}, each metric, their
 * {@code val_} variants, {@code regularization_loss} and {@code learning_rate}. A callback may add entries to the
 * epoch logs (later callbacks and the {@link History} see them) and stop training with
 * {@link Model#stopTraining()}. Implementations live in {@code io.javagrad.layers.callbacks}.
 */
public interface Callback {
    /** Before the first epoch; {@code run} gives the model, the epoch count and (updated live) the batch layout. */
    default void onTrainBegin(TrainingContext run) {
    }

    /** After the last epoch (or after a stop), with the last epoch's logs. */
    default void onTrainEnd(Map<String, Double> logs) {
    }

    /** Before epoch {@code epoch}. */
    default void onEpochBegin(int epoch) {
    }

    /**
     * After epoch {@code epoch} and its validation, before any {@link #onEpochEnd}: the place to add values of
     * one's own to the epoch's logs, so that every callback (History first) sees them.
     */
    default void onEpochLogs(int epoch, Map<String, Double> logs) {
    }

    /** After epoch {@code epoch}, with its complete logs. */
    default void onEpochEnd(int epoch, Map<String, Double> logs) {
    }

    /** Before batch {@code batch} of the current epoch. */
    default void onBatchBegin(int batch) {
    }

    /**
     * During batch {@code batch}, after the backward pass and before the optimizer step: the trainable parameters'
     * {@code grad} hold this batch's gradients (before any clipping by the optimizer). Not called for a batch whose
     * loss has no gradient (nothing trainable).
     */
    default void onAfterBackward(int batch) {
    }

    /** After batch {@code batch}, with the running means of the epoch so far and the batch's own {@code batch_loss}. */
    default void onBatchEnd(int batch, Map<String, Double> logs) {
    }
}
