package io.javagrad.benchmarks;

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
}
