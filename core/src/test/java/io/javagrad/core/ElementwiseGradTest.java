package io.javagrad.core;

import static io.javagrad.core.TestTensors.checkTwice;
import static io.javagrad.core.TestTensors.forEachLayout;
import static io.javagrad.core.TestTensors.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ElementwiseGradTest {

    /** Where an op's inputs are drawn from: anywhere, away from a kink at 0, or strictly positive. */
    enum Domain {
        ANY, AWAY_FROM_ZERO, POSITIVE;

        Tensor sample(long seed, int... shape) {
            return switch (this) {
                case ANY -> randn(seed, shape);
                case AWAY_FROM_ZERO -> TestTensors.awayFromZero(seed, 0.2, shape);
                case POSITIVE -> TestTensors.uniform(seed, 0.5, 2, shape);
            };
        }
    }

    private static Arguments unary(String name, Domain domain, UnaryOperator<Tensor> op) {
        return Arguments.of(name, domain, op);
    }

    static Stream<Arguments> unaryOps() {
        return Stream.of(
                unary("neg", Domain.ANY, Tensor::neg),
                unary("add scalar", Domain.ANY, x -> x.add(1.5)),
                unary("sub scalar", Domain.ANY, x -> x.sub(0.5)),
                unary("rsub", Domain.ANY, x -> x.rsub(2)),
                unary("mul scalar", Domain.ANY, x -> x.mul(-3)),
                unary("div scalar", Domain.ANY, x -> x.div(4)),
                unary("square", Domain.ANY, Tensor::square),
                unary("pow 3", Domain.ANY, x -> x.pow(3)),
                unary("pow 0.5", Domain.POSITIVE, x -> x.pow(0.5)),
                unary("pow -1.5", Domain.POSITIVE, x -> x.pow(-1.5)),
                unary("pow 0", Domain.ANY, x -> x.pow(0)),
                unary("exp", Domain.ANY, Tensor::exp),
                unary("log", Domain.POSITIVE, Tensor::log),
                unary("sqrt", Domain.POSITIVE, Tensor::sqrt),
                unary("abs", Domain.AWAY_FROM_ZERO, Tensor::abs),
                unary("sign", Domain.AWAY_FROM_ZERO, x -> x.sign().mul(x)),
                unary("sin", Domain.ANY, Tensor::sin),
                unary("cos", Domain.ANY, Tensor::cos),
                unary("erf", Domain.ANY, Tensor::erf));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unaryGradientsInEveryLayout(String name, Domain domain, UnaryOperator<Tensor> op) {
        forEachLayout(domain.sample(1, 2, 3), x -> checkTwice(in -> op.apply(in[0]), x));
        checkTwice(in -> op.apply(in[0]), domain.sample(2)); // 0-d
        checkTwice(in -> op.apply(in[0]), domain.sample(3, 1, 4, 1));
    }

    private static Arguments binary(String name, Domain a, Domain b, BinaryOperator<Tensor> op) {
        return Arguments.of(name, a, b, op);
    }

    static Stream<Arguments> binaryOps() {
        List<Arguments> ops = List.of(
                binary("add", Domain.ANY, Domain.ANY, Tensor::add),
                binary("sub", Domain.ANY, Domain.ANY, Tensor::sub),
                binary("mul", Domain.ANY, Domain.ANY, Tensor::mul),
                binary("div", Domain.ANY, Domain.POSITIVE, Tensor::div),
                binary("pow", Domain.POSITIVE, Domain.ANY, Tensor::pow),
                binary("maximum", Domain.ANY, Domain.ANY, Tensor::maximum),
                binary("minimum", Domain.ANY, Domain.ANY, Tensor::minimum),
                binary("where", Domain.ANY, Domain.ANY, (a, b) -> Tensor.where(a.gt(b), a.exp(), b.sin())));
        int[][][] shapes = {
            {{2, 3}, {2, 3}}, {{2, 3}, {3}}, {{2, 1}, {1, 3}}, {{4}, {}}, {{}, {2, 3}}, {{1, 3, 1}, {2, 1, 4}}, {{}, {}}
        };
        return ops.stream().flatMap(op -> Stream.of(shapes).map(s -> {
            Object[] args = op.get();
            return Arguments.of(args[0], args[1], args[2], args[3], s[0], s[1]);
        }));
    }

    @ParameterizedTest(name = "{0} {4} {5}")
    @MethodSource("binaryOps")
    void binaryGradientsWithBroadcasting(String name, Domain da, Domain db, BinaryOperator<Tensor> op, int[] sa, int[] sb) {
        Tensor b = db.sample(5, sb);
        forEachLayout(da.sample(4, sa), a -> checkTwice(in -> op.apply(in[0], in[1]), a, b));
        if (sb.length > 0) {
            Tensor stridedB = TestTensors.strided(b);
            checkTwice(in -> op.apply(in[0], in[1]), da.sample(4, sa), stridedB);
        }
    }

    @Test
    void sameTensorOnBothSidesGetsBothGradients() {
        forEachLayout(randn(6, 2, 3), x -> checkTwice(in -> in[0].mul(in[0]).add(in[0].div(in[0].exp())), x));
        Tensor x = Tensor.of(new double[] {3}).requiresGrad(true);
        x.mul(x).backward();
        assertEquals(6, x.grad().item(), 0);
    }

    @Test
    void clampPassesTheGradientInsideTheRangeOnly() {
        Tensor x = Tensor.of(new double[] {-2, -0.7, -0.2, 0.3, 0.8, 1.9}, 2, 3);
        assertArrayEquals(new double[] {-1, -0.7, -0.2, 0.3, 0.8, 1}, x.clamp(-1, 1).toDoubleArray(), 0);
        forEachLayout(x, in0 -> checkTwice(in -> in[0].clamp(-1, 1).square(), in0));
        assertArrayEquals(new double[] {0, 0, 0, 0.3, 0.8, 1.9},
                x.clamp(0, Double.POSITIVE_INFINITY).toDoubleArray(), 0);
    }

    @Test
    void maximumAndMinimumSplitTiesEvenly() {
        Tensor a = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {0, 2, 4}).requiresGrad(true);
        a.maximum(b).sum().backward();
        assertArrayEquals(new double[] {1, 0.5, 0}, a.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 0.5, 1}, b.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 2, 3}, a.detach().minimum(b.detach()).toDoubleArray(), 0);
    }

    @Test
    void powOfZeroHasAZeroGradientEverywhere() {
        Tensor x = Tensor.of(new double[] {0, 2, -1}).requiresGrad(true);
        x.pow(0).sum().backward();
        assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void powWithTensorExponentAtZeroBase() {
        Tensor a = Tensor.of(new double[] {0, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2, 3}).requiresGrad(true);
        a.pow(b).sum().backward();
        assertArrayEquals(new double[] {0, 12}, a.grad().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 8 * Math.log(2)}, b.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void comparisonsGiveConstantMasksWithBroadcasting() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {2, 2, 7});
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 0}, a.gt(b).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 1, 0, 1, 1, 0}, a.ge(b).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 1}, a.lt(b).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 1}, a.le(b).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0}, a.eq(b).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 1, 1, 1, 1}, a.ne(b).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 0, 1, 1, 1, 1}, a.gt(2.5).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0}, a.le(3).toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0}, a.eq(5).toDoubleArray(), 0);
        assertFalse(a.gt(b).requiresGrad());
        assertEquals(DType.FLOAT64, a.lt(1).dtype());
    }

    @Test
    void whereSelectsWithABroadcastMask() {
        Tensor cond = Tensor.of(new float[] {1, 0}, 2, 1);
        Tensor a = Tensor.of(new float[] {1, 2, 3});
        Tensor b = Tensor.scalar(-1);
        assertArrayEquals(new float[] {1, 2, 3, -1, -1, -1}, Tensor.where(cond, a, b).toFloatArray(), 0);
        Tensor mask = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 2, 3);
        forEachLayout(randn(7, 2, 3), x -> checkTwice(in -> Tensor.where(mask, in[0], in[1].square()), x, randn(8, 3)));
    }

    @Test
    void float32ArithmeticRoundsLikeFloat() {
        Tensor a = Tensor.of(new float[] {0.1f, 1e8f});
        Tensor b = Tensor.of(new float[] {0.2f, 1f});
        assertArrayEquals(new float[] {0.1f + 0.2f, 1e8f + 1f}, a.add(b).toFloatArray(), 0);
        assertArrayEquals(new float[] {0.1f * 0.2f, 1e8f}, a.mul(b).toFloatArray(), 0);
        assertArrayEquals(new float[] {0.1f / 0.2f, 1e8f}, a.div(b).toFloatArray(), 0);
        assertEquals(DType.FLOAT32, a.exp().dtype());
    }

    @Test
    void mathFunctionValues() {
        Tensor x = Tensor.of(new double[] {-1.5, 0, 2});
        assertArrayEquals(new double[] {-1, 0, 1}, x.sign().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1.5, 0, 2}, x.abs().toDoubleArray(), 0);
        assertArrayEquals(new double[] {-0.9661051464753108, 0, 0.9953222650189527}, x.erf().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {Math.sin(-1.5), 0, Math.sin(2)}, x.sin().toDoubleArray(), 0);
        assertArrayEquals(new double[] {2.25, 0, 4}, x.square().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 0, 0.25}, Tensor.of(new double[] {1, Double.POSITIVE_INFINITY, 4})
                .pow(-1).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 1, 1}, x.pow(0).toDoubleArray(), 0);
    }
}
