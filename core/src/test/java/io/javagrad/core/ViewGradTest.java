package io.javagrad.core;

import static io.javagrad.core.TestTensors.checkTwice;
import static io.javagrad.core.TestTensors.forEachLayout;
import static io.javagrad.core.TestTensors.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ViewGradTest {

    private static Arguments view(String name, UnaryOperator<Tensor> op) {
        return Arguments.of(name, op);
    }

    /** View ops on a [2, 3, 4] input; the check takes the sine of each result so the gradients are not all ones. */
    static Stream<Arguments> views() {
        return Stream.of(
                view("reshape", x -> x.reshape(4, 6)),
                view("reshape -1", x -> x.reshape(-1, 2)),
                view("reshape to 0-d then back", x -> x.select(0, 1).select(0, 2).select(0, 3).reshape(1, 1)),
                view("view", x -> x.view(24)),
                view("flatten 1", x -> x.flatten(1)),
                view("flatten 0", x -> x.flatten(0)),
                view("transpose", x -> x.transpose(0, 2)),
                view("t", Tensor::t),
                view("permute", x -> x.permute(2, 0, 1)),
                view("slice", x -> x.slice(1, 1, 3)),
                view("slice with step", x -> x.slice(2, 0, 4, 3)),
                view("slice negative bounds", x -> x.slice(-1, -3, -1)),
                view("slice empty", x -> x.slice(1, 2, 2).sum().add(x.sum())),
                view("select", x -> x.select(1, -1)),
                view("squeeze all", x -> x.slice(1, 0, 1).squeeze()),
                view("squeeze axis", x -> x.slice(2, 1, 2).squeeze(2)),
                view("unsqueeze front", x -> x.unsqueeze(0)),
                view("unsqueeze end", x -> x.unsqueeze(-1)),
                view("unsqueeze middle", x -> x.unsqueeze(2)),
                view("expand size-1 axis", x -> x.slice(1, 0, 1).expand(2, 5, 4)),
                view("expand new axes", x -> x.expand(3, 2, 3, 4)),
                view("expand -1", x -> x.slice(0, 1, 2).expand(3, -1, -1)),
                view("contiguous", x -> x.transpose(0, 1).contiguous()),
                view("chain", x -> x.permute(1, 2, 0).slice(0, 0, 3, 2).reshape(-1).unsqueeze(1)),
                view("clone", Tensor::cloneTensor));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("views")
    void viewGradientsInEveryLayout(String name, UnaryOperator<Tensor> op) {
        forEachLayout(randn(1, 2, 3, 4), x -> checkTwice(in -> op.apply(in[0]).sin(), x));
    }

    @Test
    void zeroDimensionalViews() {
        Tensor s = randn(2);
        checkTwice(in -> in[0].reshape(1, 1).expand(2, 3).square(), s);
        checkTwice(in -> in[0].unsqueeze(0).squeeze().mul(in[0]), s);
        checkTwice(in -> in[0].reshape(1).select(0, 0).exp(), s);
    }

    @Test
    void viewsShareStorageWithTheirBase() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 6, 1);
        Tensor m = x.reshape(2, 3);
        Tensor col = m.select(1, 1);
        Tensor everyOther = x.slice(0, 0, 6, 2);
        assertArrayEquals(new double[] {1, 4}, col.toDoubleArray(), 0);
        assertArrayEquals(new double[] {0, 2, 4}, everyOther.toDoubleArray(), 0);
        assertArrayEquals(new int[] {2}, everyOther.strides());
        col.fill(-1);
        assertArrayEquals(new double[] {0, -1, 2, 3, -1, 5}, x.toDoubleArray(), 0);
        assertEquals(x.version(), col.version());
        assertArrayEquals(new int[] {0, 1}, x.reshape(1, 6).expand(4, 6).strides());
    }

    @Test
    void reshapeOfANonContiguousTensorCopies() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 6, 1).reshape(2, 3);
        Tensor t = x.t();
        assertFalse(t.isContiguous());
        Tensor r = t.reshape(6);
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, r.toDoubleArray(), 0);
        x.fill(7);
        assertArrayEquals(new double[] {0, 3, 1, 4, 2, 5}, r.toDoubleArray(), 0);
        assertTrue(t.contiguous().isContiguous());
        assertSame(x, x.contiguous());
    }

    @Test
    void sliceStepValues() {
        Tensor x = Tensor.arange(DType.FLOAT64, 0, 10, 1);
        assertArrayEquals(new double[] {1, 4, 7}, x.slice(0, 1, 9, 3).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1, 4, 7}, x.slice(0, 1, 8, 3).toDoubleArray(), 0);
        assertArrayEquals(new double[] {8, 9}, x.slice(0, -2, 100).toDoubleArray(), 0);
        assertArrayEquals(new int[] {0}, x.slice(0, 5, 2).shape());
        Tensor y = Tensor.of(new double[] {1, 2, 3, 4, 5}).requiresGrad(true);
        y.slice(0, 0, 5, 2).mul(Tensor.of(new double[] {10, 20, 30})).sum().backward();
        assertArrayEquals(new double[] {10, 0, 20, 0, 30}, y.grad().toDoubleArray(), 0);
    }

    @Test
    void expandGradientSumsOverTheRepeatedAxes() {
        Tensor b = Tensor.of(new double[] {1, 2}, 2, 1).requiresGrad(true);
        b.expand(3, 2, 4).sum().backward();
        assertArrayEquals(new double[] {12, 12}, b.grad().toDoubleArray(), 0);
        assertArrayEquals(new int[] {2, 1}, b.grad().shape());
    }

    @Test
    void dtypeConversionIsDifferentiable() {
        Tensor x = Tensor.of(new double[] {1.1, -2.2}).requiresGrad(true);
        Tensor f = x.to(DType.FLOAT32);
        assertEquals(DType.FLOAT32, f.dtype());
        assertArrayEquals(new float[] {1.1f, -2.2f}, f.toFloatArray(), 0);
        f.mul(Tensor.of(new float[] {3, 4})).sum().backward();
        assertEquals(DType.FLOAT64, x.grad().dtype());
        assertArrayEquals(new double[] {3, 4}, x.grad().toDoubleArray(), 0);
        assertSame(x, x.to(DType.FLOAT64));
        checkTwice(in -> in[0].to(DType.FLOAT64).square(), randn(3, 2, 2));
        Tensor w = Tensor.of(new double[] {0.5, -1.5});
        // the float32 round trip perturbs values by ~1e-7 relative: step and tolerances sized for that
        GradCheck.assertGradients(GradCheck.Options.defaults().withEps(1e-2).withTolerances(1e-4, 1e-4),
                in -> in[0].to(DType.FLOAT32).to(DType.FLOAT64).mul(w), TestTensors.strided(randn(4, 2)));
    }
}
