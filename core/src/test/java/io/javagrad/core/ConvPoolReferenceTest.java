package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The convolution and pooling kernels against direct loops written from the definitions, for random shapes,
 * strides, asymmetric paddings, dilations and groups; and float32 against float64.
 */
@Tag("kernels")
class ConvPoolReferenceTest {

    private static final int CASES = 25;

    /** A random convolution problem: input, weight, bias and options that fit together. */
    private record ConvCase(Tensor x, Tensor w, Tensor b, ConvOptions o) {
        static ConvCase random(Rng rng) {
            int groups = 1 + rng.nextInt(3);
            int cg = 1 + rng.nextInt(3);
            int mg = 1 + rng.nextInt(3);
            int kH = 1 + rng.nextInt(3);
            int kW = 1 + rng.nextInt(3);
            ConvOptions o = ConvOptions.of().groups(groups)
                    .stride(1 + rng.nextInt(3), 1 + rng.nextInt(3))
                    .dilation(1 + rng.nextInt(2), 1 + rng.nextInt(2))
                    .padding(rng.nextInt(3), rng.nextInt(3), rng.nextInt(3), rng.nextInt(3));
            int effH = (kH - 1) * o.dilationH() + 1;
            int effW = (kW - 1) * o.dilationW() + 1;
            int h = Math.max(1, effH - o.padTop() - o.padBottom() + rng.nextInt(5));
            int w = Math.max(1, effW - o.padLeft() - o.padRight() + rng.nextInt(5));
            Tensor x = Tensor.randn(rng, DType.FLOAT64, 1 + rng.nextInt(2), cg * groups, h, w);
            Tensor weight = Tensor.randn(rng, DType.FLOAT64, mg * groups, cg, kH, kW);
            Tensor bias = rng.nextInt(2) == 0 ? null : Tensor.randn(rng, DType.FLOAT64, mg * groups);
            return new ConvCase(x, weight, bias, o);
        }
    }

    /** conv2d from its definition: y[n, m, i, j] = b[m] + sum over c in m's group, p, q of x[.., padded] w[m, c, p, q]. */
    private static double[][][][] naiveConv(ConvCase c) {
        ConvOptions o = c.o();
        int[] xs = c.x().shape();
        int[] ws = c.w().shape();
        int outH = (xs[2] + o.padTop() + o.padBottom() - (ws[2] - 1) * o.dilationH() - 1) / o.strideH() + 1;
        int outW = (xs[3] + o.padLeft() + o.padRight() - (ws[3] - 1) * o.dilationW() - 1) / o.strideW() + 1;
        int mg = ws[0] / o.groups();
        double[][][][] y = new double[xs[0]][ws[0]][outH][outW];
        for (int n = 0; n < xs[0]; n++) {
            for (int m = 0; m < ws[0]; m++) {
                int firstChannel = (m / mg) * ws[1];
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        double s = c.b() == null ? 0 : c.b().get(m);
                        for (int ci = 0; ci < ws[1]; ci++) {
                            for (int p = 0; p < ws[2]; p++) {
                                for (int q = 0; q < ws[3]; q++) {
                                    int r = i * o.strideH() - o.padTop() + p * o.dilationH();
                                    int col = j * o.strideW() - o.padLeft() + q * o.dilationW();
                                    if (r >= 0 && r < xs[2] && col >= 0 && col < xs[3]) {
                                        s += c.x().get(n, firstChannel + ci, r, col) * c.w().get(m, ci, p, q);
                                    }
                                }
                            }
                        }
                        y[n][m][i][j] = s;
                    }
                }
            }
        }
        return y;
    }

    private static void assertClose(double[][][][] expected, Tensor actual, double tol) {
        Tensor ref = Tensor.of(expected);
        assertArrayEquals(ref.shape(), actual.shape());
        double[] e = ref.toDoubleArray();
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tol * Math.max(1, Math.abs(e[i])), "element " + i);
        }
    }

    @Test
    void conv2dMatchesTheDefinitionInFloat64AndFloat32() {
        Rng rng = new Rng(7);
        for (int k = 0; k < CASES; k++) {
            ConvCase c = ConvCase.random(rng);
            double[][][][] expected = naiveConv(c);
            assertClose(expected, c.x().conv2d(c.w(), c.b(), c.o()), 1e-12);
            Tensor b32 = c.b() == null ? null : c.b().to(DType.FLOAT32);
            Tensor y32 = c.x().to(DType.FLOAT32).conv2d(c.w().to(DType.FLOAT32), b32, c.o());
            assertEquals(DType.FLOAT32, y32.dtype());
            assertClose(expected, y32, 1e-5);
        }
    }

    @Test
    void convTranspose2dIsTheAdjointOfConv2d() {
        // <conv2d(x, w), y> = <x, convTranspose2d(y, w)> for every x and y, when the output size is x's.
        Rng rng = new Rng(8);
        for (int k = 0; k < CASES; k++) {
            ConvCase c = ConvCase.random(rng);
            Tensor conv = c.x().conv2d(c.w(), null, c.o());
            Tensor y = Tensor.randn(rng, DType.FLOAT64, conv.shape());
            int[] xs = c.x().shape();
            int padH = xs[2] - ((conv.shape(2) - 1) * c.o().strideH() - c.o().padTop() - c.o().padBottom()
                    + (c.w().shape(2) - 1) * c.o().dilationH() + 1);
            int padW = xs[3] - ((conv.shape(3) - 1) * c.o().strideW() - c.o().padLeft() - c.o().padRight()
                    + (c.w().shape(3) - 1) * c.o().dilationW() + 1);
            Tensor t = y.convTranspose2d(c.w(), null, c.o(), padH, padW);
            assertArrayEquals(xs, t.shape());
            assertEquals(conv.mul(y).sum().item(), c.x().mul(t).sum().item(), 1e-9 * Math.max(1, conv.abs().sum().item()));
            Tensor t32 = y.to(DType.FLOAT32).convTranspose2d(c.w().to(DType.FLOAT32), null, c.o(), padH, padW);
            assertArrayEquals(t.toDoubleArray(), t32.toDoubleArray(), 1e-4);
        }
    }

    @Test
    void inputGradientOfADenseConvolutionMatchesTheDefinition() {
        // Stride 1, no padding or dilation: the input gradient takes its contiguous path. 11 images make a full
        // block of 8 and a partial one of 3, so the block buffers are reused with another layout.
        Rng rng = new Rng(12);
        for (int groups = 1; groups <= 2; groups++) {
            Tensor x = Tensor.randn(rng, DType.FLOAT64, 11, 2 * groups, 7, 6);
            Tensor w = Tensor.randn(rng, DType.FLOAT64, 3 * groups, 2, 3, 2);
            ConvOptions o = ConvOptions.of().groups(groups);
            Tensor g = Tensor.randn(rng, DType.FLOAT64, 11, 3 * groups, 5, 5);
            double[][][][] expected = new double[11][2 * groups][7][6];
            for (int n = 0; n < 11; n++) {
                for (int m = 0; m < 3 * groups; m++) {
                    for (int c = 0; c < 2; c++) {
                        for (int r = 0; r < 5; r++) {
                            for (int q = 0; q < 5; q++) {
                                for (int i = 0; i < 3; i++) {
                                    for (int j = 0; j < 2; j++) {
                                        expected[n][(m / 3) * 2 + c][r + i][q + j] += g.get(n, m, r, q) * w.get(m, c, i, j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (DType dtype : DType.values()) {
                Tensor xt = x.to(dtype).requiresGrad(true);
                xt.conv2d(w.to(dtype), null, o).backward(g.to(dtype));
                assertClose(expected, xt.grad(), dtype == DType.FLOAT64 ? 1e-12 : 1e-5);
            }
        }
    }

    @Test
    void weightGradientMatchesTheDefinitionWithFewAndWithManyPatchRows() {
        // 1 input channel and a 2x2 kernel: 4 patch rows for 5 output channels, so the block GEMM computes dW itself;
        // 3 channels: 12 patch rows for 2 output channels, so it computes dW^T. 11 images: a full block and a partial one.
        Rng rng = new Rng(13);
        for (int channels : new int[] {1, 3}) {
            int out = channels == 1 ? 5 : 2;
            Tensor x = Tensor.randn(rng, DType.FLOAT64, 11, channels, 7, 6);
            Tensor w = Tensor.randn(rng, DType.FLOAT64, out, channels, 2, 2);
            Tensor g = Tensor.randn(rng, DType.FLOAT64, 11, out, 6, 5);
            double[][][][] expected = new double[out][channels][2][2];
            for (int m = 0; m < out; m++) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < 2; i++) {
                        for (int j = 0; j < 2; j++) {
                            for (int n = 0; n < 11; n++) {
                                for (int r = 0; r < 6; r++) {
                                    for (int q = 0; q < 5; q++) {
                                        expected[m][c][i][j] += g.get(n, m, r, q) * x.get(n, c, r + i, q + j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for (DType dtype : DType.values()) {
                Tensor wt = w.to(dtype).requiresGrad(true);
                x.to(dtype).conv2d(wt, null, ConvOptions.of()).backward(g.to(dtype));
                assertClose(expected, wt.grad(), dtype == DType.FLOAT64 ? 1e-12 : 1e-4);
            }
        }
    }

    /** Pooling from its definition; padding is skipped by max and counted by the average only if asked. */
    private static double[][][][] naivePool(Tensor x, int[] k, int[] s, int[] pad, boolean max, boolean countPad) {
        int[] xs = x.shape();
        int outH = (xs[2] + pad[0] + pad[1] - k[0]) / s[0] + 1;
        int outW = (xs[3] + pad[2] + pad[3] - k[1]) / s[1] + 1;
        double[][][][] y = new double[xs[0]][xs[1]][outH][outW];
        for (int n = 0; n < xs[0]; n++) {
            for (int c = 0; c < xs[1]; c++) {
                for (int i = 0; i < outH; i++) {
                    for (int j = 0; j < outW; j++) {
                        double best = Double.NEGATIVE_INFINITY;
                        double sum = 0;
                        int count = 0;
                        for (int p = 0; p < k[0]; p++) {
                            for (int q = 0; q < k[1]; q++) {
                                int r = i * s[0] - pad[0] + p;
                                int col = j * s[1] - pad[2] + q;
                                if (r >= 0 && r < xs[2] && col >= 0 && col < xs[3]) {
                                    best = Math.max(best, x.get(n, c, r, col));
                                    sum += x.get(n, c, r, col);
                                    count++;
                                }
                            }
                        }
                        y[n][c][i][j] = max ? best : sum / (countPad ? k[0] * k[1] : count);
                    }
                }
            }
        }
        return y;
    }

    @Test
    void poolingMatchesTheDefinitionInFloat64AndFloat32() {
        Rng rng = new Rng(9);
        for (int t = 0; t < CASES; t++) {
            int[] k = {1 + rng.nextInt(3), 1 + rng.nextInt(3)};
            int[] s = {1 + rng.nextInt(3), 1 + rng.nextInt(3)};
            int[] pad = {rng.nextInt(k[0]), rng.nextInt(k[0]), rng.nextInt(k[1]), rng.nextInt(k[1])};
            Tensor x = Tensor.randn(rng, DType.FLOAT64, 1 + rng.nextInt(2), 1 + rng.nextInt(3),
                    k[0] + rng.nextInt(5), k[1] + rng.nextInt(5));
            Tensor x32 = x.to(DType.FLOAT32);
            double[][][][] max = naivePool(x, k, s, pad, true, false);
            assertClose(max, x.maxPool2d(k, s, pad), 0);
            assertClose(max, x32.maxPool2d(k, s, pad), 1e-6);
            for (boolean countPad : new boolean[] {true, false}) {
                double[][][][] avg = naivePool(x, k, s, pad, false, countPad);
                assertClose(avg, x.avgPool2d(k, s, pad, countPad), 1e-12);
                assertClose(avg, x32.avgPool2d(k, s, pad, countPad), 1e-5);
            }
        }
    }

    @Test
    void fusedConv2dReluIsConv2dThenReluBitForBit() {
        Rng rng = new Rng(10);
        for (int k = 0; k < CASES; k++) {
            ConvCase c = ConvCase.random(rng);
            for (DType dtype : DType.values()) {
                Tensor x = c.x().to(dtype).requiresGrad(true);
                Tensor w = c.w().to(dtype).requiresGrad(true);
                Tensor b = c.b() == null ? null : c.b().to(dtype).requiresGrad(true);
                Tensor fused = x.conv2dRelu(w, b, c.o());
                Tensor g = Tensor.randn(rng, dtype, fused.shape());
                fused.backward(g);
                List<Tensor> expected = gradsOf(x, w, b);
                Tensor chained = x.conv2d(w, b, c.o()).relu();
                chained.backward(g);
                assertArrayEquals(chained.toDoubleArray(), fused.toDoubleArray(), 0);
                List<Tensor> actual = gradsOf(x, w, b);
                for (int i = 0; i < expected.size(); i++) {
                    // the chain accumulated on top of the fused op's gradients: twice the same values
                    assertArrayEquals(expected.get(i).mul(2).toDoubleArray(), actual.get(i).toDoubleArray(), 0);
                }
            }
        }
    }

    private static List<Tensor> gradsOf(Tensor... leaves) {
        List<Tensor> grads = new ArrayList<>();
        for (Tensor leaf : leaves) {
            if (leaf != null) {
                grads.add(leaf.grad().cloneTensor());
            }
        }
        return grads;
    }

    @Test
    void twoByTwoMaxPoolMatchesTheDefinitionAndPicksTheFirstMaximum() {
        // Sizes around the vector lengths (first four cases: rows of 8, 13, 13 and 20 windows, so the float32 Vector
        // API path runs whole and overlapping groups; random widths give shorter rows, one partial group each, and
        // the last rows fall back to the scalar loop), odd sizes (floor mode leaves the last row and column out),
        // values with ties (rounded to halves), -0.0 and NaN; the gradient shows which element each window picked.
        Rng rng = new Rng(11);
        int[] k = {2, 2};
        int[] none = {0, 0, 0, 0};
        for (int t = 0; t < CASES; t++) {
            int h = 2 + rng.nextInt(12);
            int w = t < 4 ? new int[] {16, 26, 27, 40}[t] : 2 + rng.nextInt(40);
            double[] values = Tensor.randn(rng, DType.FLOAT64, 2, 3, h, w).toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                int kind = rng.nextInt(20);
                values[i] = kind == 0 ? Double.NaN : kind == 1 ? -0.0 : Math.round(values[i] * 2) / 2.0;
            }
            Tensor x = Tensor.of(values, 2, 3, h, w);
            double[][][][] expected = naivePool(x, k, k, none, true, false);
            double[] expectedGrad = firstMaximumGradient(values, 6, h, w);
            for (DType dtype : DType.values()) {
                Tensor xt = x.to(dtype).requiresGrad(true);
                Tensor y = xt.maxPool2d(k, k, none);
                assertArrayEquals(Tensor.of(expected).toDoubleArray(), y.toDoubleArray(), 0);
                y.sum().backward();
                assertArrayEquals(expectedGrad, xt.grad().toDoubleArray(), 0, dtype + " " + h + "x" + w);
            }
        }
    }

    /** The gradient of the sum of a 2x2 stride-2 max pool: 1 at each window's first maximum (its last NaN, if any). */
    private static double[] firstMaximumGradient(double[] x, int planes, int h, int w) {
        double[] grad = new double[x.length];
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i + 1 < h; i += 2) {
                for (int j = 0; j + 1 < w; j += 2) {
                    int best = -1;
                    for (int e = 0; e < 4; e++) {
                        int at = p * h * w + (i + e / 2) * w + j + e % 2;
                        if (best < 0 || x[at] > x[best] || Double.isNaN(x[at])) {
                            best = at;
                        }
                    }
                    grad[best] += 1;
                }
            }
        }
        return grad;
    }

    @Test
    void maxPoolKeepsNegativeInfinityAndNaN() {
        Tensor x = Tensor.of(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, Double.NaN}, 1, 1, 2, 2);
        Tensor y = x.maxPool2d(new int[] {1, 2}, new int[] {1, 2}, new int[] {0, 0, 0, 0});
        assertArrayEquals(new double[] {Double.NEGATIVE_INFINITY, Double.NaN}, y.toDoubleArray());
    }
}
