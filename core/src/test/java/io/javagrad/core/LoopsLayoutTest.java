package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The element-wise and reduction loops take different paths for contiguous runs, broadcast rows and scalars on
 * either side, and strided views; every path must give exactly the value computed one element at a time in double
 * and rounded once.
 */
class LoopsLayoutTest {
    private static final Rng RNG = new Rng(5);

    /** The same 3x4 values as a contiguous tensor, a transposed view and a strided slice. */
    private static List<Tensor> layouts(DType dtype, double shift) {
        Tensor base = Tensor.randn(RNG, dtype, 3, 4).add(shift);
        Tensor transposed = Tensor.zeros(dtype, 4, 3);
        transposed.t().copyFrom(base);
        Tensor wide = Tensor.zeros(dtype, 3, 8);
        wide.slice(1, 0, 8, 2).copyFrom(base);
        return List.of(base, transposed.t(), wide.slice(1, 0, 8, 2));
    }

    /** Second operands for a 3x4 first operand: full layouts, a row, a column, a scalar, an expanded row. */
    private static List<Tensor> partners(DType dtype, double shift) {
        List<Tensor> out = new ArrayList<>(layouts(dtype, shift));
        out.add(Tensor.randn(RNG, dtype, 4).add(shift));
        out.add(Tensor.randn(RNG, dtype, 3, 1).add(shift));
        out.add(Tensor.scalar(dtype, 1.75 + shift));
        out.add(Tensor.randn(RNG, dtype, 1, 4).add(shift).expand(3, 4));
        return out;
    }

    private static double at(Tensor t, int i, int j) {
        int r = t.rank();
        return r == 0 ? t.item() : r == 1 ? t.get(j) : t.get(t.shape(0) == 1 ? 0 : i, t.shape(1) == 1 ? 0 : j);
    }

    private static double round(DType dtype, double v) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }

    private static void assertBinary(String name, BinaryOperator<Tensor> op, DoubleBinaryOperator ref, double shift) {
        for (DType dtype : DType.values()) {
            for (Tensor a : layouts(dtype, shift)) {
                for (Tensor b : partners(dtype, shift)) {
                    Tensor ab = op.apply(a, b);
                    Tensor ba = op.apply(b, a);
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 4; j++) {
                            String where = name + " " + dtype + " " + Shapes.str(b.shape()) + " at " + i + "," + j;
                            assertEquals(round(dtype, ref.applyAsDouble(at(a, i, j), at(b, i, j))), ab.get(i, j), 0, where);
                            assertEquals(round(dtype, ref.applyAsDouble(at(b, i, j), at(a, i, j))), ba.get(i, j), 0, where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void binaryOpsOnEveryLayout() {
        assertBinary("add", Tensor::add, (x, y) -> x + y, 0);
        assertBinary("sub", Tensor::sub, (x, y) -> x - y, 0);
        assertBinary("mul", Tensor::mul, (x, y) -> x * y, 0);
        assertBinary("div", Tensor::div, (x, y) -> x / y, 0);
        assertBinary("pow", Tensor::pow, Math::pow, 4);
        assertBinary("maximum", Tensor::maximum, Math::max, 0);
        assertBinary("minimum", Tensor::minimum, Math::min, 0);
        assertBinary("gt", Tensor::gt, (x, y) -> x > y ? 1 : 0, 0);
        assertBinary("le", Tensor::le, (x, y) -> x <= y ? 1 : 0, 0);
        assertBinary("ne", Tensor::ne, (x, y) -> x != y ? 1 : 0, 0);
    }

    private static void assertUnary(String name, UnaryOperator<Tensor> op, DoubleUnaryOperator ref, double float32Ulps) {
        for (DType dtype : DType.values()) {
            for (Tensor a : layouts(dtype, 0)) {
                Tensor out = op.apply(a);
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        double expected = round(dtype, ref.applyAsDouble(a.get(i, j)));
                        double tolerance = dtype == DType.FLOAT32 ? float32Ulps * Math.ulp((float) expected) : 0;
                        assertEquals(expected, out.get(i, j), tolerance, name + " " + dtype + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void unaryAndScalarOpsOnEveryLayout() {
        assertUnary("neg", Tensor::neg, x -> -x, 0);
        assertUnary("square", Tensor::square, x -> x * x, 0);
        assertUnary("relu", Tensor::relu, x -> Math.max(x, 0), 0);
        assertUnary("abs", Tensor::abs, Math::abs, 0);
        assertUnary("exp", Tensor::exp, Math::exp, 0);
        assertUnary("sigmoid", Tensor::sigmoid, io.javagrad.core.kernels.Elementwise::sigmoid, 0);
        assertUnary("tanh", Tensor::tanh, Math::tanh, 1);
        assertUnary("copy", Tensor::contiguous, x -> x, 0);
        assertUnary("add scalar", t -> t.add(0.1), x -> x + 0.1, 0);
        assertUnary("sub scalar", t -> t.sub(0.1), x -> x - 0.1, 0);
        assertUnary("mul scalar", t -> t.mul(0.3), x -> x * 0.3, 0);
        assertUnary("div scalar", t -> t.div(3), x -> x * (1.0 / 3), 0);
        assertUnary("pow scalar", t -> t.pow(3), x -> Math.pow(x, 3), 0);
    }

    @Test
    void reductionsOnEveryLayoutSumInLogicalOrder() {
        for (DType dtype : DType.values()) {
            for (Tensor a : layouts(dtype, 0)) {
                double total = 0;
                double[] rows = new double[3];
                double[] cols = new double[4];
                double[] rowMax = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 4; j++) {
                        double v = a.get(i, j);
                        total += v;
                        rows[i] += v;
                        cols[j] += v;
                        rowMax[i] = Math.max(rowMax[i], v);
                    }
                }
                assertEquals(round(dtype, total), a.sum().item(), 0);
                for (int i = 0; i < 3; i++) {
                    assertEquals(round(dtype, rows[i]), a.sum(1, false).get(i), 0);
                    assertEquals(round(dtype, rowMax[i]), a.amax(new int[] {1}, false).get(i), 0);
                }
                for (int j = 0; j < 4; j++) {
                    assertEquals(round(dtype, cols[j]), a.sum(0, true).get(0, j), 0);
                }
            }
        }
    }

    @Test
    void copyFromAndDtypeConversionOnEveryLayout() {
        for (Tensor a : layouts(DType.FLOAT64, 0)) {
            Tensor target = Tensor.zeros(DType.FLOAT32, 4, 3).t();
            target.copyFrom(a);
            Tensor converted = a.to(DType.FLOAT32);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals((float) a.get(i, j), target.get(i, j), 0);
                    assertEquals((float) a.get(i, j), converted.get(i, j), 0);
                }
            }
        }
    }
}
