package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;
import io.javagrad.core.kernels.Updates;
import java.util.Arrays;

/**
 * The loop behind the arithmetic in-place ops: {@code self[i] = rule(self[i], a[i], b[i])}, with {@code a} and
 * {@code b} broadcast to self's shape. float32 tensors are updated in float arithmetic (the constants rounded to
 * float first, as PyTorch does; the loops then vectorize), float64 tensors in double. The common case (all
 * contiguous from offset 0, same shape, separate storage) runs over the storage arrays without allocating, with
 * one loop per rule for the rules optimizers use every step; any other layout runs the same loops on contiguous
 * copies and then writes back, so overlapping views read old values and every layout gives the same result.
 */
final class InPlace {
    private InPlace() {}

    /** An element-wise update rule with up to two constants {@code p} and {@code q}. */
    enum Rule {
        /** {@code x + p * a}. */
        AXPY,
        /** {@code x * a}. */
        MUL,
        /** {@code x + p * a * b}. */
        ADDCMUL,
        /** {@code x * p + q * a * b}: MUL_SCALAR then ADDCMUL in one pass, rounded as the two steps are. */
        SCALE_ADDCMUL,
        /** {@code x + p * a / b}. */
        ADDCDIV,
        /** {@code x + p * (a - x)}. */
        LERP,
        /** {@code x + p}. */
        ADD_SCALAR,
        /** {@code x * p}. */
        MUL_SCALAR,
        /** {@code sqrt(x)}. */
        SQRT,
        /** {@code sqrt(a) * p + q}: copy, SQRT, MUL_SCALAR, ADD_SCALAR in one pass, rounded as those steps are. */
        SQRT_AFFINE,
        /** {@code max(x, a)}, NaN propagating. */
        MAXIMUM,
        /** {@code min(max(x, p), q)}. */
        CLAMP;

        double apply(double x, double a, double b, double p, double q) {
            return switch (this) {
                case AXPY -> x + p * a;
                case MUL -> x * a;
                case ADDCMUL -> x + p * a * b;
                case SCALE_ADDCMUL -> x * p + q * a * b;
                case ADDCDIV -> x + p * a / b;
                case LERP -> x + p * (a - x);
                case ADD_SCALAR -> x + p;
                case MUL_SCALAR -> x * p;
                case SQRT -> Math.sqrt(x);
                case SQRT_AFFINE -> Math.sqrt(a) * p + q;
                case MAXIMUM -> Math.max(x, a);
                case CLAMP -> Math.min(Math.max(x, p), q);
            };
        }
    }

    /** Applies {@code rule} to {@code self} in place (never recorded, bumps the version); returns self. */
    static Tensor apply(String op, Tensor self, Tensor a, Tensor b, Rule rule, double p, double q) {
        self.checkInPlace(op);
        self.checkSameDtype(op, a);
        self.checkSameDtype(op, b);
        Tensor ea = a == self ? a : a.expandTo(op, self.shape);
        Tensor eb = b == a ? ea : b.expandTo(op, self.shape);
        if (isFastPath(self, ea) && isFastPath(self, eb)) {
            if (self.f != null) {
                contiguous(rule, self.f, ea.f, eb.f, p, q, self.numel());
            } else {
                contiguous(rule, self.d, ea.d, eb.d, p, q, self.numel());
            }
        } else {
            strided(self, ea, eb, rule, p, q);
        }
        self.bumpVersion();
        return self;
    }

    /** {@link #apply(String, Tensor, Tensor, Tensor, Rule, double, double)} for a rule that reads only self. */
    static Tensor apply(String op, Tensor self, Rule rule, double p, double q) {
        return apply(op, self, self, self, rule, p, q);
    }

    /**
     * Work units per element of a fused Adam step: it reads four arrays and writes three, with a division and a square
     * root among a dozen flops, about four element-wise passes; so a step splits from 16,384 elements on.
     */
    private static final long ADAM_WORK_PER_ELEMENT = 4 * ParallelFor.ELEMENT_WORK;

    /**
     * One Adam step on {@code param} with gradient {@code g} and moments {@code m}, {@code v}; see
     * {@link Tensor#adamStepInPlace}. Four separate contiguous tensors of one shape take one fused pass, split across
     * threads above the work threshold; any other layout runs the chain of in-place steps it fuses.
     */
    static Tensor adam(Tensor param, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double scale, double eps,
                       double step) {
        String op = "adamStepInPlace";
        param.checkInPlace(op);
        m.checkInPlace(op);
        v.checkInPlace(op);
        param.checkSameDtype(op, g);
        param.checkSameDtype(op, m);
        param.checkSameDtype(op, v);
        if (!separateFastPath(param, g, m, v)) {
            m.lerpInPlace(g, 1 - beta1);
            v.scaleAddcmulInPlace(beta2, g, g, 1 - beta2);
            return param.addcdivInPlace(m, Tensor.empty(param.dtype(), param.shape).setSqrtAffineInPlace(v, scale, eps),
                    step);
        }
        int n = param.numel();
        long work = ADAM_WORK_PER_ELEMENT * n;
        if (!ParallelFor.splits(n, work)) { // inline, without a closure
            adamRange(param, g, m, v, 0, n, beta1, beta2, scale, eps, step);
        } else {
            ParallelFor.run(n, work, (from, to) -> adamRange(param, g, m, v, from, to, beta1, beta2, scale, eps, step));
        }
        m.bumpVersion();
        v.bumpVersion();
        param.bumpVersion();
        return param;
    }

    private static void adamRange(Tensor param, Tensor g, Tensor m, Tensor v, int from, int to, double beta1,
                                  double beta2, double scale, double eps, double step) {
        if (param.f != null) {
            Updates.adam(param.f, g.f, m.f, v.f, from, to, 1 - beta1, beta2, 1 - beta2, scale, eps, step);
        } else {
            Updates.adam(param.d, g.d, m.d, v.d, from, to, 1 - beta1, beta2, 1 - beta2, scale, eps, step);
        }
    }

    /** Whether every pair of the four is on the fast path with separate storage. */
    private static boolean separateFastPath(Tensor a, Tensor b, Tensor c, Tensor d) {
        return separate(a, b) && separate(a, c) && separate(a, d) && separate(b, c) && separate(b, d)
                && separate(c, d);
    }

    private static boolean separate(Tensor x, Tensor y) {
        return x != y && isFastPath(x, y);
    }

    /**
     * Same shape, both contiguous from the start of their storage (an optimizer's parameters, gradients and state),
     * and either separate storage or the same tensor. The loops then index every array from 0, which the JIT
     * vectorizes; with arbitrary offsets it could not rule out overlap.
     */
    private static boolean isFastPath(Tensor self, Tensor x) {
        if (x == self) {
            return self.offset == 0 && self.isContiguous();
        }
        boolean shared = self.f != null ? self.f == x.f : self.d == x.d;
        return self.offset == 0 && x.offset == 0 && self.isContiguous() && x.isContiguous()
                && Arrays.equals(self.shape, x.shape) && !shared;
    }

    private static void contiguous(Rule rule, float[] s, float[] x, float[] y, double p, double q, int n) {
        float pf = (float) p;
        float qf = (float) q;
        switch (rule) {
            case AXPY -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + pf * x[i];
                }
            }
            case ADDCMUL -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + pf * x[i] * y[i];
                }
            }
            case SCALE_ADDCMUL -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] * pf + qf * x[i] * y[i];
                }
            }
            case ADDCDIV -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + pf * x[i] / y[i];
                }
            }
            case LERP -> {
                for (int i = 0; i < n; i++) {
                    float v = s[i];
                    s[i] = v + pf * (x[i] - v);
                }
            }
            case ADD_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + pf;
                }
            }
            case MUL_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] * pf;
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    s[i] = (float) Math.sqrt(s[i]);
                }
            }
            case SQRT_AFFINE -> {
                for (int i = 0; i < n; i++) {
                    s[i] = (float) Math.sqrt(x[i]) * pf + qf;
                }
            }
            default -> { // MUL, MAXIMUM and CLAMP are exact, in float or in double
                for (int i = 0; i < n; i++) {
                    s[i] = (float) rule.apply(s[i], x[i], y[i], p, q);
                }
            }
        }
    }

    private static void contiguous(Rule rule, double[] s, double[] x, double[] y, double p, double q, int n) {
        switch (rule) {
            case AXPY -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + p * x[i];
                }
            }
            case ADDCMUL -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + p * x[i] * y[i];
                }
            }
            case SCALE_ADDCMUL -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] * p + q * x[i] * y[i];
                }
            }
            case ADDCDIV -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + p * x[i] / y[i];
                }
            }
            case LERP -> {
                for (int i = 0; i < n; i++) {
                    double v = s[i];
                    s[i] = v + p * (x[i] - v);
                }
            }
            case ADD_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] + p;
                }
            }
            case MUL_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    s[i] = s[i] * p;
                }
            }
            case SQRT -> {
                for (int i = 0; i < n; i++) {
                    s[i] = Math.sqrt(s[i]);
                }
            }
            case SQRT_AFFINE -> {
                for (int i = 0; i < n; i++) {
                    s[i] = Math.sqrt(x[i]) * p + q;
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    s[i] = rule.apply(s[i], x[i], y[i], p, q);
                }
            }
        }
    }

    private static void strided(Tensor self, Tensor a, Tensor b, Rule rule, double p, double q) {
        Tensor values = self.copy();
        Tensor ac = a.copy();
        Tensor bc = b == a ? ac : b.copy();
        if (self.f != null) {
            contiguous(rule, values.f, ac.f, bc.f, p, q, values.numel());
        } else {
            contiguous(rule, values.d, ac.d, bc.d, p, q, values.numel());
        }
        Loops.copy(values, self);
    }
}
