package io.javagrad.io.onnx;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.ImportedValue.Floats;
import io.javagrad.io.onnx.ImportedValue.Ints;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Element-wise arithmetic, activations, matrix products, softmax and mean: ONNX ops that map one to one onto
 * differentiable core tensor ops. Arithmetic on two integer values stays exact (shape computations).
 */
final class OnnxMathOps {
    private OnnxMathOps() {}

    static void register(Map<String, Function<OnnxNode, OnnxKernel>> ops) {
        ops.put("Add", n -> binary(n, Tensor::add, Math::addExact));
        ops.put("Sub", n -> binary(n, Tensor::sub, Math::subtractExact));
        ops.put("Mul", n -> binary(n, Tensor::mul, Math::multiplyExact));
        ops.put("Div", n -> binary(n, Tensor::div, OnnxMathOps::divide));
        ops.put("Pow", OnnxMathOps::pow);
        ops.put("Sqrt", n -> unary(n, Tensor::sqrt));
        ops.put("Erf", n -> unary(n, Tensor::erf));
        ops.put("Relu", n -> unary(n, Tensor::relu));
        ops.put("Sigmoid", n -> unary(n, Tensor::sigmoid));
        ops.put("Tanh", n -> unary(n, Tensor::tanh));
        ops.put("LeakyRelu", OnnxMathOps::leakyRelu);
        ops.put("Softmax", n -> softmax(n, false));
        ops.put("LogSoftmax", n -> softmax(n, true));
        ops.put("Gemm", OnnxMathOps::gemm);
        ops.put("MatMul", n -> binary(n, Tensor::matmul, null));
        ops.put("ReduceMean", OnnxMathOps::reduceMean);
        ops.put("Identity", OnnxMathOps::identity);
        ops.put("Dropout", OnnxMathOps::dropout);
    }

    /** Integer division truncating toward zero, as ONNX Runtime's int64 Div. */
    private static long divide(long a, long b) {
        if (b == 0) {
            throw new IllegalArgumentException("integer division by zero");
        }
        return a / b;
    }

    /** Two inputs broadcast NumPy-style; exact on two integer inputs when {@code ints} is given. */
    private static OnnxKernel binary(OnnxNode node, BinaryOperator<Tensor> floats, LongBinaryOperator ints) {
        node.requireInputs(2, 2);
        node.allowAttributes();
        return (in, ctx) -> {
            if (ints != null && in.get(0) instanceof Ints a && in.get(1) instanceof Ints b) {
                return Ints.combine(node.opType(), a, b, ints);
            }
            return new Floats(floats.apply(in.get(0).tensor(ctx.dtype()), in.get(1).tensor(ctx.dtype())));
        };
    }

    private static OnnxKernel unary(OnnxNode node, UnaryOperator<Tensor> f) {
        node.requireInputs(1, 1);
        node.allowAttributes();
        return (in, ctx) -> new Floats(f.apply(in.get(0).tensor(ctx.dtype())));
    }

    /** A constant scalar exponent (LayerNorm's {@code Pow(d, 2)}) uses the scalar form, which needs no log. */
    private static OnnxKernel pow(OnnxNode node) {
        node.requireInputs(2, 2);
        node.allowAttributes();
        return (in, ctx) -> {
            Tensor base = in.get(0).tensor(ctx.dtype());
            Tensor exponent = in.get(1).tensor(ctx.dtype());
            if (exponent.numel() == 1 && !exponent.requiresGrad() && exponent.rank() <= base.rank()) {
                return new Floats(base.pow(exponent.toDoubleArray()[0]));
            }
            return new Floats(base.pow(exponent));
        };
    }

    private static OnnxKernel leakyRelu(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes("alpha");
        double alpha = node.floatAttr("alpha", 0.01f);
        return (in, ctx) -> new Floats(in.get(0).tensor(ctx.dtype()).leakyRelu(alpha));
    }

    /**
     * Softmax and LogSoftmax. From opset 13 they work along one axis (default -1); before, the input is
     * flattened to 2-D at {@code axis} (default 1) and normalized over everything from {@code axis} on.
     */
    private static OnnxKernel softmax(OnnxNode node, boolean log) {
        node.requireInputs(1, 1);
        node.allowAttributes("axis");
        boolean flatten = node.opset() < 13;
        long axis = node.intAttr("axis", flatten ? 1 : -1);
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            if (!flatten) {
                int ax = node.axis(axis, x.rank());
                return new Floats(log ? x.logSoftmax(ax) : x.softmax(ax));
            }
            int ax = node.axis(axis, x.rank());
            int[] shape = x.shape();
            int outer = 1;
            for (int i = 0; i < ax; i++) {
                outer *= shape[i];
            }
            Tensor flat = x.reshape(outer, x.numel() / Math.max(outer, 1));
            return new Floats((log ? flat.logSoftmax(1) : flat.softmax(1)).reshape(shape));
        };
    }

    /** {@code alpha * A' B' + beta * C} with {@code A' = transA ? A^T : A}, likewise B; C broadcasts. */
    private static OnnxKernel gemm(OnnxNode node) {
        node.requireInputs(2, 3);
        node.allowAttributes("alpha", "beta", "transA", "transB");
        double alpha = node.floatAttr("alpha", 1f);
        double beta = node.floatAttr("beta", 1f);
        boolean transA = node.intAttr("transA", 0, 0, 1) == 1;
        boolean transB = node.intAttr("transB", 0, 0, 1) == 1;
        return (in, ctx) -> {
            Tensor a = in.get(0).tensor(ctx.dtype());
            Tensor b = in.get(1).tensor(ctx.dtype());
            if (a.rank() != 2 || b.rank() != 2) {
                throw node.error("A and B must be matrices, got shapes " + Shapes.str(a.shape())
                        + " and " + Shapes.str(b.shape()));
            }
            Tensor y = (transA ? a.t() : a).matmul(transB ? b.t() : b);
            if (alpha != 1) {
                y = y.mul(alpha);
            }
            if (in.size() > 2 && in.get(2) != null && beta != 0) {
                Tensor c = in.get(2).tensor(ctx.dtype());
                y = y.add(beta == 1 ? c : c.mul(beta));
            }
            return new Floats(y);
        };
    }

    /** Mean over the {@code axes} attribute (all axes when absent; opsets up to 17), keeping them if {@code keepdims}. */
    private static OnnxKernel reduceMean(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes("axes", "keepdims");
        long[] axes = node.intsAttr("axes", new long[0]);
        boolean keep = node.intAttr("keepdims", 1, 0, 1) == 1;
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            int[] ax = new int[axes.length == 0 ? x.rank() : axes.length];
            for (int i = 0; i < ax.length; i++) {
                ax[i] = axes.length == 0 ? i : node.axis(axes[i], x.rank());
            }
            return new Floats(x.mean(ax, keep));
        };
    }

    private static OnnxKernel identity(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes();
        return (in, ctx) -> in.get(0);
    }

    /**
     * Inverted dropout while the Javagrad model trains, the identity otherwise. The ratio is an attribute
     * before opset 12 and an optional input from 12 (default 0.5); the file's {@code training_mode} input is
     * ignored in favour of the model's training flag.
     */
    private static OnnxKernel dropout(OnnxNode node) {
        boolean ratioInput = node.opset() >= 12;
        node.requireInputs(1, ratioInput ? 3 : 1);
        node.allowAttributes("ratio", "seed", "is_test");
        double fixedRatio = ratioInput ? 0.5 : node.floatAttr("ratio", 0.5f);
        return (in, ctx) -> {
            ImportedValue x = in.get(0);
            double ratio = ratioInput && in.size() > 1 && in.get(1) != null
                    ? in.get(1).tensor(ctx.dtype()).item() : fixedRatio;
            if (!(ratio >= 0 && ratio < 1)) {
                throw node.error("ratio must be in [0, 1), got " + ratio);
            }
            if (!ctx.training() || ratio == 0) {
                return x;
            }
            Tensor t = x.tensor(ctx.dtype());
            Tensor keep = Tensor.rand(ctx.rng(), t.dtype(), t.shape()).ge(ratio).mul(1 / (1 - ratio));
            return new Floats(t.mul(keep));
        };
    }
}
