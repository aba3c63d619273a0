package io.javagrad.optim;

/**
 * A learning rate as a function of a 0-based counter {@code t}. The unit of {@code t} is whatever the caller
 * advances: epochs when the schedule is applied once per epoch (as PyTorch's {@code StepLR} is usually
 * stepped), optimizer steps when it is applied before every {@link Optimizer#step()} (warm-up schedules).
 * Schedules are pure functions, so resuming from a checkpoint only needs {@code t}.
 *
 * <pre>{@code
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     schedule.apply(optimizer, epoch);
 *     ... train one epoch ...
 * }
 * }</pre>
 */
public interface LearningRateSchedule {
    /** The learning rate at {@code t >= 0}. */
    double learningRate(int t);

    /** Sets {@code optimizer}'s learning rate to {@link #learningRate(int) learningRate(t)}. */
    default void apply(Optimizer optimizer, int t) {
        optimizer.setLearningRate(learningRate(t));
    }
}
