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

    /**
     * One-line text of the values only, nested brackets per axis, each number rounded to 4 significant digits:
     * {@code [[0.5, -1.25], [3, 0.3333]]}; a 0-d tensor is just its number. For graphs and traces of small tensors.
     */
    static String compact(Tensor t) {
        StringBuilder sb = new StringBuilder();
        appendCompact(sb, t.detach(), 0, new int[t.rank()]);
        return sb.toString();
    }

    private static void appendCompact(StringBuilder sb, Tensor t, int depth, int[] index) {
        if (depth == t.rank()) {
            sb.append(shortNumber(t.get(index)));
            return;
        }
        sb.append('[');
        for (int i = 0; i < t.shape[depth]; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            index[depth] = i;
            appendCompact(sb, t, depth + 1, index);
        }
        sb.append(']');
    }

    /** {@code v} with 4 significant digits and no trailing zeros; scientific notation for very small or large values. */
    static String shortNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double magnitude = Math.abs(v);
        if (v != 0 && (magnitude < 1e-4 || magnitude >= 1e6)) {
            return String.format(java.util.Locale.ROOT, "%.3e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String number(double v, DType dtype) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (long) v + ".";
        }
        return dtype == DType.FLOAT32 ? Float.toString((float) v) : Double.toString(v);
    }
}
