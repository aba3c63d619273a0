package io.javagrad.io.onnx;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.ImportedValue.Floats;
import io.javagrad.io.onnx.ImportedValue.Ints;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.io.onnx.proto.TensorProto.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Shape and index ops. Each is written once as a structural tensor op through {@link ImportedValue#map}, so it
 * moves float data and exact integer data (shape subgraphs: Shape, Gather, Unsqueeze, Concat, Reshape) alike.
 * Shapes, axes and indices given as inputs must be integer values known when the node runs.
 */
final class OnnxShapeOps {
    private static final Set<DataType> INTEGER_TYPES = EnumSet.of(DataType.INT64, DataType.INT32, DataType.INT16,
            DataType.INT8, DataType.UINT64, DataType.UINT32, DataType.UINT16, DataType.UINT8, DataType.BOOL);

    private OnnxShapeOps() {}

    static void register(Map<String, Function<OnnxNode, OnnxKernel>> ops) {
        ops.put("Constant", OnnxShapeOps::constant);
        ops.put("Shape", OnnxShapeOps::shape);
        ops.put("Cast", OnnxShapeOps::cast);
        ops.put("Reshape", OnnxShapeOps::reshape);
        ops.put("Flatten", OnnxShapeOps::flatten);
        ops.put("Transpose", OnnxShapeOps::transpose);
        ops.put("Squeeze", OnnxShapeOps::squeeze);
        ops.put("Unsqueeze", OnnxShapeOps::unsqueeze);
        ops.put("Concat", OnnxShapeOps::concat);
        ops.put("Slice", OnnxShapeOps::slice);
        ops.put("Gather", OnnxShapeOps::gather);
        ops.put("Pad", OnnxShapeOps::pad);
    }

    /** A value stored in the file: float tensors as FLOAT32/FLOAT64 data, integer and BOOL tensors exactly. */
    static ImportedValue stored(TensorProto t) {
        DataType type = DataType.forNumber(t.getDataType());
        if (type == DataType.FLOAT || type == DataType.DOUBLE) {
            return new Floats(OnnxTensors.toTensor(t));
        }
        return ImportedValue.of(OnnxTensors.toLongs(t), OnnxTensors.checkedShape(t));
    }

    private static OnnxKernel constant(OnnxNode node) {
        node.requireInputs(0, 0);
        node.allowAttributes("value", "value_float", "value_floats", "value_int", "value_ints");
        ImportedValue value;
        if (node.has("value")) {
            value = stored(node.tensorAttr("value"));
        } else if (node.has("value_float")) {
            value = new Floats(ImportedValue.tensorOf(new double[] {node.floatAttr("value_float", 0)}, new int[0]));
        } else if (node.has("value_floats")) {
            float[] f = node.floatsAttr("value_floats", null);
            value = new Floats(Tensor.of(f, f.length));
        } else if (node.has("value_int")) {
            value = ImportedValue.of(new long[] {node.intAttr("value_int", 0)});
        } else if (node.has("value_ints")) {
            long[] v = node.intsAttr("value_ints", null);
            value = ImportedValue.of(v, v.length);
        } else {
            throw node.error("a Constant needs one of the attributes value, value_float(s), value_int(s)");
        }
        ImportedValue fixed = value;
        return (in, ctx) -> fixed;
    }

    /** The input's shape as integers; from opset 15 only the axes {@code start} to {@code end}. */
    private static OnnxKernel shape(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes("start", "end");
        long start = node.intAttr("start", 0);
        Long end = node.has("end") ? node.intAttr("end", 0) : null;
        return (in, ctx) -> {
            int[] s = in.get(0).shape();
            int from = clamp(start, s.length);
            int to = end == null ? s.length : clamp(end, s.length);
            long[] dims = new long[Math.max(0, to - from)];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = s[from + i];
            }
            return ImportedValue.of(dims, dims.length);
        };
    }

    /**
     * To FLOAT or DOUBLE: float data in the model's dtype. To an integer type or BOOL: exact integers, wrapped
     * to the target's width; floats are truncated toward zero.
     */
    private static OnnxKernel cast(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes("to", "saturate");
        long to = node.intAttr("to", 0);
        DataType type = DataType.forNumber((int) to);
        if (type == DataType.FLOAT || type == DataType.DOUBLE) {
            return (in, ctx) -> in.get(0) instanceof Floats ? in.get(0) : new Floats(in.get(0).tensor(ctx.dtype()));
        }
        if (!INTEGER_TYPES.contains(type)) {
            throw node.error("casting to data type " + (type == null ? to : type) + " is not supported");
        }
        return (in, ctx) -> {
            ImportedValue x = in.get(0);
            long[] v;
            if (x instanceof Ints ints) {
                v = ints.longs("");
            } else {
                double[] d = x.tensor(ctx.dtype()).toDoubleArray();
                v = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    v[i] = type == DataType.BOOL ? (d[i] != 0 ? 1 : 0) : (long) d[i];
                }
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = switch (type) {
                    case INT32 -> (int) v[i];
                    case INT16 -> (short) v[i];
                    case INT8 -> (byte) v[i];
                    case UINT32 -> v[i] & 0xFFFFFFFFL;
                    case UINT16 -> v[i] & 0xFFFF;
                    case UINT8 -> v[i] & 0xFF;
                    case BOOL -> v[i] != 0 ? 1 : 0;
                    default -> v[i];
                };
            }
            return ImportedValue.of(v, x.shape());
        };
    }

    /** Target shape from the integer input: 0 copies the input's size (unless {@code allowzero}), -1 is inferred. */
    private static OnnxKernel reshape(OnnxNode node) {
        node.requireInputs(2, 2);
        node.allowAttributes("allowzero");
        boolean allowZero = node.intAttr("allowzero", 0, 0, 1) == 1;
        return (in, ctx) -> {
            int[] from = in.get(0).shape();
            int[] to = node.toInts("shape", integers(node, in.get(1), "shape"));
            int inferred = -1;
            long known = 1;
            for (int i = 0; i < to.length; i++) {
                if (to[i] == 0 && !allowZero) {
                    if (i >= from.length) {
                        throw node.error("shape " + Arrays.toString(to) + " copies axis " + i + " that "
                                + Shapes.str(from) + " does not have");
                    }
                    to[i] = from[i];
                }
                if (to[i] == -1 && inferred < 0) {
                    inferred = i;
                } else if (to[i] < 0) {
                    throw node.error("invalid target shape " + Arrays.toString(to));
                } else {
                    known *= to[i];
                }
            }
            int count = Shapes.numel(from);
            if (inferred >= 0) {
                if (known == 0 || count % known != 0) {
                    throw node.error("cannot reshape " + Shapes.str(from) + " to " + Arrays.toString(to));
                }
                to[inferred] = (int) (count / known);
            } else if (known != count) {
                throw node.error("cannot reshape " + Shapes.str(from) + " (" + count + " values) to " + Arrays.toString(to));
            }
            return in.get(0).map(t -> t.reshape(to));
        };
    }

    /** To 2-D: the axes before {@code axis} (default 1) make the rows, the rest the columns. */
    private static OnnxKernel flatten(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes("axis");
        long axis = node.intAttr("axis", 1);
        return (in, ctx) -> {
            int[] s = in.get(0).shape();
            int ax = axis == s.length ? s.length : node.axis(axis, s.length);
            int rows = 1;
            for (int i = 0; i < ax; i++) {
                rows *= s[i];
            }
            int cols = Shapes.numel(s) / Math.max(rows, 1);
            int r = rows;
            return in.get(0).map(t -> t.reshape(r, cols));
        };
    }

    /** Permutes the axes by {@code perm} (default: reversed). */
    private static OnnxKernel transpose(OnnxNode node) {
        node.requireInputs(1, 1);
        node.allowAttributes("perm");
        int[] perm = node.smallIntsAttr("perm");
        return (in, ctx) -> {
            int rank = in.get(0).shape().length;
            int[] order = perm;
            if (order == null) {
                order = new int[rank];
                Arrays.setAll(order, i -> rank - 1 - i);
            }
            if (order.length != rank) {
                throw node.error("perm " + Arrays.toString(order) + " does not fit rank " + rank);
            }
            int[] p = order;
            return in.get(0).map(t -> t.permute(p));
        };
    }

    /** Removes the size-1 {@code axes} (an attribute before opset 13, an input from 13); all size-1 axes when absent. */
    private static OnnxKernel squeeze(OnnxNode node) {
        boolean axesInput = node.opset() >= 13;
        node.requireInputs(1, axesInput ? 2 : 1);
        node.allowAttributes(axesInput ? new String[0] : new String[] {"axes"});
        long[] attr = axesInput ? null : node.intsAttr("axes", null);
        return (in, ctx) -> {
            int[] s = in.get(0).shape();
            long[] axes = axesInput ? (in.size() > 1 && in.get(1) != null ? integers(node, in.get(1), "axes") : null) : attr;
            boolean[] drop = new boolean[s.length];
            for (int i = 0; i < s.length; i++) {
                drop[i] = axes == null && s[i] == 1;
            }
            if (axes != null) {
                for (long a : axes) {
                    int ax = node.axis(a, s.length);
                    if (s[ax] != 1) {
                        throw node.error("cannot squeeze axis " + a + " of size " + s[ax] + " in " + Shapes.str(s));
                    }
                    drop[ax] = true;
                }
            }
            ImportedValue out = in.get(0);
            for (int i = s.length - 1; i >= 0; i--) {
                int ax = i;
                out = drop[i] ? out.map(t -> t.squeeze(ax)) : out;
            }
            return out;
        };
    }

    /** Inserts size-1 {@code axes}, numbered in the output (an attribute before opset 13, an input from 13). */
    private static OnnxKernel unsqueeze(OnnxNode node) {
        boolean axesInput = node.opset() >= 13;
        node.requireInputs(axesInput ? 2 : 1, axesInput ? 2 : 1);
        node.allowAttributes(axesInput ? new String[0] : new String[] {"axes"});
        long[] attr = axesInput ? null : node.intsAttr("axes", null);
        if (!axesInput && attr == null) {
            throw node.error("missing attribute 'axes'");
        }
        return (in, ctx) -> {
            long[] axes = axesInput ? integers(node, in.get(1), "axes") : attr;
            int rank = in.get(0).shape().length + axes.length;
            boolean[] insert = new boolean[rank];
            for (long a : axes) {
                int ax = node.axis(a, rank);
                if (insert[ax]) {
                    throw node.error("axis " + a + " is given twice in " + Arrays.toString(axes));
                }
                insert[ax] = true;
            }
            ImportedValue out = in.get(0);
            for (int i = 0; i < rank; i++) {
                int ax = i;
                out = insert[i] ? out.map(t -> t.unsqueeze(ax)) : out;
            }
            return out;
        };
    }

    private static OnnxKernel concat(OnnxNode node) {
        node.requireInputs(1, Integer.MAX_VALUE);
        node.allowAttributes("axis");
        if (!node.has("axis")) {
            throw node.error("missing attribute 'axis'");
        }
        long axis = node.intAttr("axis", 0);
        return (in, ctx) -> {
            List<ImportedValue> parts = new ArrayList<>();
            for (ImportedValue v : in) {
                if (v == null) {
                    throw node.error("inputs cannot be omitted");
                }
                parts.add(v);
            }
            return ImportedValue.concat(parts, node.axis(axis, in.get(0).shape().length), ctx.dtype());
        };
    }

    /**
     * {@code starts}, {@code ends}, {@code axes} (default all) are attributes before opset 10 and inputs from 10,
     * where {@code steps} (default 1, negative walks backwards) joins them. Out-of-range bounds are clamped.
     */
    private static OnnxKernel slice(OnnxNode node) {
        boolean inputs = node.opset() >= 10;
        node.requireInputs(inputs ? 3 : 1, inputs ? 5 : 1);
        node.allowAttributes(inputs ? new String[0] : new String[] {"starts", "ends", "axes"});
        long[] startsAttr = inputs ? null : node.intsAttr("starts", null);
        long[] endsAttr = inputs ? null : node.intsAttr("ends", null);
        long[] axesAttr = inputs ? null : node.intsAttr("axes", null);
        if (!inputs && (startsAttr == null || endsAttr == null)) {
            throw node.error("missing attribute 'starts' or 'ends'");
        }
        return (in, ctx) -> {
            long[] starts = inputs ? integers(node, in.get(1), "starts") : startsAttr;
            long[] ends = inputs ? integers(node, in.get(2), "ends") : endsAttr;
            long[] axes = inputs ? (in.size() > 3 && in.get(3) != null ? integers(node, in.get(3), "axes") : null) : axesAttr;
            long[] steps = inputs && in.size() > 4 && in.get(4) != null ? integers(node, in.get(4), "steps") : null;
            int n = starts.length;
            if (ends.length != n || (axes != null && axes.length != n) || (steps != null && steps.length != n)) {
                throw node.error("starts, ends, axes and steps must have the same length");
            }
            ImportedValue out = in.get(0);
            for (int i = 0; i < n; i++) {
                int[] s = out.shape();
                int ax = node.axis(axes == null ? i : axes[i], s.length);
                long step = steps == null ? 1 : steps[i];
                out = sliceAxis(node, out, ax, s[ax], starts[i], ends[i], step);
            }
            return out;
        };
    }

    private static ImportedValue sliceAxis(OnnxNode node, ImportedValue x, int ax, int dim, long start, long end, long step) {
        if (step == 0) {
            throw node.error("steps cannot be 0");
        }
        long from = start < 0 ? start + dim : start;
        long to = end < 0 ? end + dim : end;
        if (step > 0) {
            int a = (int) Math.max(0, Math.min(dim, from));
            int b = (int) Math.max(a, Math.min(dim, to));
            int st = (int) Math.min(step, Integer.MAX_VALUE);
            return x.map(t -> t.slice(ax, a, b, st));
        }
        long a = Math.max(-1, Math.min(dim - 1, from)); // backwards: from a down to (not including) b
        long b = Math.max(-1, Math.min(dim - 1, to));
        int count = a <= b ? 0 : (int) ((a - b - 1) / -step + 1);
        double[] picked = new double[count];
        for (int i = 0; i < count; i++) {
            picked[i] = a + i * step;
        }
        Tensor index = Tensor.of(picked, count);
        return x.map(t -> t.indexSelect(ax, index));
    }

    /** {@code numpy.take}: the slices at the integer {@code indices} (negative ones count from the end) along {@code axis}. */
    private static OnnxKernel gather(OnnxNode node) {
        node.requireInputs(2, 2);
        node.allowAttributes("axis");
        long axis = node.intAttr("axis", 0);
        return (in, ctx) -> {
            ImportedValue data = in.get(0);
            int ax = node.axis(axis, data.shape().length);
            int dim = data.shape()[ax];
            long[] indices = integers(node, in.get(1), "indices");
            double[] at = new double[indices.length];
            for (int i = 0; i < at.length; i++) {
                long k = indices[i] < 0 ? indices[i] + dim : indices[i];
                if (k < 0 || k >= dim) {
                    throw node.error("index " + indices[i] + " is out of range for axis " + ax + " of size " + dim);
                }
                at[i] = k;
            }
            Tensor index = ImportedValue.tensorOf(at, in.get(1).shape());
            return data.map(t -> t.indexSelect(ax, index));
        };
    }

    /** Constant padding; {@code pads} = [begin per axis..., end per axis...] (attribute before opset 11, input from 11). */
    private static OnnxKernel pad(OnnxNode node) {
        boolean inputs = node.opset() >= 11;
        node.requireInputs(inputs ? 2 : 1, inputs ? 3 : 1);
        node.allowAttributes(inputs ? new String[] {"mode"} : new String[] {"mode", "pads", "value"});
        String mode = node.stringAttr("mode", "constant");
        if (!mode.equals("constant")) {
            throw node.error("mode '" + mode + "' is not supported, only 'constant'");
        }
        long[] padsAttr = inputs ? null : node.intsAttr("pads", null);
        double valueAttr = inputs ? 0 : node.floatAttr("value", 0f);
        if (!inputs && padsAttr == null) {
            throw node.error("missing attribute 'pads'");
        }
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            int[] pads = node.toInts("pads", inputs ? integers(node, in.get(1), "pads") : padsAttr);
            double value = inputs && in.size() > 2 && in.get(2) != null ? in.get(2).tensor(ctx.dtype()).item() : valueAttr;
            int rank = x.rank();
            if (pads.length != 2 * rank) {
                throw node.error("pads " + Arrays.toString(pads) + " must hold 2 values per axis of " + Shapes.str(x.shape()));
            }
            int[] pairs = new int[2 * rank];
            long size = 1;
            for (int i = 0; i < rank; i++) {
                pairs[2 * i] = pads[i];
                pairs[2 * i + 1] = pads[i + rank];
                size *= Math.max(0L, (long) x.shape(i) + pads[i] + pads[i + rank]);
                if (size > OnnxTensors.MAX_ELEMENTS) {
                    throw node.error("pads " + Arrays.toString(pads) + " would make " + Shapes.str(x.shape())
                            + " larger than " + OnnxTensors.MAX_ELEMENTS + " elements");
                }
            }
            return new Floats(x.pad(pairs, value));
        };
    }

    /** The values of an input that must be integers (a shape, axes, indices). */
    private static long[] integers(OnnxNode node, ImportedValue value, String what) {
        return value.longs(node.describe() + ": " + what);
    }

    private static int clamp(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return (int) Math.max(0, Math.min(rank, a));
    }
}
