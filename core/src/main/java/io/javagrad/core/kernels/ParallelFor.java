package io.javagrad.core.kernels;

import io.javagrad.core.Parallelism;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs a loop over {@code [0, n)} on the library's thread pool, split into contiguous chunks.
 *
 * <p>The body must compute each index independently of where the chunk boundaries fall; then the
 * results do not depend on the number of threads. Small loops, loops started from a pool thread or from
 * the calling thread's own chunk of another loop (a GEMM per image inside a loop over images), loops started while
 * another thread's loop holds the pool, and everything when {@link Parallelism#threads()} is 1 run on the calling
 * thread, with no hand-off.
 *
 * <p>A training step hands many short loops to the pool (a few hundred microseconds each), so the hand-off itself
 * must cost little: each worker has its own slot for a chunk, and both the workers (between loops) and the caller
 * (waiting for the workers' chunks) spin for {@value #SPIN_NANOS} ns before they park, as OpenMP runtimes do. A worker
 * that has not started its chunk by the time the caller is done with its own (it was parked, or the OS gave its CPU
 * to another thread, such as the JIT compiler's) loses the chunk to the caller, which runs it itself rather than
 * wait; the chunk boundaries stay the same, so the results do too.
 *
 * <p>The first worker also takes one background task at a time ({@link #inBackground}) when it has no chunk: work
 * the caller would otherwise do alone, such as copying the next training batch, done while the caller is busy with
 * work too small to split. A task that calls {@link #yieldToLoop} between pieces of its work lets a loop handed to
 * the worker meanwhile go first.
 *
 * <p>{@link #both} runs two independent tasks, such as a layer's input and weight gradients, one per thread when
 * there are two threads.
 */
public final class ParallelFor {
    /** Below this much work (in multiply-adds or comparable units) a loop stays on the calling thread. */
    public static final long MIN_PARALLEL_WORK = 1L << 20;

    /**
     * Work units of one element of a memory-bound pass (a load or two, an op and a store), for loops that are not
     * multiply-adds: about as long as 16 multiply-adds of a vectorized GEMM, so element-wise loops split from 65,536
     * elements on.
     */
    public static final long ELEMENT_WORK = 16;

    /** How long an idle worker, or a caller waiting for the workers, spins before it parks. */
    static final long SPIN_NANOS = 1_000_000;

    /** The body of a loop: processes indices {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Set on a calling thread while it runs its own chunks, so loops nested in them stay inline. */
    private static final ThreadLocal<boolean[]> IN_CHUNK = ThreadLocal.withInitial(() -> new boolean[1]);

    /** Held by the one caller whose loop is on the pool; other callers meanwhile run their loops inline. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();

    /** The pool; written only by a loop holding {@link #BUSY}. */
    private static volatile Worker[] workers = new Worker[0];

    private ParallelFor() {}

    /**
     * Runs {@code body} over {@code [0, n)}, in parallel if {@code work} is large enough.
     *
     * @param n    number of indices
     * @param work total work of the loop, compared with {@link #MIN_PARALLEL_WORK}
     * @param body the loop body, called once per chunk
     */
    public static void run(int n, long work, Range body) {
        if (!splits(n, work) || !BUSY.compareAndSet(false, true)) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        try {
            int chunks = Math.min(n, Parallelism.threads());
            Worker[] pool = workers(Parallelism.threads() - 1);
            for (int c = 1; c < chunks; c++) {
                pool[c - 1].assign(body, chunkStart(n, chunks, c), chunkStart(n, chunks, c + 1));
            }
            Throwable failure = null;
            boolean[] inChunk = IN_CHUNK.get();
            inChunk[0] = true;
            try {
                failure = runChunk(body, 0, chunkStart(n, chunks, 1));
                // Always finish every chunk, so no worker still writes into the output after we return.
                for (int c = 1; c < chunks; c++) {
                    Throwable f = pool[c - 1].finishChunk();
                    failure = failure != null ? failure : f;
                }
            } finally {
                inChunk[0] = false;
            }
            rethrow(failure);
        } finally {
            BUSY.set(false);
        }
    }

    /**
     * Runs two independent tasks of {@code work} units in all. With exactly two threads and enough work to split,
     * {@code first} runs on the calling thread while {@code second} runs on the worker, each with its loops inline: one
     * hand-off instead of one per loop, and no imbalance between the halves of each loop. Otherwise {@code first} then
     * {@code second}, each free to split its loops over all threads (with more than two, that keeps every thread
     * busy). The tasks must not depend on the order or the thread they run on (results then do not depend on the
     * number of threads), and they should take about as long as each other: a product's two operand gradients, or
     * the two halves of a Dense layer's gradients (one half of its input features each).
     */
    public static void both(long work, Runnable first, Runnable second) {
        if (Parallelism.threads() == 2) {
            run(2, work, (from, to) -> {
                if (from == 0) {
                    first.run();
                }
                if (to == 2) {
                    second.run();
                }
            });
        } else {
            first.run();
            second.run();
        }
    }

    /**
     * Called by a background task ({@link #inBackground}) between pieces of its work: on the worker running it,
     * first runs the chunk of a loop assigned to that worker meanwhile, so that the loop's caller waits for one piece
     * of the task at most rather than the whole of it (or runs the chunk itself). Elsewhere it does nothing.
     */
    public static void yieldToLoop() {
        if (Thread.currentThread() instanceof Worker w) {
            w.runAssignedChunk();
        }
    }

    /**
     * Starts {@code task} on the pool's first worker as soon as that worker has no chunk to run, and returns a
     * supplier of its result; see {@link Parallelism#inBackground}. A task that no worker has started by the time
     * {@code get} is called (one thread, no loop has made the pool yet, a call from a pool thread, or the worker
     * already holds another background task) runs on the thread that calls {@code get}. A loop handed to the pool
     * while the worker runs the task loses the worker's chunk to its caller, as when the worker is late.
     */
    public static <T> Supplier<T> inBackground(Supplier<T> task) {
        Background<T> b = new Background<>(task);
        // The pool as the last loop left it: only a loop, holding BUSY, makes or remakes the workers.
        Worker[] pool = workers;
        if (pool.length > 0 && pool.length == Parallelism.threads() - 1
                && !(Thread.currentThread() instanceof Worker)) {
            pool[0].offer(b);
        }
        return b;
    }

    /** A task started by {@link #inBackground}: run once, by a worker or by the first caller of {@link #get}. */
    private static final class Background<T> implements Supplier<T> {
        private final AtomicBoolean taken = new AtomicBoolean();
        private Supplier<T> task;
        private volatile boolean done;
        private volatile Thread waiter;
        private T result;
        private Throwable failure;

        Background(Supplier<T> task) {
            this.task = task;
        }

        /** Runs the task here unless another thread has taken it; whether this call ran it. */
        boolean tryRun() {
            if (!taken.compareAndSet(false, true)) {
                return false;
            }
            try {
                result = task.get();
            } catch (Throwable e) { // kept for get: a worker must survive whatever a task throws
                failure = e;
            }
            task = null;
            done = true; // publishes the result
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
            return true;
        }

        /** The task's result, after running it here or waiting for the worker that runs it; rethrows its failure. */
        @Override
        public T get() {
            if (!tryRun()) {
                waiter = Thread.currentThread();
                long start = System.nanoTime();
                while (!done) {
                    pause(start, this);
                }
            }
            rethrow(failure);
            return result;
        }
    }

    /**
     * Throws {@code failure}, what a chunk or background task threw, on the thread that waited for it: an unchecked
     * one as it is, a checked one (thrown without being declared) wrapped; nothing when it is {@code null}.
     */
    private static void rethrow(Throwable failure) {
        if (failure instanceof Error err) {
            throw err;
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure != null) {
            throw new IllegalStateException("a task on the pool failed", failure);
        }
    }

    /** One round of a wait that began at {@code start}: a spin for the first {@value #SPIN_NANOS} ns, then a park. */
    private static void pause(long start, Object blocker) {
        if (System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
        } else {
            LockSupport.park(blocker);
        }
    }

    /** Runs one chunk; returns what it threw, or {@code null}. */
    private static Throwable runChunk(Range body, int from, int to) {
        try {
            body.run(from, to);
            return null;
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    /**
     * Whether {@link #run} would split a loop of {@code n} indices and {@code work} units across threads; when it
     * would not, a caller may run its loop directly, without making a closure.
     */
    public static boolean splits(int n, long work) {
        return work >= MIN_PARALLEL_WORK && Math.min(n, Parallelism.threads()) > 1
                && !(Thread.currentThread() instanceof Worker) && !IN_CHUNK.get()[0];
    }

    /** Start of chunk {@code c} of {@code chunks} near-equal chunks of {@code [0, n)}. */
    private static int chunkStart(int n, int chunks, int c) {
        return (int) ((long) n * c / chunks);
    }

    /** The pool of {@code count} workers (the calling thread is the extra one), remade when the count changed. */
    private static Worker[] workers(int count) {
        if (workers.length != count) {
            for (Worker w : workers) {
                w.retire();
            }
            workers = new Worker[count];
            for (int i = 0; i < count; i++) {
                workers[i] = new Worker("javagrad-worker-" + (i + 1));
                workers[i].start();
            }
        }
        return workers;
    }

    /**
     * A pool thread with a slot for one chunk and one for a background task; loops started on one run inline, so
     * nested loops cannot deadlock.
     */
    private static final class Worker extends Thread {
        /** Cleared when a chunk is assigned; set by whichever thread, this worker or the caller, takes it to run. */
        private final AtomicBoolean taken = new AtomicBoolean(true);
        /** A background task waiting for this worker to be free of chunks. */
        private final AtomicReference<Background<?>> background = new AtomicReference<>();
        private volatile boolean done = true;
        private volatile boolean retired;
        private volatile Thread caller;
        private Range body;
        private int from;
        private int to;
        private Throwable failure;

        Worker(String name) {
            super(name);
            setDaemon(true);
        }

        /** Hands this worker the chunk {@code [from, to)} of {@code body}; it must be idle. */
        void assign(Range body, int from, int to) {
            this.body = body;
            this.from = from;
            this.to = to;
            failure = null;
            caller = Thread.currentThread();
            done = false;
            taken.set(false); // the volatile write that publishes the fields above
            LockSupport.unpark(this);
        }

        /**
         * On the caller: runs the assigned chunk here if this worker has not taken it yet, else waits until it has
         * run; returns what it threw, or {@code null}.
         */
        Throwable finishChunk() {
            if (taken.compareAndSet(false, true)) {
                Throwable f = runChunk(body, from, to);
                body = null;
                return f;
            }
            long start = System.nanoTime();
            while (!done) {
                pause(start, this);
            }
            return failure;
        }

        /** Queues {@code b} to run between chunks, unless a background task is already queued. */
        void offer(Background<?> b) {
            if (background.compareAndSet(null, b)) {
                LockSupport.unpark(this);
            }
        }

        void retire() {
            retired = true;
            LockSupport.unpark(this);
        }

        /** Runs the chunk assigned to this worker, unless there is none or the caller has taken it; whether it ran. */
        boolean runAssignedChunk() {
            if (taken.get() || !taken.compareAndSet(false, true)) {
                return false;
            }
            try {
                body.run(from, to);
            } catch (Throwable e) {
                failure = e;
            }
            body = null;
            done = true; // publishes the chunk's writes and failure to the caller
            LockSupport.unpark(caller);
            return true;
        }

        @Override
        public void run() {
            long idleSince = System.nanoTime();
            while (!retired) {
                if (runAssignedChunk()) {
                    idleSince = System.nanoTime();
                } else if (background.get() != null) {
                    background.getAndSet(null).tryRun();
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    // Woken for a chunk the caller may have taken meanwhile: spin again before parking, or every
                    // following loop would wait for a wake-up and most likely lose its chunk too.
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
