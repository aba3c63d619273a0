package io.javagrad.core;

import io.javagrad.core.kernels.Elementwise.Binary;
import io.javagrad.core.kernels.Elementwise.Unary;
import org.apache.commons.math3.special.Erf;

/**
 * Element-wise arithmetic and math functions. Each op computes its forward with a loop and records, right
 * next to it, its local derivative written in tensor ops (so the backward is differentiable too).
 * Broadcast inputs get their gradient summed back to their own shape.
 */
final class MathOps {
    private MathOps() {}

    private static final Tensor[] NONE = new Tensor[0];
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    private static void sameDtype(String op, Tensor a, Tensor b) {
        a.checkSameDtype(op, b);
    }

    // d(a + b) = da + db
    static Tensor add(Tensor a, Tensor b) {
        sameDtype("add", a, b);
        Tensor out = Loops.zip("add", a, b, Binary.ADD);
        int[] as = a.shape;
        int[] bs = b.shape;
        if (!Autograd.recording(a, b)) {
            return out;
        }
        return Autograd.record("add", out, of(a, b), NONE, g -> of(g.sumToShape(as), g.sumToShape(bs)));
    }

    // d(a - b) = da - db
    static Tensor sub(Tensor a, Tensor b) {
        sameDtype("sub", a, b);
        Tensor out = Loops.zip("sub", a, b, Binary.SUB);
        int[] as = a.shape;
        int[] bs = b.shape;
        if (!Autograd.recording(a, b)) {
            return out;
        }
        return Autograd.record("sub", out, of(a, b), NONE, g -> of(g.sumToShape(as), g.neg().sumToShape(bs)));
    }

    // d(a * b) = b da + a db
    static Tensor mul(Tensor a, Tensor b) {
        sameDtype("mul", a, b);
        Tensor out = Loops.zip("mul", a, b, Binary.MUL);
        if (!Autograd.recording(a, b)) {
            return out;
        }
        return Autograd.record("mul", out, of(a, b), of(a, b),
                g -> of(g.mul(b).sumToShape(a.shape), g.mul(a).sumToShape(b.shape)));
    }

    // d(a / b) = da / b - a db / b^2
    static Tensor div(Tensor a, Tensor b) {
        sameDtype("div", a, b);
        Tensor out = Loops.zip("div", a, b, Binary.DIV);
        if (!Autograd.recording(a, b)) {
            return out;
        }
        return Autograd.record("div", out, of(a, b), of(a, b),
                g -> of(g.div(b).sumToShape(a.shape), g.mul(a).div(b.mul(b)).neg().sumToShape(b.shape)));
    }

    // d(-a) = -da
    static Tensor neg(Tensor a) {
        Tensor out = Loops.map(a, Unary.NEG);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("neg", out, of(a), NONE, g -> of(g.neg()));
    }

    // d(a + c) = da
    static Tensor addScalar(Tensor a, double c) {
        Tensor out = Loops.withScalar(a, Binary.ADD, c);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("addScalar", out, of(a), NONE, g -> of(g));
    }

    // d(a * c) = c da
    static Tensor mulScalar(Tensor a, double c) {
        Tensor out = Loops.withScalar(a, Binary.MUL, c);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("mulScalar", out, of(a), NONE, g -> of(g.mul(c)));
    }

    // d(a^b) = b a^(b-1) da + a^b log(a) db   (log(a) taken as 0 where a <= 0, as PyTorch does at a = 0)
    static Tensor pow(Tensor a, Tensor b) {
        sameDtype("pow", a, b);
        Tensor out = Loops.zip("pow", a, b, Binary.POW);
        if (!Autograd.recording(a, b)) {
            return out;
        }
        return Autograd.record("pow", out, of(a, b), of(a, b, out), g -> {
            Tensor da = g.mul(b).mul(a.pow(b.sub(1))).sumToShape(a.shape);
            Tensor positive = a.gt(0);
            Tensor safeLog = a.mul(positive).add(positive.rsub(1)).log();
            Tensor db = g.mul(out).mul(safeLog).sumToShape(b.shape);
            return of(da, db);
        });
    }

    // d(a^p) = p a^(p-1) da   (0 for p = 0, also at a = 0 where 0 * 0^-1 would give NaN)
    static Tensor powScalar(Tensor a, double p) {
        Tensor out = p == 2 ? Loops.map(a, Unary.SQUARE) : Loops.withScalar(a, Binary.POW, p);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("pow", out, of(a), of(a), g -> {
            if (p == 0) {
                return of(Tensor.zeros(g.dtype(), g.shape));
            }
            Tensor local = p == 2 ? a.mul(2) : a.pow(p - 1).mul(p);
            return of(g.mul(local));
        });
    }

    // d(e^a) = e^a da
    static Tensor exp(Tensor a) {
        Tensor out = Loops.map(a, Unary.EXP);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("exp", out, of(a), of(out), g -> of(g.mul(out)));
    }

    // d(log a) = da / a
    static Tensor log(Tensor a) {
        Tensor out = Loops.map(a, Unary.LOG);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("log", out, of(a), of(a), g -> of(g.div(a)));
    }

    // d(sqrt a) = da / (2 sqrt a)
    static Tensor sqrt(Tensor a) {
        Tensor out = Loops.map(a, Unary.SQRT);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("sqrt", out, of(a), of(out), g -> of(g.div(out.mul(2))));
    }

    // d|a| = sign(a) da
    static Tensor abs(Tensor a) {
        Tensor out = Loops.map(a, Unary.ABS);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("abs", out, of(a), of(a), g -> of(g.mul(a.sign())));
    }

    // d sign(a) = 0
    static Tensor sign(Tensor a) {
        Tensor out = Loops.map(a, Unary.SIGN);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("sign", out, of(a), NONE, g -> of(Tensor.zeros(g.dtype(), g.shape)));
    }

    // d sin(a) = cos(a) da
    static Tensor sin(Tensor a) {
        Tensor out = Loops.map(a, Unary.SIN);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("sin", out, of(a), of(a), g -> of(g.mul(a.cos())));
    }

    // d cos(a) = -sin(a) da
    static Tensor cos(Tensor a) {
        Tensor out = Loops.map(a, Unary.COS);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("cos", out, of(a), of(a), g -> of(g.mul(a.sin()).neg()));
    }

    // d erf(a) = 2/sqrt(pi) e^(-a^2) da
    static Tensor erf(Tensor a) {
        Tensor out = Loops.map(a, Erf::erf);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("erf", out, of(a), of(a),
                g -> of(g.mul(a.square().neg().exp().mul(TWO_OVER_SQRT_PI))));
    }

    // d max(a, b) = [a > b] da + [a < b] db, ties split evenly
    static Tensor maximum(Tensor a, Tensor b) {
        sameDtype("maximum", a, b);
        Tensor out = Loops.zip("maximum", a, b, Binary.MAX);
        if (!Autograd.recording(a, b)) {
            return out;
        }
        return Autograd.record("maximum", out, of(a, b), of(a, b), g -> splitByMask(g, a.gt(b), a.eq(b), a, b));
    }

    // d min(a, b) = [a < b] da + [a > b] db, ties split evenly
    static Tensor minimum(Tensor a, Tensor b) {
        sameDtype("minimum", a, b);
        Tensor out = Loops.zip("minimum", a, b, Binary.MIN);
        if (!Autograd.recording(a, b)) {
            return out;
        }
        return Autograd.record("minimum", out, of(a, b), of(a, b), g -> splitByMask(g, a.lt(b), a.eq(b), a, b));
    }

    private static Tensor[] splitByMask(Tensor g, Tensor wins, Tensor ties, Tensor a, Tensor b) {
        Tensor share = wins.add(ties.mul(0.5));
        return of(g.mul(share).sumToShape(a.shape), g.mul(share.rsub(1)).sumToShape(b.shape));
    }

    // d clamp(a) = [min <= a <= max] da
    static Tensor clamp(Tensor a, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException("clamp: min " + min + " > max " + max);
        }
        Tensor out = Loops.map(a, x -> x < min ? min : x > max ? max : x);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("clamp", out, of(a), of(a),
                g -> of(g.mul(a.ge(min)).mul(a.le(max))));
    }

    // d where(c, a, b) = where(c, da, 0) + where(c, 0, db)
    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        sameDtype("where", a, b);
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape, a.shape), b.shape);
        Tensor out = Tensor.uninitialized(a.dtype(), shape);
        Runs runs = new Runs(shape, Loops.broadcastStrides(cond, shape), Loops.broadcastStrides(a, shape),
                Loops.broadcastStrides(b, shape));
        int[] next = {0};
        runs.forEach(new int[] {cond.offset, a.offset, b.offset}, (at, n) -> {
            for (int i = 0; i < n; i++) {
                boolean pick = Loops.read(cond, at[0] + i * runs.step(0)) != 0;
                out.write(next[0]++, pick ? Loops.read(a, at[1] + i * runs.step(1)) : Loops.read(b, at[2] + i * runs.step(2)));
            }
        });
        if (!Autograd.recording(cond, a, b)) {
            return out;
        }
        return Autograd.record("where", out, of(cond, a, b), of(cond), g -> {
            Tensor zero = Tensor.zeros(g.dtype());
            return of(null, Tensor.where(cond, g, zero).sumToShape(a.shape),
                    Tensor.where(cond, zero, g).sumToShape(b.shape));
        });
    }

    /** A 0/1 mask in {@code a}'s dtype ({@code test} is one of the comparisons); masks are constants for autograd. */
    static Tensor compare(String op, Tensor a, Tensor b, Binary test) {
        sameDtype(op, a, b);
        return Loops.zip(op, a, b, test);
    }

}
