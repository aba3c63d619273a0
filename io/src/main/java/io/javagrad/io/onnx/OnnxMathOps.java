package io.javagrad.io.onnx;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.ImportedValue.Floats;
import io.javagrad.io.onnx.ImportedValue.Ints;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Element-wise arithmetic, comparisons, activations, matrix products, softmax and mean: ONNX ops that map one to
 * one onto differentiable core tensor ops. Arithmetic on two integer values stays exact (shape computations);
 * comparisons and logical ops give BOOL values as integers 0 and 1.
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
        ops.put("Elu", OnnxMathOps::elu);
        ops.put("Softplus", n -> unary(n, Tensor::softplus));
        ops.put("Min", n -> extremum(n, Tensor::minimum, Math::min));
        ops.put("Max", n -> extremum(n, Tensor::maximum, Math::max));
        ops.put("Equal", n -> compare(n, Tensor::eq, (a, b) -> a == b));
        ops.put("Greater", n -> compare(n, Tensor::gt, (a, b) -> a > b));
        ops.put("GreaterOrEqual", n -> compare(n, Tensor::ge, (a, b) -> a >= b));
        ops.put("Less", n -> compare(n, Tensor::lt, (a, b) -> a < b));
        ops.put("LessOrEqual", n -> compare(n, Tensor::le, (a, b) -> a <= b));
        ops.put("And", n -> logical(n, (a, b) -> a != 0 && b != 0));
        ops.put("Or", n -> logical(n, (a, b) -> a != 0 || b != 0));
        ops.put("Not", OnnxMathOps::not);
        ops.put("Where", OnnxMathOps::where);
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

    private static OnnxKernel elu(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes("alpha");
        double alpha = node.floatAttr("alpha", 1f);
        return (in, ctx) -> new Floats(in.get(0).tensor(ctx.dtype()).elu(alpha));
    }

    /** Min and Max of one or more inputs, broadcast; exact on integers. */
    private static OnnxKernel extremum(OnnxNode node, BinaryOperator<Tensor> floats, LongBinaryOperator ints) {
        node.requireInputs(1, Integer.MAX_VALUE);
        node.allowAttributes();
        return (in, ctx) -> {
            ImportedValue out = in.get(0);
            for (ImportedValue next : in.subList(1, in.size())) {
                out = out instanceof Ints a && next instanceof Ints b ? Ints.combine(node.opType(), a, b, ints)
                        : new Floats(floats.apply(out.tensor(ctx.dtype()), next.tensor(ctx.dtype())));
            }
            return out;
        };
    }

    /** A comparison: a BOOL result (integers 0 and 1), exact on two integer inputs. */
    private static OnnxKernel compare(OnnxNode node, BinaryOperator<Tensor> floats, LongComparison ints) {
        node.requireInputs(2, 2);
        node.allowAttributes();
        return (in, ctx) -> {
            if (in.get(0) instanceof Ints a && in.get(1) instanceof Ints b) {
                return Ints.combine(node.opType(), a, b, (x, y) -> ints.test(x, y) ? 1 : 0);
            }
            Tensor mask = floats.apply(in.get(0).tensor(ctx.dtype()), in.get(1).tensor(ctx.dtype()));
            return ImportedValue.of(new Floats(mask).longs(node.opType()), mask.shape());
        };
    }

    /** And and Or of BOOL values (any non-zero number is true). */
    private static OnnxKernel logical(OnnxNode node, LongComparison op) {
        node.requireInputs(2, 2);
        node.allowAttributes();
        return (in, ctx) -> Ints.combine(node.opType(), bools(node, in.get(0)), bools(node, in.get(1)),
                (x, y) -> op.test(x, y) ? 1 : 0);
    }

    private static OnnxKernel not(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes();
        return (in, ctx) -> Ints.combine("Not", bools(node, in.get(0)), ImportedValue.of(new long[] {0}),
                (x, unused) -> x == 0 ? 1 : 0);
    }

    private static Ints bools(OnnxNode node, ImportedValue v) {
        return v instanceof Ints ints ? ints : ImportedValue.of(v.longs(node.describe() + ": a BOOL input"), v.shape());
    }

    /**
     * {@code cond ? X : Y}, broadcast. Differentiable in float X and Y; on two integer inputs the result picks
     * positions in their joined pools, so it stays exact.
     */
    private static OnnxKernel where(OnnxNode node) {
        node.requireInputs(3, 3);
        node.allowAttributes();
        return (in, ctx) -> {
            if (in.get(1) instanceof Ints x && in.get(2) instanceof Ints y) {
                long[] pool = Arrays.copyOf(x.pool(), x.pool().length + y.pool().length);
                System.arraycopy(y.pool(), 0, pool, x.pool().length, y.pool().length);
                Tensor cond = in.get(0).tensor(DType.FLOAT64);
                return new Ints(pool, Tensor.where(cond, x.positions(), y.positions().add(x.pool().length)));
            }
            return new Floats(Tensor.where(in.get(0).tensor(ctx.dtype()), in.get(1).tensor(ctx.dtype()),
                    in.get(2).tensor(ctx.dtype())));
        };
    }

    /** A test of two longs. */
    @FunctionalInterface
    private interface LongComparison {
        boolean test(long a, long b);
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
