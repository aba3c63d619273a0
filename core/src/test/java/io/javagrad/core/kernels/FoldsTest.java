package io.javagrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernels")
class FoldsTest {

    /**
     * A sum into one slot per element (a column sum, as of a bias gradient) gives, slot by slot, the double chain
     * {@code ((acc + x0) + x1) + ...} of the widened floats: whatever part the Vector API takes, with offsets and
     * lengths that leave tails.
     */
    @Test
    void floatColumnSumsAreTheDoubleChainOfEachColumn() {
        Random random = new Random(11);
        for (int cols : new int[] {1, 7, 8, 17, 64, 100, 256}) {
            int rows = 9;
            int xOff = 3;
            int accOff = 5;
            float[] x = new float[xOff + rows * cols];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
            }
            double[] acc = new double[accOff + cols + 2];
            double[] expected = acc.clone();
            for (int j = 0; j < acc.length; j++) {
                acc[j] = expected[j] = random.nextGaussian();
            }
            for (int r = 0; r < rows; r++) {
                Folds.fold(Folds.Fold.SUM, x, xOff + r * cols, 1, acc, accOff, 1, cols);
                for (int j = 0; j < cols; j++) {
                    expected[accOff + j] = expected[accOff + j] + (double) x[xOff + r * cols + j];
                }
            }
            for (int j = 0; j < acc.length; j++) {
                assertEquals(expected[j], acc[j], 0.0, "slot " + j + " of " + cols + " columns");
            }
        }
    }
}
