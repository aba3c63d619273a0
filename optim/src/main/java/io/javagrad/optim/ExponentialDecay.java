package io.javagrad.optim;

/** Multiplies the learning rate by {@code gamma} every unit: {@code lr(t) = lr0 * gamma^t} (PyTorch's ExponentialLR). */
public final class ExponentialDecay implements LearningRateSchedule {
    private final double initialLearningRate;
    private final double gamma;

    /**
     * @param initialLearningRate lr(0), >= 0
     * @param gamma the decay factor, > 0
     */
    public ExponentialDecay(double initialLearningRate, double gamma) {
        this.initialLearningRate = Checks.nonNegative("ExponentialDecay", "initialLearningRate", initialLearningRate);
        this.gamma = Checks.positive("ExponentialDecay", "gamma", gamma);
    }

    @Override
    public double learningRate(int t) {
        return initialLearningRate * Math.pow(gamma, Checks.counter("ExponentialDecay", t));
    }
}
