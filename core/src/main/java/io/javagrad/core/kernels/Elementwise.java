package io.javagrad.core.kernels;

/**
 * Element-wise loops over one run of a strided operand: {@code n} elements read at {@code x[xo + i * xs]}, written
 * to {@code out[oo + i]}. The op is chosen once per run by a {@code switch} outside the loop, so each hot op gets
 * its own simple loop that the JIT inlines and vectorizes (a lambda shared by every op would make the call site
 * megamorphic). Rarer ops share one per-element loop over {@link Unary#apply} and {@link Binary#apply}. The
 * RELU and RELU_BACKWARD loops, which the JIT leaves scalar, run their bulk as {@link VectorElementwise} bodies
 * when the Vector API is on, with the same results.
 *
 * <p>Values are computed in double and rounded once to the output type; for {@code +, -, *, /} of two floats this
 * is exactly float arithmetic, which is what the float loops use. Each float32 method is followed by its
 * float64 twin.
 */
public final class Elementwise {
    private static final boolean VECTOR = VectorSupport.enabled();

    private Elementwise() {}

    /** One-argument ops. */
    public enum Unary {
        COPY, NEG, SQUARE, RELU, ABS, SIGN, SQRT, EXP, LOG, SIN, COS, TANH, SIGMOID;

        /** The op on one value. */
        public double apply(double x) {
            return switch (this) {
                case COPY -> x;
                case NEG -> -x;
                case SQUARE -> x * x;
                case RELU -> x > 0 ? x : 0;
                case ABS -> Math.abs(x);
                case SIGN -> Math.signum(x);
                case SQRT -> Math.sqrt(x);
                case EXP -> Math.exp(x);
                case LOG -> Math.log(x);
                case SIN -> Math.sin(x);
                case COS -> Math.cos(x);
                case TANH -> Math.tanh(x);
                case SIGMOID -> sigmoid(x);
            };
        }
    }

    /**
     * Two-argument ops; comparisons give 1 or 0; RELU_BACKWARD is {@code x * [y > 0]} (gradient x, input y),
     * TANH_BACKWARD {@code x * (1 - y^2)} (gradient x, tanh output y).
     */
    public enum Binary {
        ADD, SUB, MUL, DIV, POW, MAX, MIN, GT, GE, LT, LE, EQ, NE, RELU_BACKWARD, TANH_BACKWARD;

        /** The op on two values; MAX and MIN propagate a NaN in either argument's first position. */
        public double apply(double x, double y) {
            return switch (this) {
                case ADD -> x + y;
                case SUB -> x - y;
                case MUL -> x * y;
                case DIV -> x / y;
                case POW -> Math.pow(x, y);
                case MAX -> Double.isNaN(x) || x >= y ? x : y;
                case MIN -> Double.isNaN(x) || x <= y ? x : y;
                case GT -> x > y ? 1 : 0;
                case GE -> x >= y ? 1 : 0;
                case LT -> x < y ? 1 : 0;
                case LE -> x <= y ? 1 : 0;
                case EQ -> x == y ? 1 : 0;
                case NE -> x != y ? 1 : 0;
                case RELU_BACKWARD -> x * (y > 0 ? 1 : 0);
                case TANH_BACKWARD -> x * (1 - y * y);
            };
        }
    }

    /** {@code 1 / (1 + e^-x)} without overflow. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /**
     * tanh from one {@code Math.exp} (an intrinsic; {@code Math.tanh} is several times slower on JDK 17), within
     * 1e-14 relative of the exact value: ample for the float32 loops, which use it. The float64 loops keep
     * {@code Math.tanh}.
     */
    static double tanh(double x) {
        double ax = Math.abs(x);
        if (ax < 0x1p-5) { // Taylor series; the first omitted term is below 1e-17 relative
            double x2 = x * x;
            return x * (1 - x2 * (1.0 / 3 - x2 * (2.0 / 15 - x2 * (17.0 / 315 - x2 * 62.0 / 2835))));
        }
        return Math.copySign(1 - 2 / (Math.exp(2 * ax) + 1), x);
    }

    /** {@code out[oo + i] = op(x[xo + i * xs])}. */
    public static void unary(Unary op, float[] x, int xo, int xs, float[] out, int oo, int n) {
        if (xs == 1) {
            switch (op) {
                case COPY -> System.arraycopy(x, xo, out, oo, n);
                case NEG -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = -x[xo + i];
                    }
                }
                case SQUARE -> {
                    for (int i = 0; i < n; i++) {
                        float v = x[xo + i];
                        out[oo + i] = v * v;
                    }
                }
                case RELU -> {
                    for (int i = VECTOR ? VectorElementwise.relu(x, xo, out, oo, n) : 0; i < n; i++) {
                        float v = x[xo + i];
                        out[oo + i] = v > 0 ? v : 0f;
                    }
                }
                case TANH -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = (float) tanh(x[xo + i]);
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = (float) op.apply(x[xo + i]);
                    }
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) op.apply(x[xo + i * xs]);
        }
    }

    /** float64 twin of {@link #unary(Unary, float[], int, int, float[], int, int)}. */
    public static void unary(Unary op, double[] x, int xo, int xs, double[] out, int oo, int n) {
        if (xs == 1) {
            switch (op) {
                case COPY -> System.arraycopy(x, xo, out, oo, n);
                case NEG -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = -x[xo + i];
                    }
                }
                case SQUARE -> {
                    for (int i = 0; i < n; i++) {
                        double v = x[xo + i];
                        out[oo + i] = v * v;
                    }
                }
                case RELU -> {
                    for (int i = VECTOR ? VectorElementwise.relu(x, xo, out, oo, n) : 0; i < n; i++) {
                        double v = x[xo + i];
                        out[oo + i] = v > 0 ? v : 0.0;
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = op.apply(x[xo + i]);
                    }
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            out[oo + i] = op.apply(x[xo + i * xs]);
        }
    }

    /** {@code out[oo + i] = op(x[xo + i * xs], c)}, computed in double. */
    public static void withScalar(Binary op, float[] x, int xo, int xs, double c, float[] out, int oo, int n) {
        if (xs != 1) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = (float) op.apply(x[xo + i * xs], c);
            }
            return;
        }
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) (x[xo + i] + c);
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) (x[xo + i] - c);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) (x[xo + i] * c);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) (x[xo + i] / c);
                }
            }
            case GT, GE, LT, LE, EQ, NE -> {
                if ((float) c == c) { // a float compares with c exactly as in double
                    compare(op, x, xo, (float) c, out, oo, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = (float) op.apply(x[xo + i], c);
                    }
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (float) op.apply(x[xo + i], c);
                }
            }
        }
    }

    /** float64 twin of {@link #withScalar(Binary, float[], int, int, double, float[], int, int)}. */
    public static void withScalar(Binary op, double[] x, int xo, int xs, double c, double[] out, int oo, int n) {
        if (xs != 1) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = op.apply(x[xo + i * xs], c);
            }
            return;
        }
        switch (op) {
            case ADD -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (x[xo + i] + c);
                }
            }
            case SUB -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (x[xo + i] - c);
                }
            }
            case MUL -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (x[xo + i] * c);
                }
            }
            case DIV -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = (x[xo + i] / c);
                }
            }
            case GT, GE, LT, LE, EQ, NE -> compare(op, x, xo, c, out, oo, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = op.apply(x[xo + i], c);
                }
            }
        }
    }

    /** {@code out[oo + i] = x[xo + i] op c ? 1 : 0} for a comparison op: one loop per op. */
    private static void compare(Binary op, float[] x, int xo, float c, float[] out, int oo, int n) {
        switch (op) {
            case GT -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] > c ? 1f : 0f;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] >= c ? 1f : 0f;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] < c ? 1f : 0f;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] <= c ? 1f : 0f;
                }
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] == c ? 1f : 0f;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] != c ? 1f : 0f;
                }
            }
            default -> throw new IllegalStateException("not a comparison: " + op);
        }
    }

    /** float64 twin of {@link #compare(Binary, float[], int, float, float[], int, int)}. */
    private static void compare(Binary op, double[] x, int xo, double c, double[] out, int oo, int n) {
        switch (op) {
            case GT -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] > c ? 1.0 : 0.0;
                }
            }
            case GE -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] >= c ? 1.0 : 0.0;
                }
            }
            case LT -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] < c ? 1.0 : 0.0;
                }
            }
            case LE -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] <= c ? 1.0 : 0.0;
                }
            }
            case EQ -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] == c ? 1.0 : 0.0;
                }
            }
            case NE -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = x[xo + i] != c ? 1.0 : 0.0;
                }
            }
            default -> throw new IllegalStateException("not a comparison: " + op);
        }
    }

    /** {@code out[oo + i] += x[xo + i]} for {@code i < n}, the bulk on the Vector API when it is on. */
    public static void addInto(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = VECTOR ? VectorElementwise.addInto(x, xo, out, oo, n) : 0; i < n; i++) {
            out[oo + i] += x[xo + i];
        }
    }

    /** float64 twin of {@link #addInto(float[], int, float[], int, int)}. */
    public static void addInto(double[] x, int xo, double[] out, int oo, int n) {
        for (int i = VECTOR ? VectorElementwise.addInto(x, xo, out, oo, n) : 0; i < n; i++) {
            out[oo + i] += x[xo + i];
        }
    }

    /**
     * {@code out[oo + i] = op(x[xo + i * xs], y[yo + i * ys])}. Contiguous operands, and a broadcast scalar (stride
     * 0) on the right or, for {@code +} and {@code *}, on the left, take dedicated loops for {@code +, -, *, /};
     * contiguous operands also for RELU_BACKWARD.
     */
    public static void binary(Binary op, float[] x, int xo, int xs, float[] y, int yo, int ys, float[] out, int oo,
                              int n) {
        if (xs == 1 && ys == 1 && op.ordinal() <= Binary.DIV.ordinal()) {
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] + y[yo + i];
                    }
                }
                case SUB -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] - y[yo + i];
                    }
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] * y[yo + i];
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] / y[yo + i];
                    }
                }
            }
        } else if (op == Binary.RELU_BACKWARD && xs == 1 && ys == 1) {
            for (int i = VECTOR ? VectorElementwise.reluBackward(x, xo, y, yo, out, oo, n) : 0; i < n; i++) {
                out[oo + i] = x[xo + i] * (y[yo + i] > 0 ? 1f : 0f);
            }
        } else if (xs == 1 && ys == 0) {
            withScalar(op, x, xo, 1, y[yo], out, oo, n); // a float op a float is exact in double
        } else if (xs == 0 && ys == 1 && (op == Binary.ADD || op == Binary.MUL)) {
            withScalar(op, y, yo, 1, x[xo], out, oo, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = (float) op.apply(x[xo + i * xs], y[yo + i * ys]);
            }
        }
    }

    /** float64 twin of {@link #binary(Binary, float[], int, int, float[], int, int, float[], int, int)}. */
    public static void binary(Binary op, double[] x, int xo, int xs, double[] y, int yo, int ys, double[] out, int oo,
                              int n) {
        if (xs == 1 && ys == 1 && op.ordinal() <= Binary.DIV.ordinal()) {
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] + y[yo + i];
                    }
                }
                case SUB -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] - y[yo + i];
                    }
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] * y[yo + i];
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[oo + i] = x[xo + i] / y[yo + i];
                    }
                }
            }
        } else if (op == Binary.RELU_BACKWARD && xs == 1 && ys == 1) {
            for (int i = VECTOR ? VectorElementwise.reluBackward(x, xo, y, yo, out, oo, n) : 0; i < n; i++) {
                out[oo + i] = x[xo + i] * (y[yo + i] > 0 ? 1.0 : 0.0);
            }
        } else if (xs == 1 && ys == 0) {
            withScalar(op, x, xo, 1, y[yo], out, oo, n);
        } else if (xs == 0 && ys == 1 && (op == Binary.ADD || op == Binary.MUL)) {
            withScalar(op, y, yo, 1, x[xo], out, oo, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = op.apply(x[xo + i * xs], y[yo + i * ys]);
            }
        }
    }
}
