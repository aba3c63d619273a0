package io.javagrad.optim;

/** Multiplies the learning rate by {@code gamma} every {@code stepSize} units: {@code lr(t) = lr0 * gamma^floor(t / stepSize)} (PyTorch's StepLR). */
public final class StepDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final int stepSize;
    private final double gamma;

    /**
     * @param initialLearningRate lr(0), >= 0
     * @param stepSize units between decays, > 0
     * @param gamma the decay factor, > 0
     */
    public StepDecay(double initialLearningRate, int stepSize, double gamma) {
        this.initialLearningRate = Checks.nonNegative("StepDecay", "initialLearningRate", initialLearningRate);
        this.stepSize = (int) Checks.positive("StepDecay", "stepSize", stepSize);
        this.gamma = Checks.positive("StepDecay", "gamma", gamma);
    }

    @Override
    public double learningRate(int t) {
        return initialLearningRate * Math.pow(gamma, Checks.counter("StepDecay", t) / stepSize);
    }
}
