package io.javagrad.core.kernels;

import io.javagrad.core.Parallelism;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loop over {@code [0, n)} on the library's thread pool, split into contiguous chunks.
 *
 * <p>The body must compute each index independently of where the chunk boundaries fall; then the
 * results do not depend on the number of threads. Small loops, loops started from a pool thread or from
 * the calling thread's own chunk of another loop (a GEMM per image inside a loop over images), and everything
 * when {@link Parallelism#threads()} is 1 run on the calling thread, with no hand-off.
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

    /** The body of a loop: processes indices {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /** Set on a calling thread while it runs its own chunks, so loops nested in them stay inline. */
    private static final ThreadLocal<boolean[]> IN_CHUNK = ThreadLocal.withInitial(() -> new boolean[1]);

    private static ExecutorService pool;
    private static int poolWorkers;

    private ParallelFor() {}

    /**
     * Runs {@code body} over {@code [0, n)}, in parallel if {@code work} is large enough.
     *
     * @param n    number of indices
     * @param work total work of the loop, compared with {@link #MIN_PARALLEL_WORK}
     * @param body the loop body, called once per chunk
     */
    public static void run(int n, long work, Range body) {
        if (!splits(n, work)) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        int chunks = Math.min(n, Parallelism.threads());
        ExecutorService executor = pool(chunks - 1);
        List<Future<?>> futures = new ArrayList<>(chunks - 1);
        List<Runnable> inline = new ArrayList<>(1);
        inline.add(() -> body.run(0, chunkStart(n, chunks, 1)));
        for (int c = 1; c < chunks; c++) {
            int from = chunkStart(n, chunks, c);
            int to = chunkStart(n, chunks, c + 1);
            Runnable chunk = () -> body.run(from, to);
            try {
                futures.add(executor.submit(chunk));
            } catch (RejectedExecutionException e) { // the pool was resized meanwhile
                inline.add(chunk);
            }
        }
        Throwable failure = null;
        boolean[] inChunk = IN_CHUNK.get();
        inChunk[0] = true;
        try {
            for (Runnable chunk : inline) {
                chunk.run();
            }
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            inChunk[0] = false;
        }
        // Always wait for every chunk, so no worker still writes into the output after we return.
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (ExecutionException e) {
                    failure = failure != null ? failure : e.getCause();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof Error err) {
            throw err;
        } else if (failure != null) {
            throw (RuntimeException) failure; // a Runnable throws nothing else
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

    /** The shared pool, resized when the thread count changed; the calling thread is the extra one. */
    private static synchronized ExecutorService pool(int workers) {
        if (pool == null || poolWorkers != workers) {
            if (pool != null) {
                pool.shutdown();
            }
            AtomicInteger count = new AtomicInteger();
            pool = Executors.newFixedThreadPool(workers,
                    r -> new Worker(r, "javagrad-worker-" + count.incrementAndGet()));
            poolWorkers = workers;
        }
        return pool;
    }

    /** A pool thread; loops started on one run inline, so nested loops cannot deadlock the pool. */
    private static final class Worker extends Thread {
        Worker(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }
    }
}
