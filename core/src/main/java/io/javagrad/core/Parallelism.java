package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The number of threads Javagrad's compute kernels may use. There is one pool for the whole library.
 *
 * <p>The default comes from the system property {@code javagrad.threads}, else from
 * {@link Runtime#availableProcessors()}. Results do not depend on this setting: work is split so that
 * every output element is computed by exactly one thread, in a fixed order.
 */
public final class Parallelism {
    private static final Logger LOG = LoggerFactory.getLogger(Parallelism.class);
    private static final String PROPERTY = "javagrad.threads";

    private static volatile int threads = initialThreads();

    private Parallelism() {}

    /**
     * Sets the number of threads used by the kernels from now on.
     *
     * @param n at least 1; 1 means everything runs on the calling thread
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallelism.setThreads: expected at least 1 thread, got " + n);
        }
        threads = n;
    }

    /** The number of threads the kernels use, at least 1. */
    public static int threads() {
        return threads;
    }

    /**
     * Starts {@code task} on a pool thread while that thread has no kernel work, to overlap it with what the calling
     * thread does alone meanwhile ({@code fit} copies the next batch's rows this way while the calling thread computes
     * the loss and the output layer's gradients). Returns a supplier of the task's result: its {@code get} waits for
     * the task, or runs it there if no pool thread has started it (always, with one thread), and rethrows what the
     * task threw. The task runs once, and it must not depend on which thread runs it. Keep it short: a pool thread
     * busy with it cannot take its part of a kernel, whose caller then runs that part too. (The library's own
     * row copies, such as a shuffled batch's, let a kernel's part go first at each row.)
     */
    public static <T> Supplier<T> inBackground(Supplier<T> task) {
        return ParallelFor.inBackground(task);
    }

    private static int initialThreads() {
        int processors = Runtime.getRuntime().availableProcessors();
        String value = System.getProperty(PROPERTY);
        if (value == null) {
            return processors;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        LOG.warn("Ignoring -D{}={}: expected a positive integer; using {} threads", PROPERTY, value, processors);
        return processors;
    }
}
