package io.javagrad.core;

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
