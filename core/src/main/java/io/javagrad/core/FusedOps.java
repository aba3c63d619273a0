package io.javagrad.core;

import io.javagrad.core.kernels.Elementwise;
import io.javagrad.core.kernels.Gemm;
import io.javagrad.core.kernels.Softmax;
import java.util.Arrays;

/**
 * Ops that do in one pass what a chain of smaller ops would do in several, for the hot paths of training. Each
 * gives the same values as its chain (up to rounding) and records a single node whose backward is the chain
 * rule of the whole chain, written in tensor ops as everywhere else.
 */
final class FusedOps {
    private FusedOps() {}

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    // y = x W + b, the GEMM accumulating onto rows of b;  dx = g W^T,  dW = x^T g,  db = sum of g over rows
    static Tensor linear(Tensor x, Tensor w, Tensor b) {
        checkLinear(x, w, b);
        if (x.rank() != 2) {
            return linear(x.reshape(-1, w.shape[0]), w, b).reshape(outputShape(x, w));
        }
        if (b == null) {
            return x.matmul(w);
        }
        Tensor out = affine(x, w, b);
        if (!Autograd.recording(x, w, b)) {
            return out;
        }
        return Autograd.record("linear", out, of(x, w, b), of(x, w), g -> linearBackward(g, x, w, b));
    }

    // y = relu(x W + b), relu applied in place to the GEMM's output;  with dz = g [y > 0] (y > 0 exactly where
    // x W + b > 0):  dx = dz W^T,  dW = x^T dz,  db = sum of dz over rows
    static Tensor linearRelu(Tensor x, Tensor w, Tensor b) {
        checkLinear(x, w, b);
        if (x.rank() != 2 || b == null) {
            return linear(x, w, b).relu();
        }
        Tensor out = affine(x, w, b);
        if (out.f != null) {
            Elementwise.unary(Elementwise.Unary.RELU, out.f, 0, 1, out.f, 0, out.numel());
        } else {
            Elementwise.unary(Elementwise.Unary.RELU, out.d, 0, 1, out.d, 0, out.numel());
        }
        if (!Autograd.recording(x, w, b)) {
            return out;
        }
        return Autograd.record("linearRelu", out, of(x, w, b), of(x, w, out),
                g -> linearBackward(Activations.reluBackward(g, out), x, w, b));
    }

    private static void checkLinear(Tensor x, Tensor w, Tensor b) {
        if (w.rank() != 2 || x.rank() < 1 || x.shape[x.rank() - 1] != w.shape[0]) {
            throw new IllegalArgumentException("linear: input " + Shapes.str(x.shape) + " does not match weight "
                    + Shapes.str(w.shape) + " (expected a weight [inFeatures, outFeatures] with inFeatures = the"
                    + " input's last dimension)");
        }
        x.checkSameDtype("linear", w);
        if (b != null) {
            x.checkSameDtype("linear", b);
            if (!Arrays.equals(b.shape, new int[] {w.shape[1]})) {
                throw new IllegalArgumentException("linear: bias must have shape [" + w.shape[1] + "] to match weight "
                        + Shapes.str(w.shape) + ", got " + Shapes.str(b.shape));
            }
        }
    }

    private static int[] outputShape(Tensor x, Tensor w) {
        int[] outShape = x.shape.clone();
        outShape[outShape.length - 1] = w.shape[1];
        return outShape;
    }

    /** {@code x W + b} for a matrix x, unrecorded: the bias copied into every row, the product accumulated onto it. */
    private static Tensor affine(Tensor x, Tensor w, Tensor b) {
        int rows = x.shape[0];
        int in = w.shape[0];
        int outFeatures = w.shape[1];
        Tensor out = Tensor.uninitialized(x.dtype(), new int[] {rows, outFeatures});
        Tensor bc = b.contiguousData();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bc.f != null ? bc.f : bc.d, bc.offset, out.f != null ? out.f : out.d, r * outFeatures,
                    outFeatures);
        }
        Tensor xc = x.contiguousData();
        Tensor wc = w.contiguousData();
        if (out.f != null) {
            Gemm.gemm(false, false, rows, outFeatures, in, xc.f, xc.offset, Math.max(in, 1), wc.f, wc.offset,
                    Math.max(outFeatures, 1), out.f, 0, Math.max(outFeatures, 1), true);
        } else {
            Gemm.gemm(false, false, rows, outFeatures, in, xc.d, xc.offset, Math.max(in, 1), wc.d, wc.offset,
                    Math.max(outFeatures, 1), out.d, 0, Math.max(outFeatures, 1), true);
        }
        return out;
    }

    /**
     * The gradients of {@code x W + b} for the output gradient {@code g}. The input gradient and the weight and bias
     * gradients, two products of the same size, are computed at once on two threads when both are needed.
     */
    private static Tensor[] linearBackward(Tensor g, Tensor x, Tensor w, Tensor b) {
        Tensor[] grads = new Tensor[3];
        Runnable input = () -> grads[0] = x.requiresGrad() ? g.matmul(w.t()) : null;
        Runnable weights = () -> {
            grads[1] = w.requiresGrad() ? weightGradient(x, g, w) : null;
            grads[2] = b.requiresGrad() ? g.sum(0, false) : null;
        };
        if (x.requiresGrad() && w.requiresGrad()) {
            Autograd.bothGradients(2L * g.numel() * w.shape[0], input, weights);
        } else {
            input.run();
            weights.run();
        }
        return grads;
    }

    /**
     * {@code x^T g}: written into the storage of {@code w}'s previous gradient when {@link Tensor#zeroGrad()} kept it
     * and nothing is being recorded (a plain training step), so each step's weight gradient reuses one array instead of
     * allocating (and zeroing) a new one.
     */
    private static Tensor weightGradient(Tensor x, Tensor g, Tensor w) {
        if (Autograd.isGradEnabled()) {
            return x.t().matmul(g);
        }
        Tensor spare = w.takeSpareGrad();
        Tensor xt = x.transposedOperand(); // not a lasting view: x may still give its storage to a BufferPool
        return spare != null ? MatMul.matmulInto(xt, g, spare) : xt.matmul(g);
    }

    // loss = -sum(t * logSoftmax(x)) / rows;  dx = (softmax(x) sum_c t - t) g / rows,  dt = -logSoftmax(x) g / rows
    static Tensor softmaxCrossEntropy(Tensor logits, Tensor targets) {
        if (logits.rank() < 1 || !Arrays.equals(logits.shape, targets.shape)) {
            throw new IllegalArgumentException("softmaxCrossEntropy: logits " + Shapes.str(logits.shape)
                    + " and targets " + Shapes.str(targets.shape) + " must have the same shape, classes last");
        }
        logits.checkSameDtype("softmaxCrossEntropy", targets);
        int classes = logits.shape[logits.rank() - 1];
        int rows = classes == 0 ? 0 : logits.numel() / classes;
        if (rows == 0) {
            throw new IllegalArgumentException("softmaxCrossEntropy: no rows to average over in logits "
                    + Shapes.str(logits.shape));
        }
        Tensor xc = logits.contiguousData();
        Tensor tc = targets.contiguousData();
        double sum = xc.f != null
                ? Softmax.crossEntropy(xc.f, xc.offset, tc.f, tc.offset, rows, classes)
                : Softmax.crossEntropy(xc.d, xc.offset, tc.d, tc.offset, rows, classes);
        Tensor out = Tensor.scalar(logits.dtype(), sum / rows);
        if (!Autograd.recording(logits, targets)) {
            return out;
        }
        return Autograd.record("softmaxCrossEntropy", out, of(logits, targets), of(logits, targets), g -> of(
                softmaxCrossEntropyBackward(logits, targets, g, rows),
                targets.requiresGrad() ? logits.logSoftmax(-1).neg().mul(g.div(rows)) : null));
    }

    // dx = (y s - t) c in one pass, with y = softmax(x), s = sum_c t, c = g / rows. Its own backward (gradients of
    // gradients), for the upstream G:  dx = softmax's backward of G s c,  dt = (sum_c(G y) - G) c,
    // dg = sum(G (y s - t)) / rows
    static Tensor softmaxCrossEntropyBackward(Tensor logits, Tensor targets, Tensor g, int rows) {
        int classes = logits.shape[logits.rank() - 1];
        Tensor xc = logits.contiguousData();
        Tensor tc = targets.contiguousData();
        Tensor out = Tensor.uninitialized(logits.dtype(), logits.shape);
        double scale = g.item() / rows;
        if (out.f != null) {
            Softmax.crossEntropyGradient(xc.f, xc.offset, tc.f, tc.offset, rows, classes, scale, out.f);
        } else {
            Softmax.crossEntropyGradient(xc.d, xc.offset, tc.d, tc.offset, rows, classes, scale, out.d);
        }
        if (!Autograd.recording(logits, targets, g)) {
            return out;
        }
        return Autograd.record("softmaxCrossEntropyBackward", out, of(logits, targets, g), of(logits, targets, g),
                gg -> {
                    Tensor y = logits.softmax(-1);
                    Tensor s = targets.sum(-1, true);
                    Tensor c = g.div(rows);
                    Tensor dx = Activations.softmaxBackward(gg.mul(s).mul(c), y, y.rank() - 1);
                    return of(logits.requiresGrad() ? dx : null,
                            targets.requiresGrad() ? gg.mul(y).sum(-1, true).sub(gg).mul(c) : null,
                            g.requiresGrad() ? gg.mul(y.mul(s).sub(targets)).sum().div(rows) : null);
                });
    }
}
