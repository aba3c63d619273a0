package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConvolutionTest {

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Rng(seed), DType.FLOAT64, shape).requiresGrad(true);
    }

    private static void assertPasses(GradCheck.Report report) {
        assertTrue(report.passed(), report.toString());
    }

    @Test
    void gradientsWithStrideAsymmetricPaddingAndDilation() {
        ConvOptions o = ConvOptions.of().stride(2, 1).padding(1, 0, 2, 1).dilation(2, 1);
        GradCheck.assertGradients(in -> in[0].conv2d(in[1], in[2], o),
                randn(1, 2, 2, 5, 6), randn(2, 3, 2, 2, 3), randn(3, 3));
    }

    @Test
    void gradientsWithTwoGroups() {
        ConvOptions o = ConvOptions.of().groups(2).padding(1);
        GradCheck.assertGradients(in -> in[0].conv2d(in[1], in[2], o),
                randn(4, 1, 4, 4, 3), randn(5, 4, 2, 3, 2), randn(6, 4));
    }

    @Test
    void gradientsOfADepthwiseConvolution() {
        ConvOptions o = ConvOptions.of().groups(3).stride(2).padding(1);
        GradCheck.assertGradients(in -> in[0].conv2d(in[1], in[2], o),
                randn(7, 2, 3, 5, 5), randn(8, 3, 1, 3, 3), randn(9, 3));
    }

    @Test
    void gradientsThroughNonContiguousInputAndWeight() {
        // The input is a permuted then strided-sliced view; the weight a transposed view.
        ConvOptions o = ConvOptions.of().padding(0, 1, 1, 0);
        GradCheck.assertGradients(in -> in[0].permute(0, 3, 1, 2).slice(2, 0, 6, 2).conv2d(in[1].transpose(2, 3), null, o),
                randn(10, 1, 6, 4, 2), randn(11, 2, 2, 3, 2));
        // A non-contiguous leaf, and only the weight requiring a gradient.
        Tensor leafView = Tensor.randn(new Rng(12), DType.FLOAT64, 2, 4, 5, 3).permute(1, 0, 2, 3).requiresGrad(true);
        assertTrue(!leafView.isContiguous());
        GradCheck.assertGradients(in -> in[0].conv2d(in[1], null, ConvOptions.of()), leafView, randn(13, 3, 2, 2, 2));
        GradCheck.assertGradients(in -> in[0].conv2d(in[1], null, ConvOptions.of()),
                Tensor.randn(new Rng(14), DType.FLOAT64, 1, 2, 3, 3), randn(15, 2, 2, 2, 2));
    }

    @Test
    void secondOrderGradientsOfConv2d() {
        ConvOptions o = ConvOptions.of().groups(2).stride(2, 1).padding(1, 0, 0, 1).dilation(1, 2);
        assertPasses(GradCheck.gradGradCheck(in -> in[0].conv2d(in[1], in[2], o),
                randn(16, 1, 4, 4, 4), randn(17, 2, 2, 2, 2), randn(18, 2)));
    }

    private static double minAbs(Tensor t) {
        return java.util.Arrays.stream(t.toDoubleArray()).map(Math::abs).min().orElseThrow();
    }

    @Test
    void gradientsOfTheFusedConv2dRelu() {
        // First and second order, with a bias, groups, stride and padding; and without a bias. The pre-activations of
        // these seeds all lie at least 0.01 away from relu's kink, so finite differences do not cross it.
        ConvOptions o = ConvOptions.of().groups(2).stride(2, 1).padding(1, 0, 0, 1);
        Tensor x = randn(31, 2, 4, 5, 4);
        Tensor w = randn(32, 4, 2, 2, 3);
        Tensor b = randn(33, 4);
        assertTrue(minAbs(x.conv2d(w, b, o)) > 0.01);
        TestTensors.checkTwice(in -> in[0].conv2dRelu(in[1], in[2], o), x, w, b);
        Tensor w1 = randn(34, 3, 4, 3, 3);
        assertTrue(minAbs(x.conv2d(w1, null, ConvOptions.of())) > 0.01);
        TestTensors.checkTwice(in -> in[0].conv2dRelu(in[1], null, ConvOptions.of()), x, w1);
    }

    @Test
    void gradientsOfTheFusedConv2dReluMaxPool() {
        // First and second order, overlapping windows with padding, then 2x2 windows on an odd size (floor mode). The
        // pre-activations lie at least 0.01 from relu's kink; random windows hold no near-ties.
        ConvOptions o = ConvOptions.of().stride(1, 2).padding(1);
        Tensor x = randn(35, 2, 2, 6, 7);
        Tensor w = randn(36, 3, 2, 2, 3);
        Tensor b = randn(37, 3);
        assertTrue(minAbs(x.conv2d(w, b, o)) > 0.01);
        TestTensors.checkTwice(in -> in[0].conv2dReluMaxPool2d(in[1], in[2], o, new int[] {3, 2}, new int[] {2, 1},
                new int[] {1, 1, 0, 1}), x, w, b);
        int[] k = {2, 2};
        TestTensors.checkTwice(in -> in[0].conv2dReluMaxPool2d(in[1], null, ConvOptions.of(), k, k, new int[4]),
                x, randn(38, 3, 2, 2, 2));
    }

    @Test
    void fusedConv2dReluMaxPoolEqualsTheTwoOpsBitForBit() {
        int[] k = {2, 2};
        int[] none = new int[4];
        // float32 planes wide enough for the vector pooling (9 windows a row), two blocks of images, odd sizes
        assertFusedEqualsComposed(DType.FLOAT32, new int[] {9, 2, 20, 20}, new int[] {3, 2, 3, 3}, true,
                ConvOptions.of(), k, k, none);
        assertFusedEqualsComposed(DType.FLOAT32, new int[] {10, 3, 13, 13}, new int[] {4, 3, 3, 3}, true,
                ConvOptions.of(), k, k, none);
        assertFusedEqualsComposed(DType.FLOAT64, new int[] {9, 2, 13, 12}, new int[] {4, 1, 2, 3}, false,
                ConvOptions.of().groups(2).padding(1), new int[] {3, 3}, new int[] {2, 1}, new int[] {1, 1, 1, 0});
        assertFusedEqualsComposed(DType.FLOAT32, new int[] {3, 2, 9, 9}, new int[] {2, 2, 3, 3}, true,
                ConvOptions.of().stride(2), new int[] {1, 2}, new int[] {1, 2}, none);
    }

    /** Values and all gradients of conv2dReluMaxPool2d equal those of conv2dRelu then maxPool2d, bit for bit. */
    private static void assertFusedEqualsComposed(DType dtype, int[] xShape, int[] wShape, boolean bias, ConvOptions o,
                                                  int[] kernel, int[] stride, int[] padding) {
        Rng rng = new Rng(39);
        Tensor x = Tensor.randn(rng, dtype, xShape).requiresGrad(true);
        Tensor w = Tensor.randn(rng, dtype, wShape).requiresGrad(true);
        Tensor b = bias ? Tensor.randn(rng, dtype, wShape[0]).requiresGrad(true) : null;
        Tensor composed = x.conv2dRelu(w, b, o).maxPool2d(kernel, stride, padding);
        Tensor g = Tensor.randn(rng, dtype, composed.shape());
        List<Tensor> inputs = b == null ? List.of(x, w) : List.of(x, w, b);
        List<Tensor> expected = Autograd.grad(List.of(composed), inputs, List.of(g), false, false, false);
        Tensor fused = x.conv2dReluMaxPool2d(w, b, o, kernel, stride, padding);
        List<Tensor> actual = Autograd.grad(List.of(fused), inputs, List.of(g), false, false, false);
        assertArrayEquals(composed.toDoubleArray(), fused.toDoubleArray(), 0);
        for (int i = 0; i < inputs.size(); i++) {
            assertArrayEquals(expected.get(i).toDoubleArray(), actual.get(i).toDoubleArray(), 0, "gradient " + i);
        }
    }

    @Test
    void gradientsOfConvTranspose2d() {
        ConvOptions o = ConvOptions.of().groups(2).stride(2).padding(1, 0, 0, 1);
        GradCheck.assertGradients(in -> in[0].convTranspose2d(in[1], in[2], o, 1, 0),
                randn(19, 1, 4, 3, 2), randn(20, 4, 1, 2, 3), randn(21, 2));
        assertPasses(GradCheck.gradGradCheck(in -> in[0].convTranspose2d(in[1], in[2], o),
                randn(22, 1, 2, 2, 3), randn(23, 2, 1, 3, 2), randn(24, 2)));
    }

    @Test
    void convTranspose2dOutputSize() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 2, 3, 4, 5);
        Tensor w = Tensor.zeros(DType.FLOAT64, 3, 2, 3, 2);
        ConvOptions o = ConvOptions.of().stride(2, 3).padding(1, 0, 2, 1).dilation(2, 1);
        // (4 - 1) * 2 - 1 + 2 * 2 + 1 = 10;  (5 - 1) * 3 - 3 + 1 + 1 = 11
        assertArrayEquals(new int[] {2, 2, 10, 11}, x.convTranspose2d(w, null, o).shape());
        assertArrayEquals(new int[] {2, 2, 11, 13}, x.convTranspose2d(w, null, o, 1, 2).shape());
    }

    @Test
    void samePaddingKeepsCeilOfInputOverStride() {
        assertArrayEquals(new int[] {1, 1}, ConvOptions.samePadding(5, 3, 2, 1));
        assertArrayEquals(new int[] {0, 1}, ConvOptions.samePadding(4, 3, 2, 1));
        assertArrayEquals(new int[] {0, 0}, ConvOptions.samePadding(6, 1, 3, 1));
        assertArrayEquals(new int[] {2, 2}, ConvOptions.samePadding(7, 3, 1, 2));
        for (int in = 1; in <= 7; in++) {
            for (int k = 1; k <= 4; k++) {
                for (int s = 1; s <= 3; s++) {
                    ConvOptions o = ConvOptions.of().stride(s, 1).dilation(1, 2).paddingSame(in, in, k, k);
                    Tensor y = Tensor.zeros(DType.FLOAT64, 1, 1, in, in).conv2d(Tensor.zeros(DType.FLOAT64, 1, 1, k, k), null, o);
                    assertEquals((in + s - 1) / s, y.shape(2), "in=" + in + " k=" + k + " s=" + s);
                    assertEquals(in, y.shape(3), "in=" + in + " k=" + k + " dilation 2");
                }
            }
        }
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void badArgumentsAreReportedWithTheShapes() {
        Tensor x = Tensor.zeros(1, 4, 5, 5);
        ConvOptions o = ConvOptions.of();
        assertMessage(() -> x.conv2d(Tensor.zeros(2, 3, 3, 3), null, o), "conv2d", "[1, 4, 5, 5]", "[2, 3, 3, 3]", "channels");
        assertMessage(() -> x.conv2d(Tensor.zeros(3, 2, 3, 3), null, o.groups(2)), "conv2d", "groups=2", "[3, 2, 3, 3]");
        assertMessage(() -> x.conv2d(Tensor.zeros(2, 4, 3, 3), null, o.dilation(3)), "conv2d", "7x7", "5x5", "[1, 4, 5, 5]");
        assertMessage(() -> x.conv2d(Tensor.zeros(2, 4, 3, 3), Tensor.zeros(3), o), "conv2d", "bias", "[2]", "[3]");
        assertMessage(() -> x.conv2d(Tensor.zeros(DType.FLOAT64, 2, 4, 3, 3), null, o), "conv2d", "dtypes");
        assertMessage(() -> Tensor.zeros(4, 5, 5).conv2d(Tensor.zeros(2, 4, 3, 3), null, o), "conv2d", "[4, 5, 5]");
        assertMessage(() -> x.conv2d(Tensor.zeros(2, 4, 3), null, o), "conv2d", "weight", "[2, 4, 3]");
        assertMessage(() -> o.stride(0), "stride must be positive");
        assertMessage(() -> o.padding(1, -1, 0, 0), "padding must be >= 0");
        assertMessage(() -> o.dilation(0, 1), "dilation must be positive");
        assertMessage(() -> o.groups(0), "groups must be positive");
        assertMessage(() -> x.convTranspose2d(Tensor.zeros(3, 2, 3, 3), null, o), "convTranspose2d", "[1, 4, 5, 5]", "[3, 2, 3, 3]");
        assertMessage(() -> x.convTranspose2d(Tensor.zeros(4, 2, 3, 3), null, o.stride(2), 2, 0), "convTranspose2d", "output padding");
        assertMessage(() -> x.convTranspose2d(Tensor.zeros(4, 1, 1, 1), null, o.padding(3)), "convTranspose2d", "empty");
        int[] k = {2, 2};
        assertMessage(() -> x.conv2dReluMaxPool2d(Tensor.zeros(2, 3, 3, 3), null, o, k, k, new int[4]),
                "conv2dReluMaxPool", "[1, 4, 5, 5]", "[2, 3, 3, 3]", "channels");
        assertMessage(() -> x.conv2dReluMaxPool2d(Tensor.zeros(2, 4, 3, 3), null, o, new int[] {4, 4}, k, new int[4]),
                "conv2dReluMaxPool", "kernel 4x4", "padded input 3x3", "[1, 2, 3, 3]");
    }
}
