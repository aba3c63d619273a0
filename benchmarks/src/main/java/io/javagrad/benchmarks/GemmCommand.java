package io.javagrad.benchmarks;

import io.javagrad.core.Parallelism;
import io.javagrad.core.kernels.Gemm;

import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * {@code gemm --size N [--m M --n N --k K] [--transA] [--transB] --threads T --dtype float32|float64}:
 * times {@code C = op(A) * op(B)} and prints one line
 * {@code gemm size=N threads=T dtype=D gflops=X}, the median of several timed runs after a warm-up.
 * For a rectangular or transposed problem the size reads {@code MxNxK} and {@code transA=true} /
 * {@code transB=true} are added before {@code gflops}.
 */
final class GemmCommand implements Command {
    private static final int RUNS = 7;
    private static final long WARMUP_NANOS = 2_000_000_000L;
    private static final long RUN_NANOS = 300_000_000L;

    @Override
    public String summary() {
        return "--size N [--m M --n N --k K] [--transA] [--transB] [--threads T] [--dtype float32|float64]";
    }

    @Override
    public void run(String[] args) {
        Options o = new Options(args, Set.of("size", "m", "n", "k", "threads", "dtype"), Set.of("transA", "transB"));
        int size = o.positiveInt("size", 512);
        int m = o.positiveInt("m", size), n = o.positiveInt("n", size), k = o.positiveInt("k", size);
        int threads = o.positiveInt("threads", Parallelism.threads());
        String dtype = o.string("dtype", "float32");
        boolean transA = o.flag("transA"), transB = o.flag("transB");
        Runnable op = switch (dtype) {
            case "float32" -> floatGemm(transA, transB, m, n, k);
            case "float64" -> doubleGemm(transA, transB, m, n, k);
            default -> throw new IllegalArgumentException("--dtype expects float32 or float64, got '" + dtype + "'");
        };
        Parallelism.setThreads(threads);

        long start = System.nanoTime();
        int reps = 0;
        while (System.nanoTime() - start < WARMUP_NANOS) {
            op.run();
            reps++;
        }
        // Enough calls per timed run to last about RUN_NANOS.
        int perRun = (int) Math.max(1, reps * RUN_NANOS / Math.max(1, System.nanoTime() - start));
        double[] gflops = new double[RUNS];
        for (int r = 0; r < RUNS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRun; i++) {
                op.run();
            }
            gflops[r] = 2.0 * m * n * k * perRun / (System.nanoTime() - t0);
        }

        String shape = m == n && n == k ? Integer.toString(m) : m + "x" + n + "x" + k;
        String trans = (transA ? " transA=true" : "") + (transB ? " transB=true" : "");
        System.out.printf(Locale.ROOT, "gemm size=%s threads=%d dtype=%s%s gflops=%.1f%n",
                shape, threads, dtype, trans, Command.median(gflops));
    }

    private static Runnable floatGemm(boolean transA, boolean transB, int m, int n, int k) {
        Random rnd = new Random(1);
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextFloat() - 0.5f;
        }
        int lda = transA ? m : k, ldb = transB ? k : n;
        return () -> Gemm.gemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
    }

    private static Runnable doubleGemm(boolean transA, boolean transB, int m, int n, int k) {
        Random rnd = new Random(1);
        double[] a = new double[m * k], b = new double[k * n], c = new double[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextDouble() - 0.5;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rnd.nextDouble() - 0.5;
        }
        int lda = transA ? m : k, ldb = transB ? k : n;
        return () -> Gemm.gemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
    }
}
