package io.javagrad.examples;

import java.io.PrintStream;

/** One runnable example of the examples jar. */
interface Example {
    /** The command-line name, e.g. {@code xor}. */
    String name();

    /** One line shown in the list of examples. */
    String description();

    /** Runs the example with the parsed options, printing to {@code out}. */
    void run(ExampleOptions options, PrintStream out) throws Exception;
}
