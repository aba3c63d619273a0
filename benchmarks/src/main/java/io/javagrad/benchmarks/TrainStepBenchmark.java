package io.javagrad.benchmarks;

import io.javagrad.core.DType;
import io.javagrad.core.Parallelism;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.examples.MnistModels;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.data.Dataset;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of one training step of the {@code bench train --model mlp} network (784-256-128-10, Adam,
 * sparse cross-entropy, accuracy): {@code fit} for one epoch of {@value #STEPS} shuffled batches of 64 random images,
 * so it covers the whole loop (batch gather, forward, loss, backward, Adam, metrics, logs), reported per step. One
 * thread by default ({@code -p threads=2} to change). With {@code -prof gc} JMH reports the bytes allocated per
 * step, what a step allocates in an epoch's steady state plus a {@value #STEPS}th of what an epoch allocates once
 * (such as the two sets of batch buffers): {@code java -jar javagrad-benchmarks.jar jmh TrainStepBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainStepBenchmark {
    private static final int BATCH = 64;
    private static final int STEPS = 16;

    @Param("1")
    public int threads;

    private Sequential model;
    private Dataset data;
    private FitOptions options;

    @Setup
    public void setup() {
        Parallelism.setThreads(threads);
        Rng rng = new Rng(1);
        Tensor x = Tensor.rand(rng, DType.FLOAT32, STEPS * BATCH, 784);
        float[] labels = new float[STEPS * BATCH];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(10);
        }
        data = new Dataset(x, Tensor.of(labels));
        model = MnistModels.mlp(7);
        options = FitOptions.defaults().epochs(1).batchSize(BATCH).verbose(false);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public Object step() {
        return model.fit(data, options);
    }
}
