package io.javagrad.core;

import io.javagrad.core.kernels.Elementwise.Binary;
import io.javagrad.core.kernels.Elementwise.Unary;
import io.javagrad.core.kernels.Softmax;
import java.util.Arrays;

/**
 * Activation functions, each with its local derivative next to its forward code. Forward passes are
 * numerically stable (sigmoid, softplus, softmax and logSoftmax never overflow).
 */
final class Activations {
    private Activations() {}

    private static final Tensor[] NONE = new Tensor[0];
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    // relu'(x) = [x > 0]
    static Tensor relu(Tensor a) {
        Tensor out = Loops.map(a, Unary.RELU);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("relu", out, of(a), of(a), g -> of(reluBackward(g, a)));
    }

    // g * [a > 0] in one pass (same values as g.mul(a.gt(0))); the mask is a constant, so the derivative in g is
    // the same op and a gets none
    static Tensor reluBackward(Tensor g, Tensor a) {
        if (g.overwritable && !Autograd.recording(g) && g.isContiguous() && a.isContiguous()
                && Arrays.equals(g.shape, a.shape)) {
            return Loops.zipInPlace(g, a, Binary.RELU_BACKWARD); // the engine's own buffer: mask it where it lies
        }
        Tensor out = Loops.zip("reluBackward", g, a, Binary.RELU_BACKWARD);
        if (!Autograd.recording(g)) {
            return out;
        }
        return Autograd.record("reluBackward", out, of(g), of(a), gg -> of(reluBackward(gg, a)));
    }

    // leakyRelu'(x) = 1 for x > 0, alpha otherwise
    static Tensor leakyRelu(Tensor a, double alpha) {
        Tensor out = Loops.map(a, x -> x > 0 ? x : alpha * x);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("leakyRelu", out, of(a), of(a), g -> {
            Tensor positive = a.gt(0);
            return of(g.mul(positive.add(positive.rsub(1).mul(alpha))));
        });
    }

    // elu'(x) = 1 for x > 0, alpha e^x = elu(x) + alpha otherwise
    static Tensor elu(Tensor a, double alpha) {
        Tensor out = Loops.map(a, x -> x > 0 ? x : alpha * Math.expm1(x));
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("elu", out, of(a), of(a), g -> {
            Tensor negativePart = a.minimum(Tensor.zeros(a.dtype())).exp().mul(alpha);
            return of(g.mul(Tensor.where(a.gt(0), Tensor.ones(a.dtype()), negativePart)));
        });
    }

    // sigmoid'(x) = s (1 - s)
    static Tensor sigmoid(Tensor a) {
        Tensor out = Loops.map(a, Unary.SIGMOID);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("sigmoid", out, of(a), of(out), g -> of(g.mul(out).mul(out.rsub(1))));
    }

    // tanh'(x) = 1 - tanh(x)^2
    static Tensor tanh(Tensor a) {
        Tensor out = Loops.map(a, Unary.TANH);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("tanh", out, of(a), of(out), g -> of(tanhBackward(g, out)));
    }

    // g (1 - y^2) in one pass (the values of g.mul(y.square().rsub(1)), rounded once);
    // d/dg = 1 - y^2,  d/dy = -2 g y
    static Tensor tanhBackward(Tensor g, Tensor y) {
        Tensor out = Loops.zip("tanhBackward", g, y, Binary.TANH_BACKWARD);
        if (!Autograd.recording(g, y)) {
            return out;
        }
        return Autograd.record("tanhBackward", out, of(g, y), of(g, y),
                gg -> of(g.requiresGrad() ? tanhBackward(gg, y).sumToShape(g.shape) : null,
                        y.requiresGrad() ? gg.mul(g).mul(y).mul(-2).sumToShape(y.shape) : null));
    }

    // gelu(x) = x Phi(x);  gelu'(x) = Phi(x) + x phi(x)
    static Tensor gelu(Tensor a) {
        Tensor out = Loops.map(a, x -> 0.5 * x * (1 + org.apache.commons.math3.special.Erf.erf(x * SQRT_HALF)));
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("gelu", out, of(a), of(a), g -> {
            Tensor cdf = a.mul(SQRT_HALF).erf().add(1).mul(0.5);
            Tensor pdf = a.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
            return of(g.mul(cdf.add(a.mul(pdf))));
        });
    }

    // softplus(x) = max(x, 0) + log(1 + e^-|x|);  softplus'(x) = sigmoid(x)
    static Tensor softplus(Tensor a) {
        Tensor out = Loops.map(a, x -> Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("softplus", out, of(a), of(a), g -> of(g.mul(a.sigmoid())));
    }

    // softmax: y = e^(x - max) / sum;  dx = y (g - sum(g y))
    static Tensor softmax(Tensor a, int axis) {
        int ax = Shapes.axis("softmax", axis, a.rank());
        Tensor y = alongAxis(a, ax, false);
        if (!Autograd.recording(a)) {
            return y;
        }
        return Autograd.record("softmax", y, of(a), of(y), g -> of(softmaxBackward(g, y, ax)));
    }

    /** The input gradient of a softmax along {@code ax} with output {@code y}, for the output gradient {@code g}. */
    static Tensor softmaxBackward(Tensor g, Tensor y, int ax) {
        return y.mul(g.sub(g.mul(y).sum(ax, true)));
    }

    // logSoftmax: y = x - max - log(sum e^(x - max));  dx = g - e^y sum(g)
    static Tensor logSoftmax(Tensor a, int axis) {
        int ax = Shapes.axis("logSoftmax", axis, a.rank());
        Tensor y = alongAxis(a, ax, true);
        if (!Autograd.recording(a)) {
            return y;
        }
        return Autograd.record("logSoftmax", y, of(a), of(y),
                g -> of(g.sub(y.exp().mul(g.sum(ax, true)))));
    }

    /** The (log-)softmax kernel along {@code ax}: that axis is moved last (a copy only if needed) and back. */
    private static Tensor alongAxis(Tensor a, int ax, boolean log) {
        int last = a.rank() - 1;
        Tensor rows = ax == last ? a.contiguousData() : a.detach().transpose(ax, last).contiguousData();
        Tensor out = Tensor.uninitialized(a.dtype(), rows.shape);
        int cols = rows.shape[last];
        int count = cols == 0 ? 0 : rows.numel() / cols;
        if (out.f != null) {
            if (log) {
                Softmax.logSoftmax(rows.f, rows.offset, count, cols, out.f);
            } else {
                Softmax.softmax(rows.f, rows.offset, count, cols, out.f);
            }
        } else {
            if (log) {
                Softmax.logSoftmax(rows.d, rows.offset, count, cols, out.d);
            } else {
                Softmax.softmax(rows.d, rows.offset, count, cols, out.d);
            }
        }
        return ax == last ? out : out.transpose(ax, last).contiguousData();
    }
}
