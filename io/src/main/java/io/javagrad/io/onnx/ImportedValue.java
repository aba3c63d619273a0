package io.javagrad.io.onnx;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongBinaryOperator;
import java.util.function.UnaryOperator;

/**
 * A value flowing through an imported ONNX graph: either float data as a (possibly differentiable) core
 * {@link Tensor}, or integer data (shapes, axes, indices, the results of {@code Shape}/{@code Gather}/
 * {@code Concat} subgraphs) as exact Java {@code long}s.
 *
 * <p>Core tensors hold floats only, and an int64 such as {@code Long.MAX_VALUE} (a common {@code Slice} end)
 * does not survive a trip through a double. So {@link Ints} keeps its numbers in a {@code long[]} pool and
 * carries a FLOAT64 tensor of <em>positions</em> into that pool, shaped like the value. Structural ops
 * (reshape, transpose, slice, gather, squeeze, concat) are then the very same tensor ops as on float data,
 * applied to the positions ({@link #map}), and cannot lose precision; element-wise integer arithmetic works on
 * the longs ({@link Ints#combine}). Integer values never carry gradients.
 */
sealed interface ImportedValue permits ImportedValue.Floats, ImportedValue.Ints {

    /** The value's shape. */
    int[] shape();

    /** The value as a float tensor of {@code dtype} (integers converted; float data converted if needed). */
    Tensor tensor(DType dtype);

    /** The values as longs in row-major order; float data must hold whole numbers. */
    long[] longs(String what);

    /** The same structural op applied to the data (floats) or to the positions (integers). */
    ImportedValue map(UnaryOperator<Tensor> op);

    /** Float data. */
    record Floats(Tensor value) implements ImportedValue {
        @Override
        public int[] shape() {
            return value.shape();
        }

        @Override
        public Tensor tensor(DType dtype) {
            return value.to(dtype);
        }

        @Override
        public long[] longs(String what) {
            double[] d = value.toDoubleArray();
            long[] out = new long[d.length];
            for (int i = 0; i < d.length; i++) {
                if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > 0x1p53) {
                    throw new IllegalArgumentException(what + " must hold whole numbers, got " + d[i]);
                }
                out[i] = (long) d[i];
            }
            return out;
        }

        @Override
        public ImportedValue map(UnaryOperator<Tensor> op) {
            return new Floats(op.apply(value));
        }
    }

    /** Integer data: {@code positions} (FLOAT64, the value's shape) index the exact numbers in {@code pool}. */
    record Ints(long[] pool, Tensor positions) implements ImportedValue {
        @Override
        public int[] shape() {
            return positions.shape();
        }

        @Override
        public Tensor tensor(DType dtype) {
            long[] v = longs("");
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return tensorOf(d, shape()).to(dtype);
        }

        @Override
        public long[] longs(String what) {
            double[] at = positions.toDoubleArray();
            long[] out = new long[at.length];
            for (int i = 0; i < at.length; i++) {
                out[i] = pool[(int) at[i]];
            }
            return out;
        }

        @Override
        public ImportedValue map(UnaryOperator<Tensor> op) {
            return new Ints(pool, op.apply(positions));
        }

        /** Element-wise {@code op} of two integer values with NumPy broadcasting. */
        static Ints combine(String opName, Ints a, Ints b, LongBinaryOperator op) {
            int[] shape = Shapes.broadcast(opName, a.shape(), b.shape());
            long[] x = new Ints(a.pool, a.positions.expand(shape)).longs("");
            long[] y = new Ints(b.pool, b.positions.expand(shape)).longs("");
            long[] out = new long[x.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = op.applyAsLong(x[i], y[i]);
            }
            return of(out, shape);
        }
    }

    /** Integer data of {@code shape} holding {@code values} in row-major order. */
    static Ints of(long[] values, int... shape) {
        if (Shapes.numel(shape) != values.length) {
            throw new IllegalArgumentException(values.length + " integers for shape " + Shapes.str(shape));
        }
        double[] at = new double[values.length];
        for (int i = 0; i < at.length; i++) {
            at[i] = i;
        }
        return new Ints(values.clone(), tensorOf(at, shape));
    }

    /** Joins values along {@code axis}: exactly when all are integers, as float tensors of {@code dtype} otherwise. */
    static ImportedValue concat(List<ImportedValue> values, int axis, DType dtype) {
        if (values.stream().allMatch(v -> v instanceof Ints)) {
            int total = 0;
            for (ImportedValue v : values) {
                total += ((Ints) v).pool.length;
            }
            long[] pool = new long[total];
            List<Tensor> positions = new ArrayList<>();
            int offset = 0;
            for (ImportedValue v : values) {
                Ints ints = (Ints) v;
                System.arraycopy(ints.pool, 0, pool, offset, ints.pool.length);
                positions.add(ints.positions.add(offset));
                offset += ints.pool.length;
            }
            return new Ints(pool, Tensor.concat(positions, axis));
        }
        List<Tensor> tensors = new ArrayList<>();
        for (ImportedValue v : values) {
            tensors.add(v.tensor(dtype));
        }
        return new Floats(Tensor.concat(tensors, axis));
    }

    /** A FLOAT64 tensor of {@code shape} (0-d when empty) holding {@code data}. */
    static Tensor tensorOf(double[] data, int[] shape) {
        return shape.length == 0 ? Tensor.scalar(DType.FLOAT64, data[0]) : Tensor.of(data, shape);
    }
}
