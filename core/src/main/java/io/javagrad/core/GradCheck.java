package io.javagrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Compares the gradients computed by autograd with central finite differences, for any function of any number
 * of tensors, as {@code torch.autograd.gradcheck} does.
 *
 * <p>Only the inputs with {@code requiresGrad(true)} are checked. For every output element and every input
 * element the analytic partial derivative must be within {@code atol + rtol * |numeric|} of
 * {@code (f(x + eps) - f(x - eps)) / (2 eps)}. Defaults follow PyTorch: eps 1e-6, atol 1e-5, rtol 1e-3.
 * Inputs must be float64: in float32 those differences are rounding noise, so float32 inputs are refused
 * unless the caller loosens the tolerances with {@link Options#allowingFloat32(double, double, double)}.
 *
 * <pre>{@code
 * Tensor x = Tensor.randn(new Rng(1), DType.FLOAT64, 3, 4).requiresGrad(true);
 * GradCheck.assertGradients(in -> in[0].tanh().sum(), x);   // throws AssertionError with the report
 * }</pre>
 */
public final class GradCheck {
    private GradCheck() {}

    /** Step and tolerances of a check. */
    public record Options(double eps, double atol, double rtol, boolean allowFloat32) {
        /** PyTorch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3, float64 only. */
        public static Options defaults() {
            return new Options(1e-6, 1e-5, 1e-3, false);
        }

        /** Loosened tolerances that also accept float32 inputs, e.g. {@code (1e-2, 1e-2, 1e-2)}. */
        public static Options allowingFloat32(double eps, double atol, double rtol) {
            return new Options(eps, atol, rtol, true);
        }

        /** These options with another step. */
        public Options withEps(double newEps) {
            return new Options(newEps, atol, rtol, allowFloat32);
        }

        /** These options with other tolerances. */
        public Options withTolerances(double newAtol, double newRtol) {
            return new Options(eps, newAtol, newRtol, allowFloat32);
        }
    }

    /** The outcome of a check; the worst element is the one furthest beyond (or closest to) its tolerance. */
    public record Report(boolean passed, int checkedElements, int failedElements, int worstInput, int[] worstIndex,
                         int worstOutput, int worstOutputElement, double analytic, double numeric, Options options) {
        /** Absolute error of the worst element. */
        public double absoluteError() {
            return Math.abs(analytic - numeric);
        }

        /** Relative error of the worst element (relative to the numeric value). */
        public double relativeError() {
            return absoluteError() / Math.max(Math.abs(numeric), Double.MIN_NORMAL);
        }

        @Override
        public String toString() {
            String head = passed
                    ? "gradient check passed: " + checkedElements + " partial derivatives within tolerance"
                    : "gradient check FAILED: " + failedElements + " of " + checkedElements + " partial derivatives"
                            + " outside atol=" + options.atol() + " + rtol=" + options.rtol() + " * |numeric|";
            if (worstIndex == null) {
                return head;
            }
            return head + "; worst: input " + worstInput + " index " + Arrays.toString(worstIndex)
                    + ", output " + worstOutput + " element " + worstOutputElement
                    + ": analytic " + analytic + ", numeric " + numeric
                    + ", absolute error " + absoluteError() + ", relative error " + relativeError()
                    + " (eps=" + options.eps() + ")";
        }
    }

    /** Checks a scalar- or tensor-valued function with the default options. */
    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(Options.defaults(), f, inputs);
    }

    /** Checks a function with the given options. */
    public static Report check(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return checkMulti(options, in -> new Tensor[] {f.apply(in)}, inputs);
    }

    /** Throws an {@link AssertionError} carrying the report when the check fails. */
    public static void assertGradients(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertPassed(check(f, inputs));
    }

    /** {@link #assertGradients(Function, Tensor...)} with the given options. */
    public static void assertGradients(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertPassed(check(options, f, inputs));
    }

    /**
     * Second-order check: the gradients of {@code f} (computed with {@code createGraph}) are themselves checked
     * as a function of the inputs and of random output gradients, as {@code torch.autograd.gradgradcheck} does.
     */
    public static Report gradGradCheck(Options options, Function<Tensor[], Tensor> f, Tensor... inputs) {
        List<Tensor> diff = differentiable(options, inputs);
        Tensor probe = f.apply(inputs);
        Rng rng = new Rng(12345);
        Tensor v = Tensor.randn(rng, probe.dtype(), probe.shape).requiresGrad(true);
        Tensor[] all = Arrays.copyOf(inputs, inputs.length + 1);
        all[inputs.length] = v;
        return checkMulti(options, in -> {
            try (Autograd.Scope s = Autograd.enableGrad()) {
                Tensor[] xs = Arrays.copyOf(in, inputs.length);
                Tensor out = f.apply(xs);
                List<Tensor> targets = new ArrayList<>();
                for (Tensor x : xs) {
                    if (diff.contains(x)) {
                        targets.add(x);
                    }
                }
                return Autograd.grad(List.of(out), targets, List.of(in[inputs.length]), true, true, true)
                        .toArray(new Tensor[0]);
            }
        }, all);
    }

    /** Second-order check with the default options. */
    public static Report gradGradCheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return gradGradCheck(Options.defaults(), f, inputs);
    }

    /** Throws an {@link AssertionError} when the second-order check fails. */
    public static void assertGradGrad(Function<Tensor[], Tensor> f, Tensor... inputs) {
        assertPassed(gradGradCheck(f, inputs));
    }

    private static void assertPassed(Report report) {
        if (!report.passed()) {
            throw new AssertionError(report.toString());
        }
    }

    private static List<Tensor> differentiable(Options options, Tensor[] inputs) {
        List<Tensor> diff = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i];
            if (!x.requiresGrad()) {
                continue;
            }
            if (x.dtype() == DType.FLOAT32 && !options.allowFloat32()) {
                throw new IllegalArgumentException("GradCheck: input " + i + " of shape " + Shapes.str(x.shape)
                        + " is float32. Central differences with eps=" + options.eps() + " drown in float32 rounding"
                        + " (about 7 significant digits); convert the inputs with to(DType.FLOAT64), or loosen the"
                        + " tolerances explicitly with Options.allowingFloat32(eps, atol, rtol)");
            }
            diff.add(x);
        }
        if (diff.isEmpty()) {
            throw new IllegalArgumentException("GradCheck: no input requires a gradient; call requiresGrad(true) on"
                    + " the inputs to check");
        }
        return diff;
    }

    private static Report checkMulti(Options options, Function<Tensor[], Tensor[]> f, Tensor... inputs) {
        List<Tensor> diff = differentiable(options, inputs);
        Tensor[] outputs = f.apply(inputs);
        // analytic[o][e] = gradients of output o element e with respect to each differentiable input
        List<List<double[]>> analytic = new ArrayList<>();
        for (Tensor out : outputs) {
            List<double[]> rows = new ArrayList<>();
            for (int e = 0; e < out.numel(); e++) {
                double[] row = new double[totalSize(diff)];
                if (out.requiresGrad()) {
                    Tensor seed = Tensor.zeros(out.dtype(), out.shape);
                    seed.write(e, 1);
                    List<Tensor> grads = Autograd.grad(List.of(out), diff, List.of(seed), true, false, true);
                    int pos = 0;
                    for (Tensor g : grads) {
                        double[] values = g.toDoubleArray();
                        System.arraycopy(values, 0, row, pos, values.length);
                        pos += values.length;
                    }
                }
                rows.add(row);
            }
            analytic.add(rows);
        }
        Tracker tracker = new Tracker(options);
        int pos = 0;
        for (Tensor x : diff) {
            int inputIndex = Arrays.asList(inputs).indexOf(x);
            for (int i = 0; i < x.numel(); i++) {
                int[] index = Shapes.unravel(i, x.shape);
                double original = x.get(index);
                double[][] plus = evaluate(f, inputs, x, index, original + options.eps());
                double[][] minus = evaluate(f, inputs, x, index, original - options.eps());
                set(x, index, original);
                for (int o = 0; o < outputs.length; o++) {
                    for (int e = 0; e < plus[o].length; e++) {
                        double numeric = (plus[o][e] - minus[o][e]) / (2 * options.eps());
                        tracker.compare(inputIndex, index, o, e, analytic.get(o).get(e)[pos + i], numeric);
                    }
                }
            }
            pos += x.numel();
        }
        return tracker.report();
    }

    private static double[][] evaluate(Function<Tensor[], Tensor[]> f, Tensor[] inputs, Tensor x, int[] index, double value) {
        set(x, index, value);
        try (Autograd.Scope s = Autograd.noGrad()) {
            Tensor[] outs = f.apply(inputs);
            double[][] values = new double[outs.length][];
            for (int o = 0; o < outs.length; o++) {
                values[o] = outs[o].toDoubleArray();
            }
            return values;
        }
    }

    private static void set(Tensor x, int[] index, double value) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            x.set(value, index);
        }
    }

    private static int totalSize(List<Tensor> tensors) {
        int n = 0;
        for (Tensor t : tensors) {
            n += t.numel();
        }
        return n;
    }


    /** Keeps the counts and the worst element seen so far. */
    private static final class Tracker {
        private final Options options;
        private int checked;
        private int failed;
        private double worstRatio = -1;
        private int input;
        private int[] index;
        private int output;
        private int element;
        private double analytic;
        private double numeric;

        Tracker(Options options) {
            this.options = options;
        }

        void compare(int inputIndex, int[] idx, int o, int e, double a, double n) {
            checked++;
            double allowed = options.atol() + options.rtol() * Math.abs(n);
            double ratio = Math.abs(a - n) / allowed;
            if (Double.isNaN(a) != Double.isNaN(n) || Double.isNaN(ratio)) {
                ratio = Double.POSITIVE_INFINITY;
            }
            if (ratio > 1) {
                failed++;
            }
            if (ratio > worstRatio) {
                worstRatio = ratio;
                input = inputIndex;
                index = idx.clone();
                output = o;
                element = e;
                analytic = a;
                numeric = n;
            }
        }

        Report report() {
            return new Report(failed == 0, checked, failed, input, index, output, element, analytic, numeric, options);
        }
    }
}
