package io.javagrad.examples;

import io.javagrad.core.DType;
import io.javagrad.core.Function;
import io.javagrad.core.FunctionContext;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import java.io.PrintStream;

/**
 * A user-defined differentiable op: {@code logcosh(x) = log(cosh(x))}, a smooth loss that is quadratic near 0
 * and linear far away. The naive formula overflows (cosh(1000) is infinite); the stable form
 * {@code |x| + log(1 + e^(-2|x|)) - log 2} does not. Its derivative is {@code tanh(x)}, written with tensor ops,
 * so the backward is differentiable again. GradCheck verifies the first and second derivatives numerically.
 */
final class CustomOpExample implements Example {
    private static final double LOG_2 = Math.log(2);

    /** log(cosh(x)), stable for any x; d/dx = tanh(x). */
    static final class LogCosh extends Function {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
            Tensor x = inputs[0];
            ctx.saveForBackward(x);
            Tensor a = x.abs();
            return a.add(a.mul(-2).exp().add(1).log()).sub(LOG_2);
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
            return new Tensor[] {gradOutput.mul(ctx.saved(0).tanh())};
        }

        @Override
        protected String name() {
            return "logcosh";
        }
    }

    @Override
    public String name() {
        return "custom-op";
    }

    @Override
    public String description() {
        return "a user-defined differentiable op (stable logcosh) checked with GradCheck, first and second order";
    }

    @Override
    public void run(ExampleOptions options, PrintStream out) {
        LogCosh logcosh = new LogCosh();
        Tensor far = Tensor.of(new double[] {-1000, 0, 1000});
        out.println("naive log(cosh(x)) at -1000, 0, 1000:  " + far.exp().add(far.neg().exp()).div(2).log());
        out.println("stable logcosh(x) at -1000, 0, 1000:   " + logcosh.apply(far));

        Tensor x = Tensor.randn(new Rng(options.seed(7)), DType.FLOAT64, 3, 4).mul(3).detach().requiresGrad(true);
        GradCheck.Report first = GradCheck.check(in -> logcosh.apply(in[0]), x);
        GradCheck.Report second = GradCheck.gradGradCheck(in -> logcosh.apply(in[0]), x);
        out.println("first order:  " + first);
        out.println("second order: " + second);
        out.println(first.passed() && second.passed() ? "custom op verified" : "custom op FAILED verification");
    }
}
