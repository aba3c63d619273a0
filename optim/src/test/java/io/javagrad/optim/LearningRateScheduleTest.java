package io.javagrad.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class LearningRateScheduleTest {

    @Test
    void stepDecayMultipliesEveryStepSizeUnits() {
        StepDecay s = new StepDecay(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t], s.learningRate(t), 1e-15, "t = " + t);
        }
    }

    @Test
    void exponentialDecayMultipliesEveryUnit() {
        ExponentialDecay s = new ExponentialDecay(2, 0.9);
        assertEquals(2, s.learningRate(0));
        assertEquals(1.8, s.learningRate(1), 1e-15);
        assertEquals(2 * Math.pow(0.9, 10), s.learningRate(10), 1e-15);
    }

    @Test
    void cosineDecayWarmsUpLinearlyThenFollowsHalfACosineToTheMinimum() {
        CosineDecay s = new CosineDecay(1.0, 4, 14, 0.1);
        assertEquals(0, s.learningRate(0));
        assertEquals(0.25, s.learningRate(1), 1e-15);
        assertEquals(0.75, s.learningRate(3), 1e-15);
        assertEquals(1.0, s.learningRate(4), 1e-15);
        assertEquals(0.55, s.learningRate(9), 1e-15);
        assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI * 0.8)) / 2, s.learningRate(12), 1e-15);
        assertEquals(0.1, s.learningRate(14));
        assertEquals(0.1, s.learningRate(1000));
        assertEquals(1.0, new CosineDecay(1.0, 0, 10, 0).learningRate(0));
    }

    @Test
    void applySetsTheOptimizersLearningRate() {
        Optimizer sgd = new SGD(1);
        new StepDecay(0.4, 2, 0.5).apply(sgd, 5);
        assertEquals(0.1, sgd.learningRate(), 1e-15);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertRejected(() -> new StepDecay(0.1, 0, 0.5), "StepDecay: stepSize must be a finite number > 0, got 0.0");
        assertRejected(() -> new StepDecay(-0.1, 1, 0.5), "StepDecay: initialLearningRate");
        assertRejected(() -> new ExponentialDecay(0.1, 0), "ExponentialDecay: gamma must be a finite number > 0, got 0.0");
        assertRejected(() -> new CosineDecay(0.1, 10, 10, 0), "CosineDecay: totalSteps must be > warmupSteps (10), got 10");
        assertRejected(() -> new CosineDecay(0.1, 0, 10, 0.2), "CosineDecay: minLearningRate must be <= peakLearningRate");
        assertRejected(() -> new CosineDecay(0.1, -1, 10, 0), "CosineDecay: warmupSteps");
        assertRejected(() -> new ExponentialDecay(0.1, 0.5).learningRate(-1), "ExponentialDecay: t must be >= 0, got -1");
    }

    private static void assertRejected(Executable e, String fragment) {
        String message = assertThrows(IllegalArgumentException.class, e).getMessage();
        assertTrue(message.contains(fragment), message);
    }
}
