package io.javagrad.core;

import io.javagrad.core.kernels.ConvGeometry;
import io.javagrad.core.kernels.ConvKernels;
import io.javagrad.core.kernels.Patches;
import java.util.Arrays;

/**
 * 2-d convolution on NCHW tensors and the two ops that form its derivatives. The three are bilinear and
 * close under differentiation, so gradients of gradients come for free:
 * <ul>
 *   <li>{@code conv2d(x, w)}: {@code dx = convTranspose2d(g, w)}, {@code dw = weightGrad(x, g)};</li>
 *   <li>{@code convTranspose2d(g, w)}, the adjoint of conv2d in x: {@code dg = conv2d(gz, w)},
 *       {@code dw = weightGrad(gz, g)};</li>
 *   <li>{@code weightGrad(x, g)}, defined by {@code <weightGrad(x, g), v> = <conv2d(x, v), g>}:
 *       {@code dx = convTranspose2d(g, gw)}, {@code dg = conv2d(x, gw)}.</li>
 * </ul>
 * {@code conv2dRelu} is {@code relu(conv2d(x, w, b))} in one op: its backward multiplies {@code g} by relu's
 * derivative, then continues as conv2d's.
 * A bias adds {@code sum of g over N, H, W} to its gradient. The arithmetic is in {@link ConvKernels}.
 */
final class Convolution {
    private Convolution() {}

    private static final int[] NHW = {0, 2, 3};

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    // y = conv(x, w) + b;  dx = convTranspose2d(g, w),  dw = weightGrad(x, g),  db = sum_{n,h,w} g
    static Tensor conv2d(Tensor x, Tensor w, Tensor b, ConvOptions o) {
        return conv2d("conv2d", x, w, b, o, false);
    }

    // y = relu(conv(x, w) + b), relu applied as the output is written;  with gm = g * [y > 0] (y > 0 exactly where
    // conv(x, w) + b > 0, so this is relu's backward, in one pass):  dx = convTranspose2d(gm, w),  dw = weightGrad(x, gm),
    // db = sum_{n,h,w} gm
    static Tensor conv2dRelu(Tensor x, Tensor w, Tensor b, ConvOptions o) {
        return conv2d("conv2dRelu", x, w, b, o, true);
    }

    private static Tensor conv2d(String op, Tensor x, Tensor w, Tensor b, ConvOptions o, boolean relu) {
        ConvGeometry geo = forwardGeometry(op, x, w, b, o);
        Patches p = geo.patches();
        Tensor out = Tensor.uninitialized(x.dtype(), new int[] {x.shape[0], w.shape[0], p.outH(), p.outW()});
        forward(geo, x, w, b, relu, null, out, null);
        return Autograd.record(op, out, inputs(x, w, b), relu ? of(x, w, out) : of(x, w),
                g -> convGrads(x, w, b, o, relu ? Activations.reluBackward(g, out) : g));
    }

    // y = maxPool(relu(conv(x, w) + b)), each block of the convolution's output pooled as the GEMM leaves it, so the
    // whole output is never stored.  y is the convolution's output at the argmax positions, so relu's mask there is
    // [y > 0]:  with gm = scatter of g * [y > 0] to the argmax positions, the gradients are conv2d's with gm
    static Tensor conv2dReluMaxPool(Tensor x, Tensor w, Tensor b, ConvOptions o, int[] kernel, int[] stride,
                                    int[] padding) {
        String op = "conv2dReluMaxPool";
        ConvGeometry geo = forwardGeometry(op, x, w, b, o);
        Patches p = geo.patches();
        int[] convShape = {x.shape[0], w.shape[0], p.outH(), p.outW()};
        Patches windows = Pooling.windows(op, convShape, kernel, stride, padding);
        int[] outShape = {convShape[0], convShape[1], windows.outH(), windows.outW()};
        Tensor out = Tensor.uninitialized(x.dtype(), outShape);
        int[] argmax = new int[out.numel()];
        forward(geo, x, w, b, true, windows, out, argmax);
        return Autograd.record(op, out, inputs(x, w, b), of(x, w, out), g -> {
            Tensor gm = Pooling.scatter(Activations.reluBackward(g, out), argmax, convShape);
            Tensor[] grads = convGrads(x, w, b, o, gm);
            if (!Autograd.isGradEnabled()) {
                BufferPool.recycle(gm); // unrecorded: the gradients were read from it, none shares its storage
            }
            return grads;
        });
    }

    /** Validates a convolution's operands and returns its geometry. */
    private static ConvGeometry forwardGeometry(String op, Tensor x, Tensor w, Tensor b, ConvOptions o) {
        checkOperands(op, x, w, b);
        int groups = o.groups();
        if (x.shape[1] != w.shape[1] * groups) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(x.shape) + " has " + x.shape[1]
                    + " channels but weight " + Shapes.str(w.shape) + " with groups=" + groups + " expects "
                    + w.shape[1] * groups);
        }
        checkGroupsDivide(op, w.shape[0], w, o);
        checkBias(op, b, w.shape[0], w);
        int kH = w.shape[2];
        int kW = w.shape[3];
        int effH = (kH - 1) * o.dilationH() + 1;
        int effW = (kW - 1) * o.dilationW() + 1;
        int paddedH = x.shape[2] + o.padTop() + o.padBottom();
        int paddedW = x.shape[3] + o.padLeft() + o.padRight();
        if (effH > paddedH || effW > paddedW) {
            throw new IllegalArgumentException(op + ": kernel " + kH + "x" + kW + " with dilation " + o.dilationH()
                    + "x" + o.dilationW() + " spans " + effH + "x" + effW + ", more than the padded input " + paddedH
                    + "x" + paddedW + " (input " + Shapes.str(x.shape) + ", weight " + Shapes.str(w.shape) + ", " + o + ")");
        }
        return geometry(x.shape, w.shape[0], kH, kW, o, o.outputHeight(x.shape[2], kH), o.outputWidth(x.shape[3], kW));
    }

    /** Runs the forward kernel into {@code out}, max-pooled with {@code pool} into it and {@code argmax} if given. */
    private static void forward(ConvGeometry geo, Tensor x, Tensor w, Tensor b, boolean relu, Patches pool,
                                Tensor out, int[] argmax) {
        Tensor xc = x.contiguousData();
        Tensor wc = w.contiguousData();
        Tensor bc = b == null ? null : b.contiguousData();
        int bOff = bc == null ? 0 : bc.offset;
        if (out.f != null) {
            ConvKernels.conv2d(geo, xc.f, xc.offset, wc.f, wc.offset, bc == null ? null : bc.f, bOff, relu, pool,
                    out.f, argmax);
        } else {
            ConvKernels.conv2d(geo, xc.d, xc.offset, wc.d, wc.offset, bc == null ? null : bc.d, bOff, relu, pool,
                    out.d, argmax);
        }
    }

    /** The gradients of {@code conv2d(x, w, b)} for the output gradient {@code g}, for those that require one. */
    private static Tensor[] convGrads(Tensor x, Tensor w, Tensor b, ConvOptions o, Tensor g) {
        return grads(b,
                x.requiresGrad() ? transpose(g, w, null, o, x.shape[2], x.shape[3]) : null,
                w.requiresGrad() ? weightGrad(x, g, o, w.shape[2], w.shape[3]) : null,
                b != null && b.requiresGrad() ? g.sum(NHW, false) : null);
    }

    /** The public transposed convolution: output size {@code (H - 1) * stride - padding + (k - 1) * dilation + 1 + outputPadding}. */
    static Tensor convTranspose2d(Tensor g, Tensor w, Tensor b, ConvOptions o, int outputPadH, int outputPadW) {
        String op = "convTranspose2d";
        checkOperands(op, g, w, b);
        if (g.shape[1] != w.shape[0]) {
            throw new IllegalArgumentException(op + ": input " + Shapes.str(g.shape) + " has " + g.shape[1]
                    + " channels but weight " + Shapes.str(w.shape) + " expects " + w.shape[0]
                    + " (the weight is [inChannels, outChannels / groups, kH, kW])");
        }
        checkGroupsDivide(op, w.shape[0], w, o);
        checkBias(op, b, w.shape[1] * o.groups(), w);
        if (outputPadH < 0 || outputPadW < 0 || outputPadH >= o.strideH() || outputPadW >= o.strideW()) {
            throw new IllegalArgumentException(op + ": output padding " + outputPadH + "x" + outputPadW
                    + " must be >= 0 and smaller than the stride " + o.strideH() + "x" + o.strideW());
        }
        int outH = (g.shape[2] - 1) * o.strideH() - o.padTop() - o.padBottom() + (w.shape[2] - 1) * o.dilationH() + 1
                + outputPadH;
        int outW = (g.shape[3] - 1) * o.strideW() - o.padLeft() - o.padRight() + (w.shape[3] - 1) * o.dilationW() + 1
                + outputPadW;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException(op + ": output size " + outH + "x" + outW + " is empty (input "
                    + Shapes.str(g.shape) + ", weight " + Shapes.str(w.shape) + ", " + o + ")");
        }
        return transpose(g, w, b, o, outH, outW);
    }

    // z = conv^T(g, w) + b;  dg = conv2d(gz, w),  dw = weightGrad(gz, g),  db = sum_{n,h,w} gz
    private static Tensor transpose(Tensor g, Tensor w, Tensor b, ConvOptions o, int outH, int outW) {
        int kH = w.shape[2];
        int kW = w.shape[3];
        int channels = w.shape[1] * o.groups();
        int[] outShape = {g.shape[0], channels, outH, outW};
        ConvGeometry geo = geometry(outShape, w.shape[0], kH, kW, o, g.shape[2], g.shape[3]);
        Tensor out = Tensor.zerosPooled(g.dtype(), outShape);
        Tensor gc = g.contiguousData();
        Tensor wc = w.contiguousData();
        int plane = outH * outW;
        if (out.f != null) {
            ConvKernels.convTranspose2d(geo, gc.f, gc.offset, wc.f, wc.offset, out.f);
            if (b != null) {
                Tensor bc = b.contiguousData();
                ConvKernels.addChannelBias(out.f, outShape[0], channels, plane, bc.f, bc.offset);
            }
        } else {
            ConvKernels.convTranspose2d(geo, gc.d, gc.offset, wc.d, wc.offset, out.d);
            if (b != null) {
                Tensor bc = b.contiguousData();
                ConvKernels.addChannelBias(out.d, outShape[0], channels, plane, bc.d, bc.offset);
            }
        }
        return Autograd.record("convTranspose2d", out, inputs(g, w, b), of(g, w), gz -> grads(b,
                g.requiresGrad() ? conv2d(gz, w, null, o) : null,
                w.requiresGrad() ? weightGrad(gz, g, o, kH, kW) : null,
                b != null && b.requiresGrad() ? gz.sum(NHW, false) : null));
    }

    // dW = weightGrad(x, g), bilinear with <dW, v> = <conv2d(x, v), g>;  dx = convTranspose2d(g, gw),  dg = conv2d(x, gw)
    private static Tensor weightGrad(Tensor x, Tensor g, ConvOptions o, int kH, int kW) {
        ConvGeometry geo = geometry(x.shape, g.shape[1], kH, kW, o, g.shape[2], g.shape[3]);
        Tensor out = Tensor.empty(x.dtype(), new int[] {g.shape[1], x.shape[1] / o.groups(), kH, kW});
        Tensor xc = x.contiguousData();
        Tensor gc = g.contiguousData();
        if (out.f != null) {
            ConvKernels.conv2dWeightGrad(geo, xc.f, xc.offset, gc.f, gc.offset, out.f);
        } else {
            ConvKernels.conv2dWeightGrad(geo, xc.d, xc.offset, gc.d, gc.offset, out.d);
        }
        int inH = x.shape[2];
        int inW = x.shape[3];
        return Autograd.record("conv2dWeightGrad", out, of(x, g), of(x, g), gw -> of(
                x.requiresGrad() ? transpose(g, gw, null, o, inH, inW) : null,
                g.requiresGrad() ? conv2d(x, gw, null, o) : null));
    }

    /** The kernel geometry of a convolution whose input has {@code inShape} and whose output is outH x outW. */
    private static ConvGeometry geometry(int[] inShape, int outChannels, int kH, int kW, ConvOptions o,
                                         int outH, int outW) {
        Patches patches = new Patches(inShape[2], inShape[3], kH, kW, o.strideH(), o.strideW(), o.padTop(),
                o.padLeft(), o.dilationH(), o.dilationW(), outH, outW);
        return new ConvGeometry(inShape[0], inShape[1], outChannels, o.groups(), patches);
    }

    /** The recorded inputs: the bias only when there is one. */
    private static Tensor[] inputs(Tensor x, Tensor w, Tensor b) {
        return b == null ? of(x, w) : of(x, w, b);
    }

    /** The gradients matching {@link #inputs}. */
    private static Tensor[] grads(Tensor b, Tensor dx, Tensor dw, Tensor db) {
        return b == null ? of(dx, dw) : of(dx, dw, db);
    }

    private static void checkOperands(String op, Tensor x, Tensor w, Tensor b) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-d [N, C, H, W], got shape " + Shapes.str(x.shape));
        }
        if (w.rank() != 4 || w.numel() == 0) {
            throw new IllegalArgumentException(op + ": weight must be 4-d and non-empty, got shape " + Shapes.str(w.shape));
        }
        x.checkSameDtype(op, w);
        if (b != null) {
            x.checkSameDtype(op, b);
        }
    }

    private static void checkGroupsDivide(String op, int channels, Tensor w, ConvOptions o) {
        if (channels % o.groups() != 0) {
            throw new IllegalArgumentException(op + ": groups=" + o.groups() + " does not divide the " + channels
                    + " channels of dimension 0 of weight " + Shapes.str(w.shape));
        }
    }

    private static void checkBias(String op, Tensor b, int channels, Tensor w) {
        if (b != null && !Arrays.equals(b.shape, new int[] {channels})) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + channels + "] to match weight "
                    + Shapes.str(w.shape) + ", got " + Shapes.str(b.shape));
        }
    }
}
