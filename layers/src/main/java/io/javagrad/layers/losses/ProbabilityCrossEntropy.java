package io.javagrad.layers.losses;

import io.javagrad.core.DType;
import io.javagrad.core.Function;
import io.javagrad.core.FunctionContext;
import io.javagrad.core.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy of targets {@code y} against probabilities {@code p} along the last axis, Keras's way, as one
 * graph node: {@code -sum_c y_c log(clip(p_c / sum(p), 1e-7, 1 - 1e-7))} per position. It gives the values of
 * the op chain {@code p.div(p.sum(-1, true)).clamp(lo, hi).log().mul(y).sum(-1, false).neg()} (float32 rounded at
 * the same steps) in a single loop, and its backward is that chain's derivative in tensor ops, so it is
 * differentiable again.
 */
final class ProbabilityCrossEntropy extends Function {
    private static final ProbabilityCrossEntropy INSTANCE = new ProbabilityCrossEntropy();
    private static final double LOW = BinaryCrossentropy.EPSILON;
    private static final double HIGH = 1 - BinaryCrossentropy.EPSILON;
    /** Context key: whether the forward clipped some probability (the backward then masks the gradient). */
    private static final String CLIPPED = "clipped";

    private ProbabilityCrossEntropy() {}

    /** The loss of every position: {@code p}'s shape without the class axis; {@code y} has {@code p}'s shape. */
    static Tensor perPosition(Tensor y, Tensor p) {
        int[] positions = Arrays.copyOf(p.shape(), p.rank() - 1);
        int classes = p.shape(-1);
        int rows = p.numel() / Math.max(1, classes);
        return INSTANCE.apply(y.reshape(rows, classes), p.reshape(rows, classes)).reshape(positions);
    }

    @Override
    protected String name() {
        return "probabilityCrossEntropy";
    }

    @Override
    protected Tensor forward(FunctionContext ctx, Tensor... in) {
        Tensor y = in[0];
        Tensor p = in[1];
        ctx.saveForBackward(y, p);
        int rows = p.shape(0);
        int classes = p.shape(1);
        double[] pv = p.toDoubleArray();
        double[] yv = y.toDoubleArray();
        boolean f32 = p.dtype() == DType.FLOAT32;
        double[] loss = new double[rows];
        boolean anyClipped = false;
        for (int r = 0, at = 0; r < rows; r++, at += classes) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += pv[at + c];
            }
            sum = round(sum, f32);
            double total = 0;
            for (int c = 0; c < classes; c++) {
                double q = round(pv[at + c] / sum, f32);
                anyClipped |= !(q >= LOW && q <= HIGH);
                double clipped = round(q < LOW ? LOW : q > HIGH ? HIGH : q, f32);
                total += round(yv[at + c] * round(Math.log(clipped), f32), f32);
            }
            loss[r] = -round(total, f32);
        }
        ctx.put(CLIPPED, anyClipped);
        return Tensor.of(loss).to(p.dtype());
    }

    private static double round(double x, boolean toFloat) {
        return toFloat ? (float) x : x;
    }

    // with q = p / S, S = sum(p), m = 1 where clamp passes q (lo <= q <= hi), q' = clamp(q):
    // dL/dp_j = (sum_c y_c m_c - y_j m_j / q'_j) / S,   dL/dy_c = -log(q'_c);
    // when no q was clipped (m = 1, q' = q, so p > 0): dL/dp_j = sum_c y_c / S - y_j / p_j,   dL/dy_c = -log(q_c)
    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor g) {
        Tensor y = ctx.saved(0);
        Tensor p = ctx.saved(1);
        Tensor gRow = g.reshape(-1, 1);
        Tensor s = p.sum(-1, true);
        Tensor dp;
        Tensor dy = null;
        if (ctx.<Boolean>get(CLIPPED)) {
            Tensor q = p.div(s);
            Tensor clipped = q.clamp(LOW, HIGH);
            Tensor yPassed = y.mul(q.ge(LOW).mul(q.le(HIGH)));
            dp = yPassed.sum(-1, true).sub(yPassed.div(clipped)).div(s).mul(gRow);
            if (y.requiresGrad()) {
                dy = clipped.log().neg().mul(gRow);
            }
        } else {
            dp = y.sum(-1, true).div(s).sub(y.div(p)).mul(gRow);
            if (y.requiresGrad()) {
                dy = p.div(s).log().neg().mul(gRow);
            }
        }
        return new Tensor[] {dy, dp};
    }
}
