package io.javagrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The row kernels against the formulas evaluated in double, on rows of uneven lengths and widely spread values. */
@Tag("kernels")
class SoftmaxTest {
    private static final int ROWS = 37;

    private static float[] logits(int cols, long seed) {
        Random r = new Random(seed);
        float[] x = new float[ROWS * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * (1 + i % 7) * 5);
        }
        return x;
    }

    /** Each row of {@code t} one-hot, except every fifth row, a spread that sums to 2. */
    private static float[] targets(int cols, long seed) {
        Random r = new Random(seed);
        float[] t = new float[ROWS * cols];
        for (int row = 0; row < ROWS; row++) {
            if (row % 5 == 0) {
                for (int j = 0; j < cols; j++) {
                    t[row * cols + j] = 2f / cols;
                }
            } else {
                t[row * cols + r.nextInt(cols)] = 1;
            }
        }
        return t;
    }

    /** Row {@code row} of x: its maximum, and the sum of e^(x - max). */
    private static double[] maxAndSum(float[] x, int row, int cols) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < cols; j++) {
            m = Math.max(m, x[row * cols + j]);
        }
        double s = 0;
        for (int j = 0; j < cols; j++) {
            s += Math.exp(x[row * cols + j] - m);
        }
        return new double[] {m, s};
    }

    @Test
    void float32SoftmaxIsTheDoubleFormulaRoundedOnce() {
        for (int cols : new int[] {1, 3, 10, 33}) {
            float[] x = logits(cols, cols);
            float[] y = new float[x.length];
            Softmax.softmax(x, 0, ROWS, cols, y);
            for (int row = 0; row < ROWS; row++) {
                double[] ms = maxAndSum(x, row, cols);
                for (int j = 0; j < cols; j++) {
                    int i = row * cols + j;
                    assertEquals((float) (Math.exp(x[i] - ms[0]) / ms[1]), y[i], "cols " + cols + ", element " + i);
                }
            }
        }
    }

    @Test
    void logSoftmaxCrossEntropyAndItsGradientAgreeWithTheFormulas() {
        int cols = 10;
        float[] x = logits(cols, 3);
        float[] t = targets(cols, 4);
        float[] logY = new float[x.length];
        Softmax.logSoftmax(x, 0, ROWS, cols, logY);
        double scale = 0.25;
        float[] grad = new float[x.length];
        Softmax.crossEntropyGradient(x, 0, t, 0, ROWS, cols, scale, grad);
        double loss = 0;
        for (int row = 0; row < ROWS; row++) {
            double[] ms = maxAndSum(x, row, cols);
            double total = 0;
            for (int j = 0; j < cols; j++) {
                total += t[row * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                int i = row * cols + j;
                double logSoftmax = x[i] - ms[0] - Math.log(ms[1]);
                assertEquals((float) logSoftmax, logY[i], Math.ulp((float) logSoftmax), "logSoftmax " + i);
                double g = (Math.exp(logSoftmax) * total - t[i]) * scale;
                assertEquals((float) g, grad[i], Math.ulp((float) g) + 1e-12, "gradient " + i);
                loss -= t[i] * logSoftmax;
            }
        }
        assertEquals(loss, Softmax.crossEntropy(x, 0, t, 0, ROWS, cols), 1e-12 * Math.abs(loss));
    }
}
