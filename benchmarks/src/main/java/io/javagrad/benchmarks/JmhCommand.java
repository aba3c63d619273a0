package io.javagrad.benchmarks;

/** {@code jmh [JMH options] [benchmark regex]}: hands the arguments to JMH's own command line. */
final class JmhCommand implements Command {
    @Override
    public String summary() {
        return "[JMH options] [regex, e.g. GemmBenchmark]  (runs JMH; -h lists its options)";
    }

    @Override
    public void run(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
