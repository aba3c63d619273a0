package io.javagrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A record of every step of a backward pass, in the order the engine ran them (the last op of the forward
 * first), so that the chain rule can be checked by hand: for each op, the upstream gradient dL/d(out), each
 * input's value, its local derivative d(out)/d(in) and the gradient dL/d(in) the op passed on.
 *
 * <pre>{@code
 * Tensor y = w.mul(x).add(b).sigmoid();
 * BackpropTrace trace = BackpropTrace.of(y);
 * System.out.println(trace);     // sigmoid, then add, then mul
 * }</pre>
 *
 * <p><b>Local derivatives.</b> For an element-wise op (add, mul, sigmoid, tanh, exp, ...) the Jacobian of the
 * output with respect to an input of the output's shape is diagonal, so its diagonal is the op's backward
 * applied to an upstream gradient of ones; the trace computes it that way, once per step, with graph recording
 * off. The gradient passed on is then {@code upstream * local}, element by element. For every other op
 * (matmul, sum, reshape, ...) and for a broadcast input the step says "vector-Jacobian product" and shows the
 * gradient the op's backward returned. A constant input (no {@code requiresGrad}) gets no gradient.
 *
 * <p>When a tensor feeds several ops, its upstream gradient is the sum of what those ops passed back; its
 * step comes after all of them. Tensors are labelled by their {@link Tensor#name()}, or {@code t1, t2, ...}
 * in the order the trace meets them.
 *
 * <p>Recording costs nothing when no trace is active: the engine reads one thread-local per backward pass.
 */
public final class BackpropTrace {
    /** Ops whose output element i depends only on element i of each same-shaped input. */
    private static final Set<String> ELEMENTWISE_OPS = Set.of("abs", "add", "addScalar", "clamp", "clone", "contiguous",
            "cos", "div", "elu", "erf", "exp", "gelu", "leakyRelu", "log", "maximum", "minimum", "mul", "mulScalar",
            "neg", "pow", "relu", "sigmoid", "sign", "sin", "softplus", "sqrt", "sub", "tanh", "where");
    private static final int MAX_SHOWN_ELEMENTS = 16;

    /** One input of a step: its value, local derivative ({@code null} when not element-wise) and gradient ({@code null} for a constant). */
    public record Operand(String label, Tensor value, Tensor localDerivative, Tensor gradient) {}

    /** One op's backward: {@code output = op(inputs)} received {@code upstream} = dL/d(output). */
    public record Step(int index, String op, String outputLabel, Tensor output, Tensor upstream, List<Operand> inputs) {}

    private final List<Step> steps;

    private BackpropTrace(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * Runs {@code backwardCall} (e.g. {@code () -> loss.backward()}) and records every backward step it runs on
     * this thread. A trace recorded inside it does not show in this one.
     */
    public static BackpropTrace record(Runnable backwardCall) {
        Recorder recorder = new Recorder();
        Autograd.Listener previous = Autograd.setListener(recorder);
        try {
            backwardCall.run();
        } finally {
            Autograd.setListener(previous);
        }
        return new BackpropTrace(recorder.steps);
    }

    /**
     * Runs {@code loss.backward()} keeping the graph (so it can still be drawn or differentiated again) and
     * returns its trace; the leaves' {@code grad()} accumulate as with {@code backward()}.
     */
    public static BackpropTrace of(Tensor loss) {
        return record(() -> loss.backward(null, true, false));
    }

    /** The steps in the order the engine ran them. */
    public List<Step> steps() {
        return steps;
    }

    /** The trace as text, one block per step; tensors of more than 16 elements are shown by shape. */
    public String format() {
        StringBuilder sb = new StringBuilder("backward pass: ").append(steps.size())
                .append(" steps, from the output back to the inputs; each gradient = upstream x local derivative\n");
        for (Step s : steps) {
            List<String> inputLabels = s.inputs().stream().map(Operand::label).toList();
            String dOut = "dL/d" + s.outputLabel();
            sb.append(String.format("%nstep %d: %s = %s(%s)%n", s.index(), s.outputLabel(), s.op(), String.join(", ", inputLabels)));
            row(sb, "  ", s.outputLabel(), values(s.output()));
            row(sb, "  ", "upstream " + dOut, values(s.upstream()));
            for (Operand in : s.inputs()) {
                row(sb, "  ", in.label(), values(in.value()));
                if (in.gradient() == null) {
                    row(sb, "    ", "gradient", "none (constant)");
                    continue;
                }
                row(sb, "    ", "local d" + s.outputLabel() + "/d" + in.label(), localText(s.op(), in));
                row(sb, "    ", "gradient dL/d" + in.label(), values(in.gradient()));
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }

    private static String localText(String op, Operand in) {
        if (in.localDerivative() != null) {
            return values(in.localDerivative());
        }
        return ELEMENTWISE_OPS.contains(op) ? "vector-Jacobian product (broadcast input: summed over the broadcast axes)"
                : "vector-Jacobian product (not element-wise)";
    }

    private static void row(StringBuilder sb, String indent, String what, String value) {
        sb.append(String.format("%-28s = %s%n", indent + what, value));
    }

    private static String values(Tensor t) {
        String shape = Shapes.str(t.shape()) + " " + t.dtype();
        return t.numel() <= MAX_SHOWN_ELEMENTS ? TensorFormat.compact(t) + "   " + shape : shape;
    }

    /** The engine's listener: labels tensors, finds each node's output and computes local derivatives. */
    private static final class Recorder implements Autograd.Listener {
        private final List<Step> steps = new ArrayList<>();
        private final Map<Node, Tensor> outputs = new IdentityHashMap<>();
        private final Map<Tensor, String> labels = new IdentityHashMap<>();
        private int unnamed;

        @Override
        public void started(List<Tensor> roots) {
            for (Tensor root : roots) {
                if (root.gradFn() != null) {
                    outputs.put(root.gradFn(), root);
                }
            }
        }

        @Override
        public void step(Node node, Tensor gradOutput, Tensor[] gradInputs) {
            // Nodes run after all their consumers, so each node's output was met as a consumer's input (or is a root).
            Tensor output = outputs.get(node);
            String outputLabel = label(output);
            Tensor[] local = localDerivatives(node, output);
            List<Operand> operands = new ArrayList<>();
            for (int i = 0; i < node.inputCount(); i++) {
                Tensor in = node.input(i);
                if (in == null) {
                    continue;
                }
                if (in.gradFn() != null) {
                    outputs.putIfAbsent(in.gradFn(), in);
                }
                boolean differentiable = in.requiresGrad() && gradInputs[i] != null;
                boolean elementwise = local != null && Arrays.equals(in.shape(), output.shape());
                operands.add(new Operand(label(in), in.detach(), differentiable && elementwise ? local[i] : null,
                        differentiable ? gradInputs[i].detach() : null));
            }
            steps.add(new Step(steps.size() + 1, node.op(), outputLabel, output.detach(), gradOutput.detach(), operands));
        }

        /** The diagonal Jacobians of an element-wise op: its backward applied to ones; {@code null} for other ops. */
        private static Tensor[] localDerivatives(Node node, Tensor output) {
            if (!ELEMENTWISE_OPS.contains(node.op())) {
                return null;
            }
            try (Autograd.Scope s = Autograd.noGrad()) {
                return node.applyBackward(Tensor.ones(output.dtype(), output.shape()));
            }
        }

        private String label(Tensor t) {
            return labels.computeIfAbsent(t, k -> k.name() != null ? k.name() : "t" + ++unnamed);
        }
    }
}
