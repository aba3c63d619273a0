package io.javagrad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/** float64 leaves for gradient checks, in contiguous and non-contiguous layouts with the same values. */
final class TestTensors {
    private TestTensors() {}

    /** Standard normal float64 values. */
    static Tensor randn(long seed, int... shape) {
        return Tensor.randn(new Rng(seed), DType.FLOAT64, shape).requiresGrad(true);
    }

    /** Uniform float64 values in [low, high). */
    static Tensor uniform(long seed, double low, double high, int... shape) {
        return Tensor.uniform(new Rng(seed), DType.FLOAT64, low, high, shape).requiresGrad(true);
    }

    /** Standard normal values moved at least {@code margin} away from 0 (for ops with a kink there). */
    static Tensor awayFromZero(long seed, double margin, int... shape) {
        return map(randn(seed, shape), x -> x + Math.copySign(margin, x));
    }

    /** A leaf whose elements are {@code op} of {@code t}'s. */
    static Tensor map(Tensor t, DoubleUnaryOperator op) {
        return Loops.map(t, op).requiresGrad(true);
    }

    /** The values of {@code t} in a leaf stored transposed (last two axes swapped), so not contiguous. */
    static Tensor transposed(Tensor t) {
        int[] s = t.shape();
        int r = s.length;
        int tmp = s[r - 1];
        s[r - 1] = s[r - 2];
        s[r - 2] = tmp;
        Tensor view = Tensor.zeros(DType.FLOAT64, s).transpose(-2, -1);
        view.copyFrom(t.detach());
        return view.requiresGrad(true);
    }

    /** The values of {@code t} in a leaf that reads every other element of a larger buffer along the last axis. */
    static Tensor strided(Tensor t) {
        int[] s = t.shape();
        s[s.length - 1] *= 2;
        Tensor view = Tensor.zeros(DType.FLOAT64, s).slice(-1, 1, s[s.length - 1], 2);
        view.copyFrom(t.detach());
        return view.requiresGrad(true);
    }

    /** {@code t} as a contiguous leaf, transposed (rank >= 2) and strided (rank >= 1): same values, three layouts. */
    static List<Tensor> layouts(Tensor t) {
        List<Tensor> all = new ArrayList<>();
        all.add(map(t, x -> x));
        if (t.rank() >= 2) {
            all.add(transposed(t));
        }
        if (t.rank() >= 1) {
            all.add(strided(t));
        }
        return all;
    }

    /** Runs {@code check} on every layout of {@code t}; the failure names the layout. */
    static void forEachLayout(Tensor t, java.util.function.Consumer<Tensor> check) {
        for (Tensor x : layouts(t)) {
            try {
                check.accept(x);
            } catch (AssertionError e) {
                throw new AssertionError("layout with strides " + java.util.Arrays.toString(x.strides()) + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** First- and second-order gradient checks. */
    static void checkTwice(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.assertGradients(f, inputs);
        GradCheck.assertGradGrad(f, inputs);
    }
}
