package io.javagrad.core;

import static io.javagrad.core.TestTensors.checkTwice;
import static io.javagrad.core.TestTensors.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatMulGradTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(new int[] {3}, new int[] {3}, new int[] {}),
                Arguments.of(new int[] {3}, new int[] {3, 2}, new int[] {2}),
                Arguments.of(new int[] {2, 3}, new int[] {3}, new int[] {2}),
                Arguments.of(new int[] {2, 3}, new int[] {3, 4}, new int[] {2, 4}),
                Arguments.of(new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}),
                Arguments.of(new int[] {2, 2, 3}, new int[] {3, 4}, new int[] {2, 2, 4}),
                Arguments.of(new int[] {3, 2}, new int[] {2, 2, 1}, new int[] {2, 3, 1}),
                Arguments.of(new int[] {2, 1, 2, 3}, new int[] {3, 3, 2}, new int[] {2, 3, 2, 2}),
                Arguments.of(new int[] {3}, new int[] {2, 3, 2}, new int[] {2, 2}),
                Arguments.of(new int[] {2, 2, 3}, new int[] {3}, new int[] {2, 2}));
    }

    @ParameterizedTest(name = "{0} @ {1}")
    @MethodSource("shapes")
    void gradientsAndValuesForEveryRankCombination(int[] sa, int[] sb, int[] expected) {
        Tensor a = randn(1, sa);
        Tensor b = randn(2, sb);
        Tensor c = a.matmul(b);
        assertArrayEquals(expected, c.shape());
        assertArrayEquals(naive(a, b).toDoubleArray(), c.toDoubleArray(), 1e-12);
        checkTwice(in -> in[0].matmul(in[1]), a, b);
    }

    /** Layouts of an operand: contiguous, transposed in storage, every other column, and a broadcast row. */
    static Stream<Arguments> operandLayouts() {
        UnaryOperator<Tensor> contiguous = t -> t;
        UnaryOperator<Tensor> transposed = TestTensors::transposed;
        UnaryOperator<Tensor> strided = TestTensors::strided;
        return Stream.of(contiguous, transposed, strided).flatMap(la -> Stream.of(contiguous, transposed, strided)
                .map(lb -> Arguments.of(la, lb)));
    }

    @ParameterizedTest
    @MethodSource("operandLayouts")
    void nonContiguousOperands(UnaryOperator<Tensor> layoutA, UnaryOperator<Tensor> layoutB) {
        Tensor a = layoutA.apply(randn(3, 2, 3, 4));
        Tensor b = layoutB.apply(randn(4, 4, 2));
        assertArrayEquals(naive(a, b).toDoubleArray(), a.matmul(b).toDoubleArray(), 1e-12);
        checkTwice(in -> in[0].matmul(in[1]), a, b);
        Tensor m = layoutA.apply(randn(5, 3, 1));
        Tensor n = layoutB.apply(randn(6, 1, 2));
        checkTwice(in -> in[0].matmul(in[1]), m, n);
    }

    @Test
    void transposedViewsInsideTheFunction() {
        checkTwice(in -> in[0].t().matmul(in[1].t()), randn(7, 3, 2), randn(8, 4, 3));
        checkTwice(in -> in[0].matmul(in[0].t()), randn(9, 2, 3));
        checkTwice(in -> in[0].transpose(0, 2).matmul(in[1]), randn(10, 3, 2, 2), randn(11, 3, 2));
    }

    @Test
    void expandedOperandWithZeroStrides() {
        Tensor row = randn(12, 1, 3);
        checkTwice(in -> in[0].expand(4, 3).matmul(in[1]), row, randn(13, 3, 2));
        Tensor a = Tensor.of(new double[] {1, 2}, 1, 2).expand(3, 2);
        Tensor b = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2);
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, a.matmul(b).toDoubleArray(), 0);
    }

    @Test
    void float32MatchesTheNaiveProduct() {
        Tensor a = Tensor.randn(14, 3, 5, 7);
        Tensor b = Tensor.randn(15, 7, 6);
        Tensor c = a.matmul(b);
        assertEquals(DType.FLOAT32, c.dtype());
        assertArrayEquals(naive(a.to(DType.FLOAT64), b.to(DType.FLOAT64)).toFloatArray(), c.toFloatArray(), 1e-5f);
    }

    @Test
    void emptyInnerDimensionGivesZeros() {
        Tensor c = Tensor.zeros(DType.FLOAT64, 2, 0).matmul(Tensor.zeros(DType.FLOAT64, 0, 3));
        assertArrayEquals(new double[6], c.toDoubleArray(), 0);
    }

    /** The product by the definition, one element at a time, with NumPy's rules for 1-d operands and batches. */
    private static Tensor naive(Tensor a, Tensor b) {
        Tensor a2 = a.rank() == 1 ? a.detach().unsqueeze(0) : a.detach();
        Tensor b2 = b.rank() == 1 ? b.detach().unsqueeze(1) : b.detach();
        int m = a2.shape(-2);
        int k = a2.shape(-1);
        int n = b2.shape(-1);
        int[] batch = Shapes.broadcast("naive", Arrays.copyOf(a2.shape(), a2.rank() - 2),
                Arrays.copyOf(b2.shape(), b2.rank() - 2));
        int[] full = Arrays.copyOf(batch, batch.length + 2);
        full[batch.length] = m;
        full[batch.length + 1] = n;
        Tensor out = Tensor.zeros(DType.FLOAT64, full);
        int[] aShape = Arrays.copyOf(batch, batch.length + 2);
        aShape[batch.length] = m;
        aShape[batch.length + 1] = k;
        int[] bShape = Arrays.copyOf(batch, batch.length + 2);
        bShape[batch.length] = k;
        bShape[batch.length + 1] = n;
        Tensor ae = a2.expand(aShape);
        Tensor be = b2.expand(bShape);
        int[] idx = new int[full.length];
        for (int flat = 0; flat < out.numel(); flat++) {
            int rest = flat;
            for (int d = full.length - 1; d >= 0; d--) {
                idx[d] = rest % full[d];
                rest /= full[d];
            }
            double sum = 0;
            for (int p = 0; p < k; p++) {
                int[] ai = idx.clone();
                ai[full.length - 1] = p;
                int[] bi = idx.clone();
                bi[full.length - 2] = p;
                sum += ae.get(ai) * be.get(bi);
            }
            out.set(sum, idx);
        }
        if (a.rank() == 1) {
            out = out.squeeze(-2);
        }
        if (b.rank() == 1) {
            out = out.squeeze(-1);
        }
        return out;
    }
}
