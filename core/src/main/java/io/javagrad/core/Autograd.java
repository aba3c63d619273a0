package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine: gradient mode, {@code backward}, and the functional {@link #grad} that returns
 * gradients (optionally differentiable again, for gradients of gradients).
 *
 * <p>Ops record a {@link Node} on their output when gradient mode is on and an input requires a gradient.
 * {@code backward} walks the graph once in reverse topological order, calling each node's backward and
 * summing the gradients that reach the same tensor. A gradient the engine alone holds goes back to the
 * {@link BufferPool} open on the thread, if any, once its node's backward has used it.
 */
public final class Autograd {
    private static final ThreadLocal<boolean[]> GRAD_ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});
    private static final ThreadLocal<Listener> LISTENER = new ThreadLocal<>();

    private Autograd() {}

    /** A scope that restores the previous gradient mode when closed. */
    public static final class Scope implements AutoCloseable {
        private final boolean previous;

        private Scope(boolean enabled) {
            boolean[] flag = GRAD_ENABLED.get();
            previous = flag[0];
            flag[0] = enabled;
        }

        @Override
        public void close() {
            GRAD_ENABLED.get()[0] = previous;
        }
    }

    /** Turns graph recording off until the returned scope is closed: {@code try (var s = Autograd.noGrad()) {...}}. */
    public static Scope noGrad() {
        return new Scope(false);
    }

    /** Turns graph recording on until the returned scope is closed (for use inside a no-grad scope). */
    public static Scope enableGrad() {
        return new Scope(true);
    }

    /** Whether ops currently record the graph on this thread. */
    public static boolean isGradEnabled() {
        return GRAD_ENABLED.get()[0];
    }

    /** Told about each step of the backward passes run on its thread (see {@link BackpropTrace}). */
    interface Listener {
        /** A backward pass starts from {@code outputs}. */
        void started(List<Tensor> outputs);

        /** {@code node}'s backward mapped {@code gradOutput} to {@code gradInputs} (one per input, may hold nulls). */
        void step(Node node, Tensor gradOutput, Tensor[] gradInputs);
    }

    /** Installs {@code listener} ({@code null} removes it) on this thread; returns the one it replaces. */
    static Listener setListener(Listener listener) {
        Listener previous = LISTENER.get();
        if (listener == null) {
            LISTENER.remove();
        } else {
            LISTENER.set(listener);
        }
        return previous;
    }

    /**
     * Computes two independent gradients of one backward, such as a layer's input gradient ({@code first}) and its
     * weight gradient ({@code second}), of {@code work} units in all: at once on two threads where that pays
     * ({@link ParallelFor#both}) when nothing is being recorded (a first-order backward, the training step), else one
     * after the other. Either task may run on a pool thread, with recording off as here.
     */
    static void bothGradients(long work, Runnable first, Runnable second) {
        if (isGradEnabled()) {
            first.run();
            second.run();
        } else {
            ParallelFor.both(work, first, () -> {
                try (Scope unrecorded = noGrad()) {
                    second.run();
                }
            });
        }
    }

    /**
     * Whether an op reading {@code a} records a node (gradient mode on and {@code a} requires a gradient). Ops ask
     * before building their backward, so that no closure is made for a node that will not be recorded.
     */
    static boolean recording(Tensor a) {
        return a.requiresGrad() && isGradEnabled();
    }

    /** {@link #recording(Tensor)} for an op reading {@code a} and {@code b} (either may be {@code null}). */
    static boolean recording(Tensor a, Tensor b) {
        return (needsGrad(a) || needsGrad(b)) && isGradEnabled();
    }

    /** {@link #recording(Tensor)} for an op reading three tensors (any may be {@code null}). */
    static boolean recording(Tensor a, Tensor b, Tensor c) {
        return (needsGrad(a) || needsGrad(b) || needsGrad(c)) && isGradEnabled();
    }

    private static boolean needsGrad(Tensor t) {
        return t != null && t.requiresGrad();
    }

    /**
     * Records {@code op} on {@code out} if gradient mode is on and an input requires a gradient.
     *
     * @param saved the tensors the backward reads (checked against in-place changes)
     * @return {@code out}
     */
    static Tensor record(String op, Tensor out, Tensor[] inputs, Tensor[] saved, BackwardFn backward) {
        if (!isGradEnabled()) {
            return out;
        }
        for (Tensor in : inputs) {
            if (in != null && in.requiresGrad()) {
                out.attach(new Node(op, inputs, saved, backward));
                return out;
            }
        }
        return out;
    }

    /**
     * Gradients of {@code outputs} with respect to {@code inputs}, without touching any {@code .grad()}.
     *
     * @param gradOutputs the gradient seeding each output; {@code null} entries (or a null list) mean ones for
     *                    scalar outputs
     * @param retainGraph keep the graph for another backward
     * @param createGraph record the backward itself, so the returned gradients can be differentiated again
     * @param allowUnused return zeros, instead of throwing, for an input that no output depends on
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        Map<Tensor, Tensor> captured = new IdentityHashMap<>();
        for (Tensor in : inputs) {
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("Autograd.grad: input of shape " + Shapes.str(in.shape())
                        + " does not require a gradient");
            }
            captured.put(in, null);
        }
        run(outputs, gradOutputs, retainGraph || createGraph, createGraph, captured);
        List<Tensor> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            Tensor g = captured.get(in);
            if (g == null) {
                if (!allowUnused) {
                    throw new IllegalArgumentException("Autograd.grad: input " + i + " of shape " + Shapes.str(in.shape())
                            + " is not used by the outputs; pass allowUnused=true to get zeros");
                }
                g = Tensor.zeros(in.dtype(), in.shape());
            }
            result.add(g);
        }
        return result;
    }

    /** {@link #grad(List, List, List, boolean, boolean, boolean)} for one scalar output. */
    public static List<Tensor> grad(Tensor output, List<Tensor> inputs, boolean createGraph) {
        return grad(List.of(output), inputs, null, createGraph, createGraph, false);
    }

    /** Accumulates gradients into the leaves' {@code .grad()}; used by {@link Tensor#backward}. */
    static void backward(Tensor output, Tensor gradOutput, boolean retainGraph, boolean createGraph) {
        run(List.of(output), Collections.singletonList(gradOutput), retainGraph || createGraph, createGraph, null);
    }

    /**
     * Runs the backward pass. With {@code captured == null} gradients accumulate into leaves; otherwise the
     * gradients of the tensors in {@code captured} are stored there and no {@code .grad()} changes.
     */
    private static void run(List<Tensor> outputs, List<Tensor> gradOutputs, boolean retainGraph, boolean createGraph,
                            Map<Tensor, Tensor> captured) {
        List<Tensor> seeds = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            seeds.add(seedFor(out, gradOutputs == null ? null : gradOutputs.get(i)));
            if (!out.requiresGrad()) {
                throw new IllegalStateException("backward: tensor of shape " + Shapes.str(out.shape())
                        + " does not require a gradient and has no graph (was it computed in a no-grad scope,"
                        + " or from tensors without requiresGrad?)");
            }
        }
        Node[] order = reverseTopologicalOrder(outputs);
        Tensor[] pending = new Tensor[order.length];
        // whether pending[k] is a buffer the engine alone holds: made by a backward for that node alone, or a sum
        boolean[] owned = new boolean[order.length];
        Map<Node, Tensor> capturedByNode = captured == null ? Map.of() : new IdentityHashMap<>();
        if (captured != null) {
            for (Tensor t : captured.keySet()) {
                if (t.gradFn() != null) {
                    capturedByNode.put(t.gradFn(), t);
                }
            }
        }
        Listener listener = LISTENER.get();
        if (listener != null) {
            listener.started(outputs);
        }
        boolean mayOverwrite = !createGraph && listener == null;
        try (Scope scope = new Scope(createGraph)) {
            for (int i = 0; i < outputs.size(); i++) {
                Tensor out = outputs.get(i);
                if (out.gradFn() == null) {
                    deliverToLeaf(out, seeds.get(i), createGraph, captured, false);
                } else {
                    addPending(pending, owned, order, out.gradFn(), seeds.get(i), false);
                }
            }
            for (int k = 0; k < order.length; k++) {
                Node node = order[k];
                Tensor g = pending[k];
                if (g == null) {
                    continue;
                }
                pending[k] = null;
                Tensor target = capturedByNode.get(node);
                if (target != null) {
                    captured.merge(target, g, Tensor::add);
                }
                boolean mine = owned[k] && mayOverwrite && target == null;
                g.overwritable = mine;
                Tensor[] grads;
                try {
                    grads = node.applyBackward(g);
                } finally {
                    g.overwritable = false;
                }
                if (listener != null) {
                    listener.step(node, g, grads);
                }
                for (int i = 0; i < grads.length; i++) {
                    Tensor in = node.input(i);
                    if (grads[i] == null || in == null || !in.requiresGrad()) {
                        continue;
                    }
                    boolean fresh = isFresh(grads, i, g, mine);
                    if (in.gradFn() != null) {
                        addPending(pending, owned, order, in.gradFn(), grads[i], fresh);
                    } else {
                        deliverToLeaf(in, grads[i], createGraph, captured, fresh);
                    }
                }
                if (mine && !passedOn(grads, g)) {
                    BufferPool.recycle(g);
                }
                if (!retainGraph) {
                    node.free();
                }
            }
        }
    }

    /**
     * Adds {@code g} to the gradient waiting at {@code node}, found by its place in {@code order}; {@code fresh}: g is
     * the engine's alone (see {@link #isFresh}). A sum is a new buffer, so the engine's alone too.
     */
    private static void addPending(Tensor[] pending, boolean[] owned, Node[] order, Node node, Tensor g,
                                   boolean fresh) {
        int k = placeIn(order, node);
        owned[k] = pending[k] != null || fresh;
        pending[k] = pending[k] == null ? g : pending[k].add(g);
    }

    /**
     * The index of {@code node} in {@code order}: its {@link Node#order} mark, unless a backward pass run inside a
     * node's backward (over a graph sharing this node) has marked it since; then a search.
     */
    private static int placeIn(Node[] order, Node node) {
        int k = order.length - 1 - node.order;
        if (k >= 0 && k < order.length && order[k] == node) {
            return k;
        }
        for (k = 0; order[k] != node; k++) {
            // the node is in the order: every node the pass reaches was ordered first
        }
        return k;
    }

    private static Tensor seedFor(Tensor out, Tensor seed) {
        if (seed == null) {
            if (out.numel() != 1) {
                throw new IllegalArgumentException("backward: output of shape " + Shapes.str(out.shape())
                        + " is not a scalar; pass a gradient of that shape (backward(gradient))");
            }
            return Tensor.ones(out.dtype(), out.shape);
        }
        if (!Arrays.equals(seed.shape, out.shape)) {
            throw new IllegalArgumentException("backward: gradient of shape " + Shapes.str(seed.shape())
                    + " does not match output of shape " + Shapes.str(out.shape()));
        }
        if (seed.dtype() != out.dtype()) {
            throw new IllegalArgumentException("backward: gradient dtype " + seed.dtype()
                    + " does not match output dtype " + out.dtype());
        }
        return seed;
    }

    /**
     * Whether {@code grads[i]} is a buffer the engine alone holds, given for that input alone: made by the backward
     * (or the upstream gradient passed through or overwritten in place, when the engine alone held that:
     * {@code upstreamMine}), not returned for another input too, and no view taken of it. A leaf may then keep it,
     * and the next backward may overwrite it.
     */
    private static boolean isFresh(Tensor[] grads, int i, Tensor upstream, boolean upstreamMine) {
        Tensor g = grads[i];
        if ((g == upstream && !upstreamMine) || !g.ownsStorage()) {
            return false;
        }
        for (int j = 0; j < grads.length; j++) {
            if (j != i && grads[j] == g) {
                return false;
            }
        }
        return true;
    }

    /** Whether the backward returned the upstream gradient {@code g} itself for some input. */
    private static boolean passedOn(Tensor[] grads, Tensor g) {
        for (Tensor t : grads) {
            if (t == g) {
                return true;
            }
        }
        return false;
    }

    private static void deliverToLeaf(Tensor leaf, Tensor g, boolean createGraph, Map<Tensor, Tensor> captured,
                                      boolean fresh) {
        if (captured != null) {
            if (captured.containsKey(leaf)) {
                captured.merge(leaf, g, Tensor::add);
            }
            return;
        }
        leaf.accumulateGrad(g, createGraph, fresh);
    }

    /**
     * The nodes reachable from the outputs, each after every node that consumes its output. A node's
     * {@link Node#order} mark is its place in the post order, so a node counts as visited when the post order holds
     * it at that place (marks left by earlier passes point elsewhere, or to another node).
     */
    private static Node[] reverseTopologicalOrder(List<Tensor> outputs) {
        Node[] postOrder = new Node[16];
        int size = 0;
        Node[] stack = new Node[16];
        int[] nextInput = new int[16];
        for (Tensor out : outputs) {
            Node root = out.gradFn();
            if (root == null || isOrdered(root, postOrder, size)) {
                continue;
            }
            int depth = 0;
            stack[0] = root;
            nextInput[0] = 0;
            while (depth >= 0) {
                Node node = stack[depth];
                int next = nextInput[depth];
                if (next < node.inputCount()) {
                    nextInput[depth] = next + 1;
                    Tensor in = node.input(next);
                    Node child = in == null ? null : in.gradFn();
                    if (child != null && !isOrdered(child, postOrder, size)) {
                        if (++depth == stack.length) {
                            stack = Arrays.copyOf(stack, 2 * depth);
                            nextInput = Arrays.copyOf(nextInput, 2 * depth);
                        }
                        stack[depth] = child;
                        nextInput[depth] = 0;
                    }
                } else {
                    if (size == postOrder.length) {
                        postOrder = Arrays.copyOf(postOrder, 2 * size);
                    }
                    node.order = size;
                    postOrder[size++] = node;
                    stack[depth--] = null;
                }
            }
        }
        Node[] order = new Node[size];
        for (int i = 0; i < size; i++) {
            order[i] = postOrder[size - 1 - i];
        }
        return order;
    }

    private static boolean isOrdered(Node node, Node[] postOrder, int size) {
        int k = node.order;
        return k >= 0 && k < size && postOrder[k] == node;
    }
}
