package io.javagrad.core.kernels;

/**
 * Softmax, log-softmax and softmax cross-entropy over the rows of a contiguous {@code [rows, cols]} block, each
 * row in a few passes: the row maximum {@code m}, then {@code s = sum e^(x - m)} in double, then the output, e.g.
 * {@code logSoftmax = (x - m) - log(s)}. An output that needs each {@code e^(x - m)} again keeps them from the
 * second pass in a row-long temporary, as {@code Math.exp} takes most of the time of these short loops. A row whose
 * maximum is infinite gives NaN, as the formula does. Each float32 method is followed by its float64 twin.
 */
public final class Softmax {
    private Softmax() {}

    private static double max(float[] x, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            float v = x[from + j];
            m = v > m || v != v ? v : m;
        }
        return m;
    }

    private static double max(double[] x, int from, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            double v = x[from + j];
            m = v > m || v != v ? v : m;
        }
        return m;
    }

    /** {@code y = e^(x - m) / s} row by row. */
    public static void softmax(float[] x, int xOff, int rows, int cols, float[] y) {
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            int out = r * cols;
            double m = max(x, in, cols);
            double s = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(x[in + j] - m);
                y[out + j] = (float) e;
                s += e;
            }
            double inv = 1 / s;
            for (int j = 0; j < cols; j++) {
                y[out + j] = (float) (y[out + j] * inv);
            }
        }
    }

    /** float64 twin of {@link #softmax(float[], int, int, int, float[])}. */
    public static void softmax(double[] x, int xOff, int rows, int cols, double[] y) {
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            int out = r * cols;
            double m = max(x, in, cols);
            double s = 0;
            for (int j = 0; j < cols; j++) {
                double e = Math.exp(x[in + j] - m);
                y[out + j] = e;
                s += e;
            }
            for (int j = 0; j < cols; j++) {
                y[out + j] /= s;
            }
        }
    }

    /** {@code y = x - m - log(s)} row by row. */
    public static void logSoftmax(float[] x, int xOff, int rows, int cols, float[] y) {
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            double m = max(x, in, cols);
            double logS = Math.log(sumExp(x, in, cols, m));
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = (float) ((x[in + j] - m) - logS);
            }
        }
    }

    /** float64 twin of {@link #logSoftmax(float[], int, int, int, float[])}. */
    public static void logSoftmax(double[] x, int xOff, int rows, int cols, double[] y) {
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            double m = max(x, in, cols);
            double logS = Math.log(sumExp(x, in, cols, m));
            for (int j = 0; j < cols; j++) {
                y[r * cols + j] = ((x[in + j] - m) - logS);
            }
        }
    }

    /**
     * {@code sum over rows and columns of -t * logSoftmax(x)}, the summed cross-entropy of the softmax of
     * each row of {@code x} against the target distribution in the same row of {@code t}.
     */
    public static double crossEntropy(float[] x, int xOff, float[] t, int tOff, int rows, int cols) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            int target = tOff + r * cols;
            double m = max(x, in, cols);
            double logS = Math.log(sumExp(x, in, cols, m));
            for (int j = 0; j < cols; j++) {
                loss += t[target + j] * (logS - (x[in + j] - m));
            }
        }
        return loss;
    }

    /** float64 twin of {@link #crossEntropy(float[], int, float[], int, int, int)}. */
    public static double crossEntropy(double[] x, int xOff, double[] t, int tOff, int rows, int cols) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            int target = tOff + r * cols;
            double m = max(x, in, cols);
            double logS = Math.log(sumExp(x, in, cols, m));
            for (int j = 0; j < cols; j++) {
                loss += t[target + j] * (logS - (x[in + j] - m));
            }
        }
        return loss;
    }

    /**
     * {@code out = (softmax(x) * sum(t) - t) * scale} row by row (the sum of t over the row): the logit gradient
     * of {@link #crossEntropy} times {@code scale}, rounded once.
     */
    public static void crossEntropyGradient(float[] x, int xOff, float[] t, int tOff, int rows, int cols, double scale,
                                            float[] out) {
        double[] rowExps = new double[cols];
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            int target = tOff + r * cols;
            double m = max(x, in, cols);
            double total = 0;
            for (int j = 0; j < cols; j++) {
                total += t[target + j];
            }
            double k = total / exps(x, in, cols, m, rowExps);
            for (int j = 0; j < cols; j++) {
                out[r * cols + j] = (float) ((rowExps[j] * k - t[target + j]) * scale);
            }
        }
    }

    /** float64 twin of {@link #crossEntropyGradient(float[], int, float[], int, int, int, double, float[])}. */
    public static void crossEntropyGradient(double[] x, int xOff, double[] t, int tOff, int rows, int cols,
                                            double scale, double[] out) {
        double[] rowExps = new double[cols];
        for (int r = 0; r < rows; r++) {
            int in = xOff + r * cols;
            int target = tOff + r * cols;
            double m = max(x, in, cols);
            double total = 0;
            for (int j = 0; j < cols; j++) {
                total += t[target + j];
            }
            double k = total / exps(x, in, cols, m, rowExps);
            for (int j = 0; j < cols; j++) {
                out[r * cols + j] = (rowExps[j] * k - t[target + j]) * scale;
            }
        }
    }

    private static double sumExp(float[] x, int from, int n, double m) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(x[from + j] - m);
        }
        return s;
    }

    private static double sumExp(double[] x, int from, int n, double m) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += Math.exp(x[from + j] - m);
        }
        return s;
    }

    /** {@link #sumExp}, keeping each {@code e^(x - m)} in {@code e} (so that a second pass need not recompute it). */
    private static double exps(float[] x, int from, int n, double m, double[] e) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            e[j] = Math.exp(x[from + j] - m);
            s += e[j];
        }
        return s;
    }

    private static double exps(double[] x, int from, int n, double m, double[] e) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            e[j] = Math.exp(x[from + j] - m);
            s += e[j];
        }
        return s;
    }
}
