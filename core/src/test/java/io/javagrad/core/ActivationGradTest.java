package io.javagrad.core;

import static io.javagrad.core.TestTensors.checkTwice;
import static io.javagrad.core.TestTensors.forEachLayout;
import static io.javagrad.core.TestTensors.randn;
import static io.javagrad.core.TestTensors.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationGradTest {

    static Stream<Arguments> elementwise() {
        return Stream.of(
                Arguments.of("relu", (UnaryOperator<Tensor>) Tensor::relu),
                Arguments.of("leakyRelu", (UnaryOperator<Tensor>) x -> x.leakyRelu(0.1)),
                Arguments.of("elu", (UnaryOperator<Tensor>) x -> x.elu(1.3)),
                Arguments.of("sigmoid", (UnaryOperator<Tensor>) Tensor::sigmoid),
                Arguments.of("tanh", (UnaryOperator<Tensor>) Tensor::tanh),
                Arguments.of("gelu", (UnaryOperator<Tensor>) Tensor::gelu),
                Arguments.of("softplus", (UnaryOperator<Tensor>) Tensor::softplus));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("elementwise")
    void elementwiseActivationGradients(String name, UnaryOperator<Tensor> f) {
        // inputs at least 0.2 away from 0, where relu, leakyRelu and elu have their kinks
        forEachLayout(TestTensors.awayFromZero(1, 0.2, 3, 4), x -> checkTwice(in -> f.apply(in[0]), x));
        checkTwice(in -> f.apply(in[0]), TestTensors.awayFromZero(2, 0.2));
        checkTwice(in -> f.apply(in[0]).mul(in[1]), TestTensors.awayFromZero(3, 0.2, 2, 1), randn(4, 3));
    }

    @Test
    void tanhBackwardIsTheChainRuleInOnePassAndDifferentiable() {
        Tensor g = randn(21, 3, 4);
        Tensor y = uniform(22, -0.9, 0.9, 3, 4);
        double[] gs = g.toDoubleArray();
        double[] ys = y.toDoubleArray();
        double[] out = Activations.tanhBackward(g, y).toDoubleArray();
        for (int i = 0; i < out.length; i++) {
            assertEquals(gs[i] * (1 - ys[i] * ys[i]), out[i], 0);
        }
        forEachLayout(y, yl -> checkTwice(in -> Activations.tanhBackward(in[0], in[1]), g, yl));
        checkTwice(in -> Activations.tanhBackward(in[0], in[1]), randn(23, 3, 1), y);
    }

    @Test
    void softmaxActivationIsSoftmaxOverTheLastAxisAndRemembersItsLogits() {
        Tensor x = randn(24, 2, 3, 4);
        Tensor p = x.softmaxActivation();
        assertArrayEquals(x.softmax(-1).toDoubleArray(), p.toDoubleArray(), 0);
        assertSame(x, p.softmaxLogits());
        assertNull(x.softmax(-1).softmaxLogits());
        checkTwice(in -> in[0].softmaxActivation().mul(in[1]), x, randn(25, 2, 3, 4));
    }

    @ParameterizedTest(name = "softmax axis {0}")
    @MethodSource("axes")
    void softmaxGradientsAlongEachAxis(int axis) {
        Tensor w = randn(5, 2, 3, 4);
        forEachLayout(randn(6, 2, 3, 4), x -> checkTwice(in -> in[0].softmax(axis).mul(w), x));
    }

    @ParameterizedTest(name = "logSoftmax axis {0}")
    @MethodSource("axes")
    void logSoftmaxGradientsAlongEachAxis(int axis) {
        Tensor w = randn(7, 2, 3, 4);
        forEachLayout(randn(8, 2, 3, 4), x -> checkTwice(in -> in[0].logSoftmax(axis).mul(w), x));
    }

    static Stream<Integer> axes() {
        return Stream.of(0, 1, 2, -1);
    }

    @Test
    void softmaxOfSizeOneAxisIsOne() {
        Tensor x = randn(9, 3, 1);
        assertArrayEquals(new double[] {1, 1, 1}, x.softmax(1).toDoubleArray(), 0);
        checkTwice(in -> in[0].softmax(-1).mul(in[0]), x);
        checkTwice(in -> in[0].logSoftmax(0).sum(), randn(10, 1));
    }

    @Test
    void softmaxAndLogSoftmaxAreStableForLargeInputs() {
        Tensor x = Tensor.of(new double[] {1000, 999, -1000, 10000, 10000, 10000}, 2, 3);
        double e = Math.exp(-1);
        assertArrayEquals(new double[] {1 / (1 + e), e / (1 + e), 0, 1 / 3.0, 1 / 3.0, 1 / 3.0},
                x.softmax(1).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {-Math.log1p(e), -1 - Math.log1p(e), -2000 - Math.log1p(e)},
                x.logSoftmax(1).slice(0, 0, 1).toDoubleArray(), 1e-9);
        Tensor f = Tensor.of(new float[] {100, 0, -100});
        assertArrayEquals(new float[] {0, -100, -200}, f.logSoftmax(0).toFloatArray(), 1e-4f);
        assertArrayEquals(new float[] {1, 0, 0}, f.softmax(0).toFloatArray(), 1e-6f);
    }

    @Test
    void sigmoidSoftplusAndTanhSaturateWithoutNaN() {
        Tensor x = Tensor.of(new double[] {-1000, 0, 1000});
        assertArrayEquals(new double[] {0, 0.5, 1}, x.sigmoid().toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, Math.log(2), 1000}, x.softplus().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {-1, 0, 1}, x.tanh().toDoubleArray(), 0);
        Tensor g = Tensor.of(new double[] {-1000, 1000}).requiresGrad(true);
        g.sigmoid().add(g.softplus()).sum().backward();
        assertArrayEquals(new double[] {0, 1}, g.grad().toDoubleArray(), 0);
    }

    @Test
    void activationValues() {
        Tensor x = Tensor.of(new double[] {-2, -0.5, 0.5, 3});
        assertArrayEquals(new double[] {0, 0, 0.5, 3}, x.relu().toDoubleArray(), 0);
        assertArrayEquals(new double[] {-0.2, -0.05, 0.5, 3}, x.leakyRelu(0.1).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {2 * Math.expm1(-2), 2 * Math.expm1(-0.5), 0.5, 3},
                x.elu(2).toDoubleArray(), 1e-15);
        assertEquals(0.8413447460685429, Tensor.of(new double[] {1}).gelu().item(), 1e-12);
        assertEquals(-0.15865525393145707, Tensor.of(new double[] {-1}).gelu().item(), 1e-12);
    }

    @Test
    void reluGradientAtZeroIsZero() {
        Tensor x = Tensor.of(new double[] {-1, 0, 1}).requiresGrad(true);
        x.relu().sum().backward();
        assertArrayEquals(new double[] {0, 0, 1}, x.grad().toDoubleArray(), 0);
    }

    @Test
    void reluGradientIsTheUpstreamGradientTimesTheMaskBitForBit() {
        Tensor input = Tensor.randn(new Rng(12), DType.FLOAT32, 6, 5);
        Tensor contiguousSeed = Tensor.randn(new Rng(13), DType.FLOAT32, 6, 5);
        Tensor transposedSeed = contiguousSeed.t().contiguous().t();
        for (Tensor seed : new Tensor[] {contiguousSeed, transposedSeed}) {
            Tensor x = input.detach().requiresGrad(true);
            x.relu().backward(seed);
            float[] expected = seed.mul(input.gt(0)).toFloatArray();
            float[] actual = x.grad().toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(actual[i]),
                        "element " + i + ": " + expected[i] + " vs " + actual[i]);
            }
        }
    }
}
