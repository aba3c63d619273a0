package io.javagrad.core;

/** NumPy-like text of a tensor: all values up to 1,000 elements, the first and last three per axis beyond. */
final class TensorFormat {
    private TensorFormat() {}

    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("tensor(");
        Tensor data = t.detach();
        boolean summarize = t.numel() > SUMMARY_THRESHOLD;
        appendLevel(sb, data, 0, new int[t.rank()], summarize, "tensor(".length());
        sb.append(", shape=").append(Shapes.str(t.shape)).append(", dtype=").append(t.dtype());
        if (t.gradFn() != null) {
            sb.append(", gradFn=").append(t.gradFn());
        } else if (t.requiresGrad()) {
            sb.append(", requiresGrad=true");
        }
        return sb.append(')').toString();
    }

    private static void appendLevel(StringBuilder sb, Tensor t, int depth, int[] index, boolean summarize, int indent) {
        if (depth == t.rank()) {
            sb.append(number(t.get(index), t.dtype()));
            return;
        }
        int size = t.shape[depth];
        sb.append('[');
        for (int i = 0; i < size; i++) {
            if (summarize && size > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                sb.append("...");
                i = size - EDGE_ITEMS - 1;
                sb.append(depth == t.rank() - 1 ? ", " : ",\n" + " ".repeat(indent + depth + 1));
                continue;
            }
            index[depth] = i;
            appendLevel(sb, t, depth + 1, index, summarize, indent);
            if (i < size - 1) {
                sb.append(depth == t.rank() - 1 ? ", " : ",\n" + " ".repeat(indent + depth + 1));
            }
        }
        sb.append(']');
    }

    private static String number(double v, DType dtype) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (long) v + ".";
        }
        return dtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v);
    }
}
