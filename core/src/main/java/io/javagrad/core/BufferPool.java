package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reuses the storage of the tensors a training step has finished with, so that the next step's activations and
 * gradients are written into arrays already allocated rather than new ones (steady-state training then allocates
 * little). {@code Model.fit} opens one; a hand-written training loop can too:
 * <pre>{@code
 * try (BufferPool pool = BufferPool.open()) {
 *     for (...) {
 *         Tensor loss = lossOf(model(x), y);
 *         loss.backward();
 *         optimizer.step();
 *         optimizer.zeroGrad();
 *         pool.endStep(loss, List.of());   // the graph's intermediate tensors are reused from here on
 *     }
 * }
 * }</pre>
 *
 * <p>While a pool is open on a thread, two kinds of storage come back to it:
 * <ul>
 *   <li>during every backward pass, a gradient flowing between two nodes once the engine has passed it on, when the
 *       engine alone holds it (no view, not handed to a listener, to a user {@link Function} or to the caller), and
 *       a working tensor a backward made and has finished reading (the fused convolution's unpooled gradient);</li>
 *   <li>at {@link #endStep}, the intermediate tensors of the step's graph: the outputs of the recorded ops the loss
 *       was computed from, once {@code backward} has run through them without {@code retainGraph}. The caller
 *       vouches that no code still holds one of them, apart from the tensors it names to keep.</li>
 * </ul>
 * Only arrays of at least {@value #MIN_POOLED} elements are pooled; smaller tensors are left as they are.
 * A tensor whose storage came back is emptied: reading it throws an {@link IllegalStateException}. Ops take their
 * result's array from the pool, an array of exactly that length and dtype: those that write every element of it
 * (products, element-wise maps, convolutions, softmax, ...) as it is, those that add into it (the backward of
 * pooling and of convolution) after filling it with zeros, split across threads as those ops split their writes.
 * Arrays that came back in one step and were not taken again by the end of the next are dropped, so the pool holds
 * about one step's worth of storage.
 *
 * <p>A pool belongs to the thread that opened it: ops run on other threads allocate as usual. Closing it drops every
 * array it holds and restores the pool (if any) that was open before.
 */
public final class BufferPool implements AutoCloseable {
    private static final ThreadLocal<BufferPool> OPEN = new ThreadLocal<>();
    /**
     * Arrays shorter than this are neither kept nor handed out: a new small array costs less than the pool's
     * bookkeeping (measured: with every size pooled, the bench command's tiny workload, batches of 4, ran 15-20%
     * slower; with this minimum, within the machine's noise of the code without a pool).
     */
    static final int MIN_POOLED = 1024;

    private final Thread owner = Thread.currentThread();
    private final BufferPool outer;
    /** One entry per array length and dtype seen; few in a training step (one per distinct tensor size). */
    private final List<Slot> slots = new ArrayList<>();
    private boolean closed;

    private BufferPool(BufferPool outer) {
        this.outer = outer;
    }

    /** Opens a pool on this thread (inside one already open, a new one that takes its place until closed). */
    public static BufferPool open() {
        BufferPool pool = new BufferPool(OPEN.get());
        OPEN.set(pool);
        return pool;
    }

    /**
     * Ends a training step: the storage of the intermediate tensors of {@code root}'s graph comes back to the pool,
     * except that of the tensors in {@code keep} (the model's outputs, say, still read by metrics) and of any tensor
     * sharing its storage with a view made elsewhere. Does nothing unless a backward pass has run through
     * {@code root}'s node without {@code retainGraph}. Then drops the arrays that came back during the previous step
     * and were not taken.
     *
     * @throws IllegalStateException on a thread other than the one that opened the pool, or once closed
     */
    public void endStep(Tensor root, Collection<Tensor> keep) {
        requireOwner("endStep");
        Node rootNode = root.gradFn();
        if (rootNode != null && rootNode.isFreed()) {
            releaseIntermediates(rootNode, keep);
        }
        for (Slot s : slots) {
            s.age();
        }
        slots.removeIf(Slot::isEmpty);
    }

    /**
     * Walks the graph under {@code rootNode} once, releasing every tensor a node read that a recorded op made. A
     * storage shared by views (a reshape, a transpose) is released when all the tensors over it ever made, the
     * first and each view, are among those released.
     */
    private void releaseIntermediates(Node rootNode, Collection<Tensor> keep) {
        Object walk = new Object();
        Map<Object, List<Tensor>> sharing = null;
        List<Node> todo = new ArrayList<>();
        todo.add(rootNode);
        rootNode.visitedBy = walk;
        while (!todo.isEmpty()) {
            Node node = todo.remove(todo.size() - 1);
            for (int i = 0; i < node.inputCount(); i++) {
                Tensor in = node.input(i);
                Node producer = in == null ? null : in.gradFn();
                if (producer == null || producer.visitedBy == walk) {
                    continue;
                }
                producer.visitedBy = walk;
                todo.add(producer);
                if (in.numel() < MIN_POOLED || in.storage() == null || isKept(in, keep)) {
                    continue;
                }
                if (in.ownsStorage()) {
                    give(in);
                } else {
                    if (sharing == null) {
                        sharing = new IdentityHashMap<>();
                    }
                    sharing.computeIfAbsent(in.storage(), s -> new ArrayList<>()).add(in);
                }
            }
        }
        if (sharing != null) {
            for (Map.Entry<Object, List<Tensor>> e : sharing.entrySet()) {
                List<Tensor> over = e.getValue();
                if (over.size() == over.get(0).viewsMade() + 1) {
                    over.forEach(Tensor::dropStorage);
                    add(e.getKey());
                }
            }
        }
    }

    /** Whether {@code t} is one of {@code keep} (by identity; the list is short: a step's outputs and the like). */
    private static boolean isKept(Tensor t, Collection<Tensor> keep) {
        for (Tensor k : keep) {
            if (k == t) {
                return true;
            }
        }
        return false;
    }

    /** Drops every array held and restores the pool open before this one. */
    @Override
    public void close() {
        requireOwner("close");
        if (OPEN.get() != this) {
            throw new IllegalStateException("BufferPool.close: pools must be closed in the reverse order of opening");
        }
        closed = true;
        slots.clear();
        if (outer == null) {
            OPEN.remove();
        } else {
            OPEN.set(outer);
        }
    }

    private void requireOwner(String what) {
        if (closed) {
            throw new IllegalStateException("BufferPool." + what + ": the pool is closed");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("BufferPool." + what + ": called on thread '" + Thread.currentThread()
                    .getName() + "', but the pool belongs to '" + owner.getName() + "'");
        }
    }

    /**
     * Takes {@code t}'s storage back into the pool open on this thread, and empties {@code t}, when it owns all of its
     * storage (no view shares it, and it spans the whole array). Does nothing when no pool is open.
     */
    static void recycle(Tensor t) {
        if (t.numel() < MIN_POOLED) {
            return;
        }
        BufferPool pool = OPEN.get();
        if (pool != null) {
            pool.give(t);
        }
    }

    private void give(Tensor t) {
        Object storage = t.releaseStorage();
        if (storage != null) {
            add(storage);
        }
    }

    private void add(Object storage) {
        boolean isDouble = storage instanceof double[];
        slot(isDouble, isDouble ? ((double[]) storage).length : ((float[]) storage).length).add(storage);
    }

    /**
     * An array of length {@code n}, a {@code double[]} if {@code isDouble} else a {@code float[]}, from the pool open
     * on this thread, else a new one (of zeros); an array from the pool holds stale values unless {@code zeroed}.
     */
    static Object array(boolean isDouble, int n, boolean zeroed) {
        BufferPool pool = n < MIN_POOLED ? null : OPEN.get();
        Slot slot = pool == null ? null : pool.find(isDouble, n);
        Object a = slot == null ? null : slot.take();
        if (a == null) {
            return isDouble ? new double[n] : new float[n];
        }
        if (zeroed) {
            zero(a, n);
        }
        return a;
    }

    /**
     * Zeroes the first {@code n} elements of {@code array} (float or double), split across threads in the fixed chunks
     * of {@link ParallelFor}: the ops that take a zeroed array then write it in chunks split the same way (by images or
     * by planes), so each thread finds its part in its own cache rather than in the core that zeroed it.
     */
    private static void zero(Object array, int n) {
        ParallelFor.run(n, n * ParallelFor.ELEMENT_WORK, (from, to) -> {
            if (array instanceof float[] f) {
                Arrays.fill(f, from, to, 0f);
            } else {
                Arrays.fill((double[]) array, from, to, 0.0);
            }
        });
    }

    /** The slot of arrays of {@code length} and dtype, or {@code null} if none was made. */
    private Slot find(boolean isDouble, int length) {
        for (Slot s : slots) {
            if (s.length == length && s.isDouble == isDouble) {
                return s;
            }
        }
        return null;
    }

    private Slot slot(boolean isDouble, int length) {
        Slot s = find(isDouble, length);
        if (s == null) {
            s = new Slot(isDouble, length);
            slots.add(s);
        }
        return s;
    }

    /** The arrays of one length and dtype: those that came back this step, and those left from the step before. */
    private static final class Slot {
        final boolean isDouble;
        final int length;
        private Object[] current = new Object[2];
        private int currentCount;
        private Object[] previous = new Object[2];
        private int previousCount;

        Slot(boolean isDouble, int length) {
            this.isDouble = isDouble;
            this.length = length;
        }

        void add(Object array) {
            if (currentCount == current.length) {
                current = Arrays.copyOf(current, 2 * currentCount);
            }
            current[currentCount++] = array;
        }

        /** The oldest arrays first, so that those left from the step before are used before they are dropped. */
        Object take() {
            if (previousCount > 0) {
                Object a = previous[--previousCount];
                previous[previousCount] = null;
                return a;
            }
            if (currentCount > 0) {
                Object a = current[--currentCount];
                current[currentCount] = null;
                return a;
            }
            return null;
        }

        /** Drops what the step before left and nobody took; this step's arrays become the ones left. */
        void age() {
            Arrays.fill(previous, 0, previousCount, null);
            Object[] swap = previous;
            previous = current;
            previousCount = currentCount;
            current = swap;
            currentCount = 0;
        }

        boolean isEmpty() {
            return previousCount == 0 && currentCount == 0;
        }
    }
}
