package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GradCheckTest {

    private static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Rng(seed), DType.FLOAT64, shape).requiresGrad(true);
    }

    @Test
    void correctGradientsPass() {
        GradCheck.Report r = GradCheck.check(in -> in[0].tanh().mul(in[1]).sum(), randn(1, 3, 4), randn(2, 4));
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void aWrongDerivativeIsCaughtAndReported() {
        // A user-defined "square" whose backward forgets the factor 2.
        Function wrongSquare = new Function() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0]);
                return inputs[0].mul(inputs[0]);
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
                return new Tensor[] {gradOutput.mul(ctx.saved(0))};
            }
        };
        Tensor x = randn(3, 5);
        GradCheck.Report r = GradCheck.check(in -> wrongSquare.apply(in[0]), x);
        assertFalse(r.passed());
        assertTrue(r.toString().contains("FAILED") && r.toString().contains("analytic"), r.toString());
        AssertionError e = assertThrows(AssertionError.class,
                () -> GradCheck.assertGradients(in -> wrongSquare.apply(in[0]).sum(), x));
        assertTrue(e.getMessage().contains("worst: input 0 index"), e.getMessage());
    }

    @Test
    void float32InputsAreRefusedUnlessTolerancesAreLoosened() {
        Tensor x = Tensor.randn(4, 3).requiresGrad(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(in -> in[0].exp().sum(), x));
        assertTrue(e.getMessage().contains("float32"), e.getMessage());
        GradCheck.Report r = GradCheck.check(GradCheck.Options.allowingFloat32(1e-2, 1e-2, 1e-2),
                in -> in[0].exp().sum(), x);
        assertTrue(r.passed(), r.toString());
    }

    @Test
    void secondOrderCheckPassesForSmoothFunctions() {
        assertTrue(GradCheck.gradGradCheck(in -> in[0].sigmoid().mul(in[1].exp()), randn(4, 2, 3), randn(5, 3)).passed());
    }

    @Test
    void secondOrderCheckCatchesABackwardThatIsNotDifferentiable() {
        // backward computes the right first derivative but detaches it: its second derivative is lost.
        Function detachedCube = new Function() {
            @Override
            protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0]);
                return inputs[0].pow(3);
            }

            @Override
            protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
                return new Tensor[] {gradOutput.mul(ctx.saved(0).square().mul(3).detach())};
            }
        };
        Tensor x = randn(6, 3);
        assertTrue(GradCheck.check(in -> detachedCube.apply(in[0]), x).passed());
        assertFalse(GradCheck.gradGradCheck(in -> detachedCube.apply(in[0]), x).passed());
    }

    @Test
    void noDifferentiableInputIsAnError() {
        Tensor x = Tensor.randn(new Rng(1), DType.FLOAT64, 2);
        assertThrows(IllegalArgumentException.class, () -> GradCheck.check(in -> in[0].sum(), x));
    }
}
