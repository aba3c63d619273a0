package io.javagrad.core;

import io.javagrad.core.kernels.Elementwise;
import io.javagrad.core.kernels.Gemm;
import io.javagrad.core.kernels.ParallelFor;
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
        MatMul.gemm(false, false, rows, outFeatures, in, xc, xc.offset, Math.max(in, 1), wc, wc.offset,
                Math.max(outFeatures, 1), out, 0, Math.max(outFeatures, 1), true);
        return out;
    }

    /**
     * The gradients of {@code x W + b} for the output gradient {@code g}. In a plain training step (nothing being
     * recorded), when the input and the weights both need gradients, they are computed in two halves of the layer's
     * input features ({@link #gradientsInInputHalves}); otherwise as one product each.
     */
    private static Tensor[] linearBackward(Tensor g, Tensor x, Tensor w, Tensor b) {
        Tensor[] grads = new Tensor[3];
        if (x.requiresGrad() && w.requiresGrad() && !Autograd.isGradEnabled() && w.shape[0] >= 2) {
            gradientsInInputHalves(g, x, w, grads);
        } else {
            grads[0] = x.requiresGrad() ? g.matmul(w.t()) : null;
            grads[1] = w.requiresGrad() ? weightGradient(x, g, w) : null;
        }
        grads[2] = b.requiresGrad() ? g.sum(0, false) : null;
        return grads;
    }

    /**
     * Sets {@code grads[0]} to {@code g W^T} and {@code grads[1]} to {@code x^T g}, unrecorded, each in two halves of
     * W's rows (the layer's input features): the first half's columns of the input gradient and rows of the weight
     * gradient on the calling thread, the second half's on the pool's worker when there are two threads
     * ({@link ParallelFor#both}). Each thread then reads and writes only the weight rows that the forward pass (split
     * by depth, {@link Gemm}) and the optimizer's update (split by rows) give it, so no weight or weight-gradient
     * line moves between the cores. Measured on the bench command's mlp at two threads with the host's two vCPUs far
     * apart (round trips of 350-400 ns), against the input gradient on one thread and the weight gradient on the
     * other: the Adam update of the second layer's weights took 11-15 us against 70-140 (timing each op), and the
     * mlp ran at 89,900-95,800 samples/s against 77,700-80,300 (compare runs 24-25 against 21). Each element is the
     * same dot product in the same order as in the whole products, so the values do not depend on the split. The
     * weight gradient goes into the storage of the previous one when {@link Tensor#zeroGrad()} kept it.
     */
    private static void gradientsInInputHalves(Tensor g, Tensor x, Tensor w, Tensor[] grads) {
        int rows = x.shape[0];
        int in = w.shape[0];
        int out = w.shape[1];
        int half = in / 2;
        Tensor dx = Tensor.uninitialized(x.dtype(), new int[] {rows, in});
        Tensor dw = weightGradientStorage(w);
        Tensor gc = g.contiguousData();
        Tensor xc = x.contiguousData();
        Tensor wc = w.contiguousData();
        ParallelFor.both(2L * rows * in * out, () -> inputFeatures(gc, xc, wc, dx, dw, 0, half),
                () -> inputFeatures(gc, xc, wc, dx, dw, half, in));
        grads[0] = dx;
        grads[1] = dw;
    }

    /** The columns of {@code dx = g W^T} and the rows of {@code dW = x^T g} of input features {@code [from, to)}. */
    private static void inputFeatures(Tensor g, Tensor x, Tensor w, Tensor dx, Tensor dw, int from, int to) {
        int rows = x.shape[0];
        int in = w.shape[0];
        int out = Math.max(w.shape[1], 1);
        MatMul.gemm(false, true, rows, to - from, w.shape[1], g, g.offset, out, w, w.offset + from * out, out,
                dx, from, in, false);
        MatMul.gemm(true, false, to - from, w.shape[1], rows, x, x.offset + from, in, g, g.offset, out,
                dw, from * out, out, false);
    }

    /**
     * {@code x^T g}: when nothing is being recorded (a plain training step), written into
     * {@link #weightGradientStorage}.
     */
    private static Tensor weightGradient(Tensor x, Tensor g, Tensor w) {
        if (Autograd.isGradEnabled()) {
            return x.t().matmul(g);
        }
        Tensor xt = x.transposedOperand(); // not a lasting view: x may still give its storage to a BufferPool
        return MatMul.matmulInto(xt, g, weightGradientStorage(w));
    }

    /**
     * Where an unrecorded backward writes {@code w}'s gradient: the storage of its previous gradient when
     * {@link Tensor#zeroGrad()} kept it, so each step's weight gradient reuses one array instead of allocating (and
     * zeroing) a new one, else a new (or pooled) array.
     */
    private static Tensor weightGradientStorage(Tensor w) {
        Tensor spare = w.takeSpareGrad();
        return spare != null ? spare : Tensor.uninitialized(w.dtype(), w.shape);
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
