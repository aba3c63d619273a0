package io.javagrad.benchmarks;

import java.util.Arrays;

/** A subcommand of {@link Main}. */
interface Command {
    /** One line for the usage text. */
    String summary();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command name
     * @throws IllegalArgumentException on a bad argument; Main prints the message and the usage
     */
    void run(String[] args) throws Exception;

    /** The median of {@code values} (the upper one of an even count), which are left as they are. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
