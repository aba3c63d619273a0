package io.javagrad.core;

/**
 * A user-defined differentiable function, as PyTorch's {@code autograd.Function}: {@link #forward} computes
 * the result (with graph recording off) and saves what the backward needs in the context; {@link #backward}
 * maps the output's gradient to the inputs' gradients. Write the backward with tensor ops on the saved
 * tensors and it is differentiable again (gradients of gradients).
 *
 * <pre>{@code
 * Function square = new Function() {
 *     protected Tensor forward(FunctionContext ctx, Tensor... in) {
 *         ctx.saveForBackward(in[0]);
 *         return in[0].mul(in[0]);
 *     }
 *     protected Tensor[] backward(FunctionContext ctx, Tensor g) {
 *         return new Tensor[] {g.mul(ctx.saved(0)).mul(2)};
 *     }
 * };
 * Tensor y = square.apply(x);
 * }</pre>
 *
 * <p>Instances hold no per-call state (that lives in the context), so one instance can be applied many times.
 */
public abstract class Function {

    /** Computes the output; graph recording is off here. Save tensors for the backward with {@code ctx}. */
    protected abstract Tensor forward(FunctionContext ctx, Tensor... inputs);

    /**
     * Returns one gradient per input (same shape as that input; {@code null} for an input needing none),
     * given the gradient of the loss with respect to the output.
     */
    protected abstract Tensor[] backward(FunctionContext ctx, Tensor gradOutput);

    /** The op name shown in graphs and error messages; the class's simple name by default. */
    protected String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() ? "function" : simple;
    }

    /** Runs {@link #forward} and records the call in the graph when an input requires a gradient. */
    public final Tensor apply(Tensor... inputs) {
        FunctionContext ctx = new FunctionContext();
        Tensor out;
        try (Autograd.Scope s = Autograd.noGrad()) {
            out = forward(ctx, inputs);
        }
        if (out == null) {
            throw new IllegalStateException(name() + ".forward returned null");
        }
        return Autograd.record(name(), out.detach(), inputs.clone(), ctx.savedTensors(), g -> {
            g.markShared(); // the user's backward may keep it: the engine must not reuse its storage
            return shared(backward(ctx, g));
        });
    }

    /** Marks the user's gradients as shared, so that the engine never adopts a tensor the backward may keep elsewhere. */
    private static Tensor[] shared(Tensor[] grads) {
        if (grads != null) {
            for (Tensor g : grads) {
                if (g != null) {
                    g.markShared();
                }
            }
        }
        return grads;
    }
}
