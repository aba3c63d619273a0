package io.javagrad.benchmarks;

import io.javagrad.core.Parallelism;
import io.javagrad.core.kernels.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of {@link Gemm} on one thread (override with {@code -p threads=2}). A shape reads
 * {@code MxNxK}, optionally followed by {@code :TN}, {@code :NT} or {@code :TT} for transposed A and/or B.
 * Run with {@code java -jar javagrad-benchmarks.jar jmh GemmBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class GemmBenchmark {
    @Param({"4x8x2", "64x64x64", "256x256x256", "512x512x512", "64x784x256", "64x784x256:NT", "784x256x64:TN"})
    public String shape;

    @Param({"float32", "float64"})
    public String dtype;

    @Param("1")
    public int threads;

    private boolean transA, transB;
    private int m, n, k;
    private float[] af, bf, cf;
    private double[] ad, bd, cd;

    @Setup
    public void setup() {
        String[] parts = shape.split(":");
        String[] dims = parts[0].split("x");
        m = Integer.parseInt(dims[0]);
        n = Integer.parseInt(dims[1]);
        k = Integer.parseInt(dims[2]);
        transA = parts.length > 1 && parts[1].charAt(0) == 'T';
        transB = parts.length > 1 && parts[1].charAt(1) == 'T';
        Parallelism.setThreads(threads);
        Random rnd = new Random(1);
        if (dtype.equals("float32")) {
            af = new float[m * k];
            bf = new float[k * n];
            cf = new float[m * n];
            for (int i = 0; i < af.length; i++) {
                af[i] = rnd.nextFloat() - 0.5f;
            }
            for (int i = 0; i < bf.length; i++) {
                bf[i] = rnd.nextFloat() - 0.5f;
            }
        } else {
            ad = new double[m * k];
            bd = new double[k * n];
            cd = new double[m * n];
            for (int i = 0; i < ad.length; i++) {
                ad[i] = rnd.nextDouble() - 0.5;
            }
            for (int i = 0; i < bd.length; i++) {
                bd[i] = rnd.nextDouble() - 0.5;
            }
        }
    }

    @Benchmark
    public Object gemm() {
        int lda = transA ? m : k, ldb = transB ? k : n;
        if (af != null) {
            Gemm.gemm(transA, transB, m, n, k, af, 0, lda, bf, 0, ldb, cf, 0, n, false);
            return cf;
        }
        Gemm.gemm(transA, transB, m, n, k, ad, 0, lda, bd, 0, ldb, cd, 0, n, false);
        return cd;
    }
}
