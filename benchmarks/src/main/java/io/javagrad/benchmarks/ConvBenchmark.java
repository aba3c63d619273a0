package io.javagrad.benchmarks;

import io.javagrad.core.ConvOptions;
import io.javagrad.core.DType;
import io.javagrad.core.Parallelism;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
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

import java.util.concurrent.TimeUnit;

/**
 * JMH benchmark of the two convolutions of the {@code bench train --model cnn} network (batch 128, 3x3 kernels,
 * bias and relu fused, float32): {@code conv1} maps 1x28x28 images to 32 channels, {@code conv2} 32x13x13 to 64.
 * {@code forward} runs the convolution; {@code forwardBackward} also its backward for an upstream gradient, as in
 * training: the weight and bias gradients, and the input gradient for conv2 (conv1's input is the data).
 * One thread by default ({@code -p threads=2} to change):
 * {@code java -jar javagrad-benchmarks.jar jmh ConvBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class ConvBenchmark {
    private static final int BATCH = 128;

    @Param({"conv1", "conv2"})
    public String layer;

    @Param("1")
    public int threads;

    private Tensor x;
    private Tensor w;
    private Tensor b;
    private Tensor g;
    private final ConvOptions options = ConvOptions.of();

    @Setup
    public void setup() {
        Parallelism.setThreads(threads);
        Rng rng = new Rng(1);
        boolean first = layer.equals("conv1");
        int in = first ? 1 : 32;
        int size = first ? 28 : 13;
        int out = first ? 32 : 64;
        x = Tensor.randn(rng, DType.FLOAT32, BATCH, in, size, size).requiresGrad(!first);
        w = Tensor.randn(rng, DType.FLOAT32, out, in, 3, 3).mul(0.1).detach().requiresGrad(true);
        b = Tensor.randn(rng, DType.FLOAT32, out).mul(0.1).detach().requiresGrad(true);
        g = Tensor.randn(rng, DType.FLOAT32, BATCH, out, size - 2, size - 2);
    }

    @Benchmark
    public Tensor forward() {
        return x.detach().conv2dRelu(w.detach(), b.detach(), options);
    }

    @Benchmark
    public Tensor forwardBackward() {
        w.zeroGrad();
        b.zeroGrad();
        x.zeroGrad();
        x.conv2dRelu(w, b, options).backward(g);
        return w.grad();
    }
}
