package io.javagrad.optim;

/**
 * Linear warm-up followed by cosine decay, meant to be applied per optimizer step:
 *
 * <pre>
 * lr(t) = peak * t / warmupSteps                                         t &lt; warmupSteps
 * lr(t) = minLr + (peak - minLr) * (1 + cos(pi * (t - warmupSteps) / (totalSteps - warmupSteps))) / 2
 *                                                                         warmupSteps &lt;= t &lt; totalSteps
 * lr(t) = minLr                                                           t &gt;= totalSteps
 * </pre>
 *
 * With {@code warmupSteps = 0} and {@code minLr = 0} this is PyTorch's CosineAnnealingLR over totalSteps;
 * the warm-up starts at 0, as the common transformer schedules do.
 */
public final class CosineDecay implements LearningRateSchedule {
    private static final String NAME = "CosineDecay";
    private final double peakLearningRate;
    private final int warmupSteps;
    private final int totalSteps;
    private final double minLearningRate;

    /**
     * @param peakLearningRate the rate reached at the end of warm-up, >= 0
     * @param warmupSteps length of the linear warm-up, >= 0
     * @param totalSteps where the decay reaches minLearningRate, > warmupSteps
     * @param minLearningRate the final rate, in [0, peakLearningRate]
     */
    public CosineDecay(double peakLearningRate, int warmupSteps, int totalSteps, double minLearningRate) {
        this.peakLearningRate = Checks.nonNegative(NAME, "peakLearningRate", peakLearningRate);
        this.warmupSteps = (int) Checks.nonNegative(NAME, "warmupSteps", warmupSteps);
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException(NAME + ": totalSteps must be > warmupSteps (" + warmupSteps + "), got "
                    + totalSteps);
        }
        this.totalSteps = totalSteps;
        this.minLearningRate = Checks.nonNegative(NAME, "minLearningRate", minLearningRate);
        if (minLearningRate > peakLearningRate) {
            throw new IllegalArgumentException(NAME + ": minLearningRate must be <= peakLearningRate ("
                    + peakLearningRate + "), got " + minLearningRate);
        }
    }

    @Override
    public double learningRate(int t) {
        Checks.counter(NAME, t);
        if (t < warmupSteps) {
            return peakLearningRate * t / warmupSteps;
        }
        if (t >= totalSteps) {
            return minLearningRate;
        }
        double progress = (double) (t - warmupSteps) / (totalSteps - warmupSteps);
        return minLearningRate + (peakLearningRate - minLearningRate) * (1 + Math.cos(Math.PI * progress)) / 2;
    }
}
