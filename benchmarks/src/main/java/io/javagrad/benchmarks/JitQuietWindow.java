package io.javagrad.benchmarks;

import java.util.ArrayDeque;

/**
 * Tells when a warm-up has reached code the JIT no longer changes: the latest warm-up runs, the fewest that last at
 * least a given time together, during which the JIT compiled for less than a given share of that time. A window of
 * runs rather than one run: measured on the mlp at two threads, a run without compiling 3.5 s into the warm-up was
 * followed by runs that compiled for 50-90 ms each, and the timed runs then met that compiling.
 */
final class JitQuietWindow {
    private final double windowSeconds;
    private final int ratio;
    /** The runs in the window, oldest first: {seconds, seconds compiled during it}. */
    private final ArrayDeque<double[]> runs = new ArrayDeque<>();
    private double seconds;
    private double compiledSeconds;

    /**
     * @param windowSeconds how long the window's runs last together, at least
     * @param ratio         the window's runs must last this many times longer than the JIT compiled during them
     */
    JitQuietWindow(double windowSeconds, int ratio) {
        this.windowSeconds = windowSeconds;
        this.ratio = ratio;
    }

    /**
     * Records a run of {@code runSeconds} during which the JIT compiled for {@code compiledDuring} seconds; returns
     * whether the window is now full and quiet.
     */
    boolean add(double runSeconds, double compiledDuring) {
        runs.addLast(new double[] {runSeconds, compiledDuring});
        seconds += runSeconds;
        compiledSeconds += compiledDuring;
        while (seconds - runs.peekFirst()[0] >= windowSeconds) {
            double[] oldest = runs.removeFirst();
            seconds -= oldest[0];
            compiledSeconds -= oldest[1];
        }
        return seconds >= windowSeconds && compiledSeconds * ratio < seconds;
    }
}
