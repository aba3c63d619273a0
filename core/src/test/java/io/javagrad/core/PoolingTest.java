package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class PoolingTest {

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Rng(seed), DType.FLOAT64, shape).requiresGrad(true);
    }

    private static int[] ints(int... v) {
        return v;
    }

    private static void assertPasses(GradCheck.Report report) {
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void averagePoolingGradientsWithAndWithoutCountingPadding() {
        for (boolean countPad : new boolean[] {true, false}) {
            // overlapping windows (stride < kernel) with asymmetric padding
            GradCheck.assertGradients(in -> in[0].avgPool2d(ints(3, 2), ints(1, 2), ints(1, 2, 0, 1), countPad),
                    randn(1, 2, 2, 4, 5));
            // gaps between windows (stride > kernel)
            GradCheck.assertGradients(in -> in[0].avgPool2d(ints(2, 2), ints(3, 3), ints(1, 0, 0, 1), countPad),
                    randn(2, 1, 2, 7, 6));
        }
    }

    @Test
    void maxPoolingGradientsWithPaddingAndStrideUnlikeKernel() {
        GradCheck.assertGradients(in -> in[0].maxPool2d(ints(3, 3), ints(1, 2), ints(1, 2, 2, 0)), randn(3, 2, 2, 4, 5));
        GradCheck.assertGradients(in -> in[0].maxPool2d(ints(2, 1), ints(3, 2), ints(1, 0, 0, 0)), randn(4, 1, 2, 7, 5));
    }

    @Test
    void poolingGradientsThroughANonContiguousInput() {
        GradCheck.assertGradients(in -> in[0].permute(0, 3, 1, 2).maxPool2d(ints(2, 2), ints(2, 1), ints(0, 1, 1, 0)),
                randn(5, 1, 5, 4, 3));
        GradCheck.assertGradients(in -> in[0].transpose(2, 3).avgPool2d(ints(2, 3), ints(1, 1), ints(1, 0, 1, 1), false),
                randn(6, 2, 1, 4, 5));
    }

    @Test
    void secondOrderGradientsOfBothPools() {
        assertPasses(GradCheck.gradGradCheck(in -> in[0].maxPool2d(ints(2, 3), ints(1, 2), ints(1, 0, 1, 2)),
                randn(7, 1, 2, 4, 4)));
        for (boolean countPad : new boolean[] {true, false}) {
            assertPasses(GradCheck.gradGradCheck(in -> in[0].avgPool2d(ints(3, 2), ints(2, 1), ints(1, 1, 0, 1), countPad),
                    randn(8, 1, 2, 4, 4)));
        }
        // second derivatives through a smooth function of the pooled values
        assertPasses(GradCheck.gradGradCheck(in -> in[0].maxPool2d(ints(2, 2), ints(1, 1), ints(0, 0, 0, 0)).square(),
                randn(9, 1, 1, 3, 3)));
    }

    @Test
    void maxPoolGradientAccumulatesWhereWindowsShareAMaximum() {
        Tensor x = Tensor.of(new double[] {0, 0, 0, 0, 9, 0, 0, 0, 0}, 1, 1, 3, 3).requiresGrad(true);
        x.maxPool2d(ints(2, 2), ints(1, 1), ints(0, 0, 0, 0)).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 0, 4, 0, 0, 0, 0}, x.grad().toDoubleArray());
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void badArgumentsAreReported() {
        Tensor x = Tensor.zeros(1, 2, 3, 3);
        assertMessage(() -> Tensor.zeros(2, 3, 3).maxPool2d(ints(2, 2), ints(2, 2), ints(0, 0, 0, 0)), "maxPool2d", "[2, 3, 3]");
        assertMessage(() -> x.maxPool2d(ints(2), ints(2, 2), ints(0, 0, 0, 0)), "maxPool2d", "kernel [2]");
        assertMessage(() -> x.avgPool2d(ints(2, 2), ints(2, 2), ints(0, 0), true), "avgPool2d", "padding [0, 0]");
        assertMessage(() -> x.avgPool2d(ints(2, 2), ints(0, 2), ints(0, 0, 0, 0), true), "avgPool2d", "stride [0, 2]");
        assertMessage(() -> x.maxPool2d(ints(2, 2), ints(1, 1), ints(0, 2, 0, 0)), "maxPool2d", "smaller than the kernel");
        assertMessage(() -> x.maxPool2d(ints(4, 2), ints(1, 1), ints(0, 0, 0, 0)), "maxPool2d", "4x2", "3x3", "[1, 2, 3, 3]");
    }
}
