package io.javagrad.core;

import java.util.Arrays;

/**
 * The loop behind the arithmetic in-place ops: {@code self[i] = fn(self[i], a[i], b[i])}, with {@code a} and
 * {@code b} broadcast to self's shape. Values are computed in double and rounded once to self's dtype. The
 * common case (all contiguous, same shape, no partial overlap) runs over the storage arrays without allocating;
 * any other layout computes every new value first, then writes, so overlapping views read old values.
 */
final class InPlace {
    private InPlace() {}

    /** An element-wise update rule. */
    @FunctionalInterface
    interface Rule {
        double apply(double self, double a, double b);
    }

    /** Applies {@code rule} to {@code self} in place (never recorded, bumps the version); returns self. */
    static Tensor apply(String op, Tensor self, Tensor a, Tensor b, Rule rule) {
        self.checkInPlace(op);
        self.checkSameDtype(op, a);
        self.checkSameDtype(op, b);
        Tensor ea = a.expandTo(op, self.shape);
        Tensor eb = b.expandTo(op, self.shape);
        if (isFastPath(self, ea) && isFastPath(self, eb)) {
            contiguous(self, ea, eb, rule);
        } else {
            strided(self, ea, eb, rule);
        }
        self.bumpVersion();
        return self;
    }

    /** Same shape, both contiguous, and either separate storage or exactly the same elements. */
    private static boolean isFastPath(Tensor self, Tensor x) {
        boolean shared = self.f != null ? self.f == x.f : self.d == x.d;
        return self.isContiguous() && x.isContiguous() && Arrays.equals(self.shape, x.shape)
                && (!shared || self.offset == x.offset);
    }

    private static void contiguous(Tensor self, Tensor a, Tensor b, Rule rule) {
        int n = self.numel();
        int so = self.offset;
        int ao = a.offset;
        int bo = b.offset;
        if (self.f != null) {
            float[] s = self.f;
            float[] x = a.f;
            float[] y = b.f;
            for (int i = 0; i < n; i++) {
                s[so + i] = (float) rule.apply(s[so + i], x[ao + i], y[bo + i]);
            }
        } else {
            double[] s = self.d;
            double[] x = a.d;
            double[] y = b.d;
            for (int i = 0; i < n; i++) {
                s[so + i] = rule.apply(s[so + i], x[ao + i], y[bo + i]);
            }
        }
    }

    private static void strided(Tensor self, Tensor a, Tensor b, Rule rule) {
        int[] so = Loops.offsets(self);
        int[] ao = Loops.offsets(a);
        int[] bo = Loops.offsets(b);
        double[] values = new double[so.length];
        for (int i = 0; i < so.length; i++) {
            values[i] = rule.apply(Loops.read(self, so[i]), Loops.read(a, ao[i]), Loops.read(b, bo[i]));
        }
        for (int i = 0; i < so.length; i++) {
            if (self.f != null) {
                self.f[so[i]] = (float) values[i];
            } else {
                self.d[so[i]] = values[i];
            }
        }
    }
}
