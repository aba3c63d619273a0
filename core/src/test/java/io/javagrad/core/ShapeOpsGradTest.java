package io.javagrad.core;

import static io.javagrad.core.TestTensors.checkTwice;
import static io.javagrad.core.TestTensors.forEachLayout;
import static io.javagrad.core.TestTensors.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ShapeOpsGradTest {

    private static Tensor f64(double[] values, int... shape) {
        return Tensor.of(values, shape);
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing in: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- concat, stack

    @Test
    void concatJoinsAlongAnAxis() {
        Tensor a = f64(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor b = f64(new double[] {5, 6}, 2, 1);
        Tensor c = Tensor.concat(List.of(a, b), -1);
        assertArrayEquals(new int[] {2, 3}, c.shape());
        assertArrayEquals(new double[] {1, 2, 5, 3, 4, 6}, c.toDoubleArray(), 0);
    }

    @Test
    void concatGradientsAreTheSlicesOfTheOutputGradient() {
        Tensor b = randn(2, 2, 1, 3);
        Tensor empty = randn(3, 2, 0, 3);
        forEachLayout(randn(1, 2, 4, 3), a -> checkTwice(
                in -> Tensor.concat(List.of(in[0], in[1], in[2], in[0]), 1).sin(), a, b, empty));
    }

    @Test
    void stackAddsAnAxisAnywhere() {
        Tensor a = f64(new double[] {1, 2, 3});
        Tensor b = f64(new double[] {4, 5, 6});
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, Tensor.stack(List.of(a, b), 0).toDoubleArray(), 0);
        Tensor last = Tensor.stack(List.of(a, b), 1);
        assertArrayEquals(new int[] {3, 2}, last.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, last.toDoubleArray(), 0);
        forEachLayout(randn(4, 2, 3), x -> checkTwice(
                in -> Tensor.stack(List.of(in[0], in[1].exp()), -1), x, randn(5, 2, 3)));
    }

    @Test
    void concatAndStackRejectMismatchedInputs() {
        Tensor a = Tensor.zeros(DType.FLOAT64, 2, 3);
        assertMessage(() -> Tensor.concat(List.of(a, Tensor.zeros(DType.FLOAT64, 3, 3)), 1),
                "concat", "tensor 1 of shape [3, 3]", "tensor 0 of shape [2, 3]", "axis 1");
        assertMessage(() -> Tensor.concat(List.of(a, Tensor.zeros(2, 3)), 0), "concat", "float64", "float32");
        assertMessage(() -> Tensor.concat(List.of(), 0), "concat");
        assertMessage(() -> Tensor.stack(List.of(a, Tensor.zeros(DType.FLOAT64, 2, 4)), 0),
                "stack", "[2, 4]", "[2, 3]");
        assertMessage(() -> Tensor.stack(List.of(a, a), 3), "stack", "axis 3");
    }

    // ---------------------------------------------------------------- split, chunk

    @Test
    void splitCutsConsecutivePiecesThatShareStorage() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 6, 1).reshape(2, 3);
        List<Tensor> parts = x.split(new int[] {1, 0, 2}, 1);
        assertEquals(3, parts.size());
        assertArrayEquals(new double[] {0, 3}, parts.get(0).toDoubleArray(), 0);
        assertArrayEquals(new int[] {2, 0}, parts.get(1).shape());
        assertArrayEquals(new double[] {1, 2, 4, 5}, parts.get(2).toDoubleArray(), 0);
        parts.get(2).fill(9);
        assertArrayEquals(new double[] {0, 9, 9, 3, 9, 9}, x.toDoubleArray(), 0);
        assertMessage(() -> x.split(new int[] {1, 1}, 1), "split", "add up to 2", "size 3", "[2, 3]");
    }

    @Test
    void splitGradientsReachTheRightPlaces() {
        forEachLayout(randn(6, 3, 5), x -> checkTwice(in -> {
            List<Tensor> p = in[0].split(new int[] {2, 3}, -1);
            return p.get(0).exp().sum().add(p.get(1).square().sum());
        }, x));
    }

    @Test
    void chunkFollowsPyTorchSizes() {
        Tensor five = Tensor.arange(5);
        assertArrayEquals(new int[] {2, 2, 1}, sizes(five.chunk(3, 0)));
        assertArrayEquals(new int[] {2, 2}, sizes(Tensor.arange(4).chunk(3, 0)));
        assertArrayEquals(new int[] {1, 1, 1, 1, 1}, sizes(five.chunk(8, 0)));
        assertArrayEquals(new int[] {5}, sizes(five.chunk(1, 0)));
        assertMessage(() -> five.chunk(0, 0), "chunk", "positive");
        forEachLayout(randn(7, 2, 5), x -> GradCheck.assertGradients(in -> {
            List<Tensor> p = in[0].chunk(2, 1);
            return p.get(0).sum(1, false).mul(p.get(1).sum(1, false));
        }, x));
    }

    private static int[] sizes(List<Tensor> parts) {
        return parts.stream().mapToInt(t -> t.shape(0)).toArray();
    }

    // ---------------------------------------------------------------- gather, scatterAdd

    @Test
    void gatherPicksAlongAnAxisLikeTorch() {
        Tensor x = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor rows = f64(new double[] {1, 0, 1, 0}, 2, 2); // index smaller than x along axis 1
        // out[i][j] = x[rows[i][j]][j]
        assertArrayEquals(new double[] {4, 2, 4, 2}, x.gather(0, rows).toDoubleArray(), 0);
        Tensor cols = f64(new double[] {2, 2, 0, 1}, 2, 2);
        // out[i][j] = x[i][cols[i][j]]
        assertArrayEquals(new double[] {3, 3, 4, 5}, x.gather(1, cols).toDoubleArray(), 0);
    }

    @Test
    void gatherGradientAccumulatesOverRepeatedIndices() {
        Tensor x = randn(8, 3, 4);
        Tensor index = f64(new double[] {3, 3, 0, 1, 1, 1}, 3, 2);
        x.gather(1, index).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0, 2, 1, 1, 0, 0, 0, 2, 0, 0}, x.grad().toDoubleArray(), 0);
        forEachLayout(x, in0 -> checkTwice(in -> in[0].gather(1, index).square(), in0));
        Tensor stridedIndex = TestTensors.strided(f64(new double[] {2, 0, 1, 2, 0, 0}, 2, 3));
        forEachLayout(x, in0 -> checkTwice(in -> in[0].gather(0, stridedIndex.detach()).exp(), in0));
    }

    @Test
    void scatterAddAccumulatesAndIsGatherAdjoint() {
        Tensor base = f64(new double[] {1, 1, 1, 1, 1, 1}, 2, 3);
        Tensor index = f64(new double[] {0, 0, 1, 1}, 1, 4);
        Tensor src = f64(new double[] {1, 2, 3, 4}, 1, 4);
        // along the scatter axis the index may be longer than the target
        assertArrayEquals(new double[] {4, 8, 1, 1, 1, 1}, base.scatterAdd(1, index, src).toDoubleArray(), 0);
        Tensor idx = f64(new double[] {0, 0, 2, 1, 1, 1}, 2, 3);
        Tensor s = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        // out[i][idx[i][j]] += s[i][j]
        assertArrayEquals(new double[] {4, 1, 4, 1, 16, 1}, base.scatterAdd(1, idx, s).toDoubleArray(), 0);
        forEachLayout(randn(9, 2, 3), b -> checkTwice(
                in -> in[0].scatterAdd(0, f64(new double[] {1, 0, 1, 1, 1, 0}, 2, 3), in[1]).tanh(), b, randn(10, 2, 3)));
    }

    @Test
    void gatherAndScatterAddValidateTheIndex() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 2, 3);
        assertMessage(() -> x.gather(1, f64(new double[] {0, 3}, 2, 1)), "gather", "index 3.0", "[0, 3)");
        assertMessage(() -> x.gather(1, f64(new double[] {0, 1.5}, 2, 1)), "gather", "1.5", "whole number");
        assertMessage(() -> x.gather(1, f64(new double[] {-1, 0}, 2, 1)), "gather", "-1.0");
        assertMessage(() -> x.gather(0, f64(new double[] {0, 1})), "gather", "rank", "[2]", "[2, 3]");
        assertMessage(() -> x.gather(0, Tensor.zeros(DType.FLOAT64, 1, 4)), "gather", "larger", "axis 1");
        assertMessage(() -> x.scatterAdd(0, Tensor.zeros(DType.FLOAT64, 1, 3), Tensor.zeros(DType.FLOAT64, 1, 2)),
                "scatterAdd", "src of shape [1, 2]", "index [1, 3]");
        assertMessage(() -> x.scatterAdd(0, Tensor.zeros(1, 3), Tensor.zeros(1, 3)), "scatterAdd", "dtypes");
    }

    // ---------------------------------------------------------------- indexSelect

    @Test
    void indexSelectTakesRowsForAnEmbeddingLookup() {
        Tensor table = Tensor.arange(DType.FLOAT64, 0, 8, 1).reshape(4, 2).requiresGrad(true);
        Tensor ids = f64(new double[] {3, 0, 3, 1, 1, 3}, 2, 3);
        Tensor rows = table.indexSelect(0, ids);
        assertArrayEquals(new int[] {2, 3, 2}, rows.shape());
        assertArrayEquals(new double[] {6, 7, 0, 1, 6, 7, 2, 3, 2, 3, 6, 7}, rows.toDoubleArray(), 0);
        rows.sum().backward();
        assertArrayEquals(new double[] {1, 1, 2, 2, 0, 0, 3, 3}, table.grad().toDoubleArray(), 0);
    }

    @Test
    void indexSelectAlongAnInnerAxisWithAnArray() {
        Tensor x = f64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor picked = x.indexSelect(1, 2, 2, 0);
        assertArrayEquals(new int[] {2, 3}, picked.shape());
        assertArrayEquals(new double[] {3, 3, 1, 6, 6, 4}, picked.toDoubleArray(), 0);
        assertArrayEquals(new int[] {2, 0}, x.indexSelect(1).shape());
        forEachLayout(randn(11, 3, 4), in0 -> checkTwice(in -> in[0].indexSelect(1, 3, 1, 3).cos(), in0));
        forEachLayout(randn(12, 3, 2), in0 -> checkTwice(
                in -> in[0].indexSelect(0, f64(new double[] {2, 2, 0, 1}, 2, 2)).square(), in0));
    }

    @Test
    void indexSelectNamesItselfWhenAnIndexIsOutOfRange() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 4, 2);
        assertMessage(() -> x.indexSelect(0, 1, 4), "indexSelect", "index 4.0", "[0, 4)");
        assertMessage(() -> x.indexSelect(2, 0), "indexSelect", "axis 2");
    }

    @Test
    void copyFromTakesSlicesIntoAnExistingTensorAsIndexSelectDoes() {
        Tensor x = randn(5, 4, 3, 2).slice(1, 1, 3); // a strided source, shape [4, 2, 2]
        for (int axis = 0; axis < 3; axis++) {
            int[] shape = x.shape().clone();
            shape[axis] = 3;
            Tensor whole = Tensor.zeros(DType.FLOAT64, 2 * shape[0], shape[1], shape[2]);
            Tensor buffer = whole.slice(0, shape[0], 2 * shape[0]); // contiguous, at an offset
            int version = buffer.version();
            assertTrue(buffer.copyFrom(x, axis, 1, 0, 1) == buffer);
            assertArrayEquals(x.indexSelect(axis, 1, 0, 1).toDoubleArray(), buffer.toDoubleArray(), 0);
            assertTrue(buffer.version() > version);
            assertEquals(0, whole.slice(0, 0, shape[0]).abs().sum().item(), "outside the buffer");
        }
        Tensor f = Tensor.zeros(DType.FLOAT32, 2, 3);
        assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3},
                f.copyFrom(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}).reshape(2, 3), 0, 1, 0).toFloatArray(), 0);
    }

    @Test
    void copyFromRejectsAWrongTargetOrIndexNamingTheShapes() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 4, 2);
        assertMessage(() -> Tensor.zeros(DType.FLOAT64, 3, 2).copyFrom(x, 0, 1, 2), "copyFrom", "[2, 2]", "[3, 2]");
        assertMessage(() -> Tensor.zeros(DType.FLOAT32, 2, 2).copyFrom(x, 0, 1, 2), "copyFrom", "float32");
        assertMessage(() -> Tensor.zeros(DType.FLOAT64, 2, 2).transpose(0, 1).copyFrom(x, 0, 1, 2), "copyFrom",
                "strided");
        assertMessage(() -> Tensor.zeros(DType.FLOAT64, 2, 2).copyFrom(x, 0, 1, 4), "copyFrom", "index 4", "[0, 4)");
        Tensor param = Tensor.zeros(DType.FLOAT64, 1, 2).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> param.copyFrom(x, 0, 0));
    }

    // ---------------------------------------------------------------- pad

    @Test
    void padAddsConstantBordersToTheLastAxes() {
        Tensor x = f64(new double[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor p = x.pad(new int[] {1, 0, 0, 2}, -1);
        assertArrayEquals(new int[] {1, 3, 4}, p.shape());
        assertArrayEquals(new double[] {-1, -1, -1, -1, 1, 2, -1, -1, 3, 4, -1, -1}, p.toDoubleArray(), 0);
        Tensor all = x.pad(new int[] {1, 1, 0, 0, 0, 0}, 0);
        assertArrayEquals(new int[] {3, 2, 2}, all.shape());
    }

    @Test
    void negativePaddingCrops() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 5, 1);
        assertArrayEquals(new double[] {1, 2, 3}, x.pad(new int[] {-1, -1}, 0).toDoubleArray(), 0);
        assertArrayEquals(new double[] {7, 7, 0, 1}, x.pad(new int[] {2, -3}, 7).toDoubleArray(), 0);
        assertArrayEquals(new double[] {7}, x.pad(new int[] {1, -5}, 7).toDoubleArray(), 0);
    }

    @Test
    void padGradientIsTheCropOfTheOutputGradient() {
        forEachLayout(randn(13, 2, 3, 4), x -> checkTwice(in -> in[0].pad(new int[] {1, 2, -1, 1}, 0.5).sin(), x));
        forEachLayout(randn(14, 3), x -> checkTwice(in -> in[0].pad(new int[] {0, 0}, 3).exp(), x));
    }

    @Test
    void padRejectsBadPadding() {
        Tensor x = Tensor.zeros(2, 3);
        assertMessage(() -> x.pad(new int[] {1}, 0), "pad", "[1]", "[2, 3]");
        assertMessage(() -> x.pad(new int[] {1, 1, 1, 1, 1, 1}, 0), "pad", "[2, 3]");
        assertMessage(() -> x.pad(new int[] {-2, -2}, 0), "pad", "axis 1", "below size 0");
    }

    // ---------------------------------------------------------------- oneHot

    @Test
    void oneHotEncodesWholeNumbers() {
        Tensor labels = f64(new double[] {2, 0, 1, 2}, 2, 2);
        Tensor hot = Tensor.oneHot(labels, 3);
        assertArrayEquals(new int[] {2, 2, 3}, hot.shape());
        assertEquals(DType.FLOAT64, hot.dtype());
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, hot.toDoubleArray(), 0);
        assertArrayEquals(new float[] {0, 1}, Tensor.oneHot(Tensor.scalar(1), 2).toFloatArray(), 0);
    }

    @Test
    void oneHotValidatesTheLabels() {
        assertMessage(() -> Tensor.oneHot(f64(new double[] {0, 3}), 3), "oneHot", "index 3.0", "position 1", "[0, 3)");
        assertMessage(() -> Tensor.oneHot(f64(new double[] {0.5}), 3), "oneHot", "whole number");
        assertMessage(() -> Tensor.oneHot(f64(new double[] {0}), 0), "oneHot", "numClasses");
    }
}
