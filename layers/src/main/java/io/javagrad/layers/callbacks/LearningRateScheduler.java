package io.javagrad.layers.callbacks;

import io.javagrad.layers.Callback;
import io.javagrad.layers.Model;
import io.javagrad.layers.TrainingContext;
import io.javagrad.optim.LearningRateSchedule;

/** Sets the optimizer's learning rate at the start of every epoch from a function of the epoch (from 0). */
public final class LearningRateScheduler implements Callback {
    /** The learning rate of an epoch, given the current one. */
    @FunctionalInterface
    public interface Schedule {
        /** The learning rate for {@code epoch} (from 0); {@code current} is the rate in use. */
        double learningRate(int epoch, double current);
    }

    private final Schedule schedule;
    private Model model;

    /** Applies {@code schedule} before every epoch. */
    public LearningRateScheduler(Schedule schedule) {
        if (schedule == null) {
            throw new IllegalArgumentException("LearningRateScheduler: schedule is null");
        }
        this.schedule = schedule;
    }

    /** Applies an optim schedule with epochs as its counter. */
    public static LearningRateScheduler of(LearningRateSchedule schedule) {
        return new LearningRateScheduler((epoch, current) -> schedule.learningRate(epoch));
    }

    @Override
    public void onTrainBegin(TrainingContext run) {
        model = run.model();
    }

    @Override
    public void onEpochBegin(int epoch) {
        double lr = schedule.learningRate(epoch, model.optimizer().learningRate());
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("LearningRateScheduler: the schedule gave learning rate " + lr
                    + " for epoch " + epoch + "; it must be finite and >= 0");
        }
        model.optimizer().setLearningRate(lr);
    }
}
