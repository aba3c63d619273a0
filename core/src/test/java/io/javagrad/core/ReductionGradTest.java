package io.javagrad.core;

import static io.javagrad.core.TestTensors.checkTwice;
import static io.javagrad.core.TestTensors.forEachLayout;
import static io.javagrad.core.TestTensors.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReductionGradTest {

    private static final int[] ALL = {};

    private static Tensor f64(double[] values, int... shape) {
        return Tensor.of(values, shape);
    }

    /** Checks {@code f} on every layout of a [2, 3, 4] input, with and without the second order. */
    private static void checkOn234(Function<Tensor, Tensor> f, boolean twice) {
        forEachLayout(randn(1, 2, 3, 4), x -> {
            if (twice) {
                checkTwice(in -> f.apply(in[0]), x);
            } else {
                GradCheck.assertGradients(in -> f.apply(in[0]), x);
            }
        });
    }

    // ---------------------------------------------------------------- sum, mean

    @Test
    void sumOverAxesWithAndWithoutKeptDims() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(2, 3, 4);
        assertEquals(276, x.sum().item(), 0);
        assertArrayEquals(new int[] {3}, x.sum(new int[] {0, 2}, false).shape());
        assertArrayEquals(new double[] {60, 92, 124}, x.sum(new int[] {2, 0}, false).toDoubleArray(), 0);
        assertArrayEquals(new int[] {1, 3, 1}, x.sum(new int[] {0, -1}, true).shape());
        assertArrayEquals(new int[] {1, 1, 1}, x.sum(ALL, true).shape());
        assertArrayEquals(new double[] {12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34},
                x.sum(0, false).toDoubleArray(), 0);
    }

    /** Six channels: one group of four folded together, and two folded alone. */
    @ParameterizedTest
    @EnumSource(DType.class)
    void channelSumAddsEachChannelInLogicalOrderInDouble(DType dtype) {
        int n = 5;
        int c = 6;
        int hw = 7 * 6;
        Tensor x = Tensor.randn(new Rng(3), dtype, n, c, 7, 6);
        double[] values = x.toDoubleArray();
        double[] expected = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double acc = 0;
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < hw; p++) {
                    acc += values[(i * c + ch) * hw + p];
                }
            }
            expected[ch] = dtype == DType.FLOAT32 ? (float) acc : acc;
        }
        assertArrayEquals(expected, x.sum(new int[] {0, 2, 3}, false).toDoubleArray());
    }

    @Test
    void sumAndMeanGradients() {
        checkOn234(x -> x.sum(), true);
        checkOn234(x -> x.sum(new int[] {0, 2}, false).square(), true);
        checkOn234(x -> x.sum(new int[] {1}, true).mul(x), true);
        checkOn234(x -> x.mean(), true);
        checkOn234(x -> x.mean(new int[] {-1, 0}, true).exp(), true);
        checkOn234(x -> x.mean(1, false).sin(), true);
    }

    @Test
    void reductionsOfScalarsAndSizeOneAxes() {
        Tensor s = randn(2);
        checkTwice(in -> in[0].sum().mul(in[0]), s);
        checkTwice(in -> in[0].mean(), s);
        forEachLayout(randn(3, 1, 3, 1), x -> checkTwice(in -> in[0].sum(new int[] {0, 2}, false).square(), x));
        assertEquals(0, Tensor.zeros(DType.FLOAT64, 0, 3).sum().item(), 0);
    }

    // ---------------------------------------------------------------- amax, amin

    @Test
    void amaxAndAminGradientsGoToTheExtremes() {
        checkOn234(x -> x.amax(new int[] {0, 2}, false), false);
        checkOn234(x -> x.amax(ALL, true).mul(x), false);
        checkOn234(x -> x.amin(new int[] {1}, true), false);
        Tensor tied = f64(new double[] {1, 3, 3, 0}).requiresGrad(true);
        tied.amax(ALL, false).backward();
        assertArrayEquals(new double[] {0, 0.5, 0.5, 0}, tied.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, -2},
                f64(new double[] {1, 3, 0, -2}, 2, 2).amin(new int[] {0}, false).toDoubleArray(), 0);
    }

    // ---------------------------------------------------------------- var, std

    @Test
    void varianceMatchesTheDefinition() {
        Tensor x = f64(new double[] {1, 2, 3, 4, 6, 8}, 2, 3);
        assertEquals(34.0 / 5, x.var().item(), 1e-12); // mean 4, squared deviations 9+4+1+0+4+16 = 34
        assertEquals(34.0 / 6, x.var(ALL, 0, false).item(), 1e-12);
        assertArrayEquals(new double[] {1, 4}, x.var(new int[] {1}, false).toDoubleArray(), 1e-12);
        assertArrayEquals(new int[] {2, 1}, x.var(new int[] {-1}, 0, true).shape());
        assertArrayEquals(new double[] {4.5, 8, 12.5}, x.var(new int[] {0}, true).toDoubleArray(), 1e-12);
        assertEquals(Math.sqrt(34.0 / 5), x.std().item(), 1e-12);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), Math.sqrt(8.0 / 3)},
                x.std(new int[] {1}, 0, false).toDoubleArray(), 1e-12);
    }

    @Test
    void varianceAndStdGradients() {
        checkOn234(x -> x.var(), true);
        checkOn234(x -> x.var(new int[] {0, 2}, 0, false), true);
        checkOn234(x -> x.var(new int[] {1}, true).mul(x), true);
        checkOn234(x -> x.std(new int[] {2}, false), true);
        checkOn234(x -> x.std(new int[] {0, 1}, 0, true), true);
    }

    @Test
    void varianceRefusesTooFewElementsForTheCorrection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3, 1).var(new int[] {1}, false));
        assertTrue(e.getMessage().contains("var") && e.getMessage().contains("[3, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(3).var(ALL, -1, false));
    }

    // ---------------------------------------------------------------- logSumExp

    @Test
    void logSumExpIsStable() {
        Tensor big = f64(new double[] {1000, 1000, -1000, -1000}, 2, 2);
        assertArrayEquals(new double[] {1000 + Math.log(2), -1000 + Math.log(2)},
                big.logSumExp(1, false).toDoubleArray(), 1e-9);
        Tensor x = f64(new double[] {0.5, -1, 2});
        assertEquals(Math.log(Math.exp(0.5) + Math.exp(-1) + Math.exp(2)), x.logSumExp(ALL, false).item(), 1e-12);
        Tensor ninf = f64(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY});
        assertEquals(Double.NEGATIVE_INFINITY, ninf.logSumExp(0, false).item());
        assertEquals(Double.POSITIVE_INFINITY, f64(new double[] {Double.POSITIVE_INFINITY, 1}).logSumExp(0, false).item());
        assertArrayEquals(new float[] {1000 + (float) Math.log(2)},
                Tensor.of(new float[] {1000, 1000}).logSumExp(0, true).toFloatArray(), 1e-3f);
    }

    @Test
    void logSumExpGradientIsTheSoftmax() {
        checkOn234(x -> x.logSumExp(ALL, false), true);
        checkOn234(x -> x.logSumExp(new int[] {0, 2}, true), true);
        checkOn234(x -> x.logSumExp(-1, false).square(), true);
        Tensor x = randn(4, 3);
        x.logSumExp(0, false).backward();
        assertArrayEquals(x.detach().softmax(0).toDoubleArray(), x.grad().toDoubleArray(), 1e-12);
    }

    // ---------------------------------------------------------------- norm

    @Test
    void normValues() {
        Tensor x = f64(new double[] {3, -4, 0, 1}, 2, 2);
        assertEquals(Math.sqrt(26), x.norm().item(), 1e-12);
        assertArrayEquals(new double[] {5, 1}, x.norm(2, new int[] {1}, false).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {7, 1}, x.norm(1, new int[] {-1}, false).toDoubleArray(), 1e-12);
        assertArrayEquals(new int[] {1, 2}, x.norm(1, new int[] {0}, true).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.norm(3, ALL, false));
        assertTrue(e.getMessage().contains("norm") && e.getMessage().contains("3.0"), e.getMessage());
    }

    @Test
    void normGradients() {
        forEachLayout(TestTensors.awayFromZero(5, 0.1, 2, 3, 4),
                x -> GradCheck.assertGradients(in -> in[0].norm(1, new int[] {1, 2}, false), x));
        checkOn234(x -> x.norm(), true);
        checkOn234(x -> x.norm(2, new int[] {0, 2}, true).mul(x), true);
    }

    @Test
    void l2NormGradientIsZeroAtZero() {
        Tensor x = f64(new double[] {0, 0, 3, 4}, 2, 2).requiresGrad(true);
        x.norm(2, new int[] {1}, false).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0.6, 0.8}, x.grad().toDoubleArray(), 1e-12);
    }

    // ---------------------------------------------------------------- max, min with indices; argmax, argmin

    @Test
    void maxAndMinReturnValuesAndFirstIndices() {
        Tensor x = f64(new double[] {1, 5, 5, 7, -2, 7}, 2, 3);
        Tensor.ValuesAndIndices max = x.max(1, false);
        assertArrayEquals(new double[] {5, 7}, max.values().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0}, max.indices().toDoubleArray(), 0);
        assertEquals(DType.FLOAT64, max.indices().dtype());
        Tensor.ValuesAndIndices min = x.min(0, true);
        assertArrayEquals(new int[] {1, 3}, min.values().shape());
        assertArrayEquals(new int[] {1, 3}, min.indices().shape());
        assertArrayEquals(new double[] {1, -2, 5}, min.values().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 1, 0}, min.indices().toDoubleArray(), 0);
    }

    @Test
    void maxGradientGoesToTheChosenElementOnly() {
        Tensor x = f64(new double[] {2, 2, 1}).requiresGrad(true);
        x.max(0, false).values().backward();
        assertArrayEquals(new double[] {1, 0, 0}, x.grad().toDoubleArray(), 0);
        checkOn234(t -> t.max(1, false).values(), true);
        checkOn234(t -> t.min(-1, true).values().mul(t), true);
        checkOn234(t -> t.max(0, true).values().exp(), true);
    }

    @Test
    void argmaxAndArgminOnViews() {
        Tensor x = f64(new double[] {3, 9, 1, 4, 0, 8}, 2, 3);
        assertArrayEquals(new double[] {1, 2}, x.argmax(1, false).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 2}, x.t().argmax(0, false).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 1, 0}, x.argmin(0, false).toDoubleArray(), 0);
        assertArrayEquals(new int[] {2, 1}, x.argmin(-1, true).shape());
        assertArrayEquals(new double[] {2, 1}, x.argmin(-1, true).toDoubleArray(), 0);
        assertArrayEquals(new float[] {0}, Tensor.of(new float[] {Float.NaN, 1}).argmax(0, false).toFloatArray(), 0);
        assertArrayEquals(new double[] {1}, x.slice(1, 0, 3, 2).argmax(1, false).sum(ALL, true).reshape(1)
                .toDoubleArray(), 0); // rows [3, 1] and [4, 8]
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 0).argmax(1, false));
        assertTrue(e.getMessage().contains("argmax") && e.getMessage().contains("[2, 0]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> x.max(2, false));
    }

    @Test
    void indicesOfMaxFeedGatherAndOneHot() {
        Tensor logits = randn(6, 4, 5);
        Tensor idx = logits.argmax(1, true);
        assertArrayEquals(logits.amax(new int[] {1}, true).toDoubleArray(),
                logits.gather(1, idx).toDoubleArray(), 0);
        Tensor hot = Tensor.oneHot(idx.squeeze(1), 5);
        assertArrayEquals(new double[] {1, 1, 1, 1}, hot.sum(1, false).toDoubleArray(), 0);
        assertEquals(List.of(4, 5), List.of(hot.shape(0), hot.shape(1)));
    }
}
