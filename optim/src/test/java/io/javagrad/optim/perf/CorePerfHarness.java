package io.javagrad.optim.perf;

import io.javagrad.core.ConvOptions;
import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.optim.Adam;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A measuring harness (not a test) for the core's per-op path: prints time and allocated bytes per call for
 * the tiny 2-8-2 training step, element-wise ops and reductions on 64x256 float32, an MLP step and the two
 * MNIST-CNN convolutions. Run after {@code mvn -o -q test-compile -pl core,optim -am}:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp core/target/classes:optim/target/classes:optim/target/test-classes:$CP \
 *     io.javagrad.optim.perf.CorePerfHarness [filter]
 * </pre>
 * ({@code $CP}: slf4j-api and commons-math3 jars). An optional argument runs only the cases whose name contains it.
 */
public final class CorePerfHarness {
    /** The test code is patched into module io.javagrad.optim, which does not read java.management. */
    private static final Object THREADS;
    private static final Method ALLOCATED_BYTES;

    static {
        try {
            THREADS = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
            ALLOCATED_BYTES = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static volatile Object sink;

    private CorePerfHarness() {}

    public static void main(String[] args) {
        String filter = args.length > 0 ? args[0] : "";
        Rng rng = new Rng(1);
        if (filter.isEmpty() || filter.startsWith("tiny")) {
            tinyStep(rng);
        }
        Tensor a = Tensor.randn(rng, DType.FLOAT32, 64, 256);
        Tensor b = Tensor.randn(rng, DType.FLOAT32, 64, 256);
        Tensor row = Tensor.randn(rng, DType.FLOAT32, 256);
        Tensor aT = Tensor.randn(rng, DType.FLOAT32, 256, 64).t();
        Tensor small = Tensor.randn(rng, DType.FLOAT32, 4, 8);
        Tensor smallRow = Tensor.randn(rng, DType.FLOAT32, 8);
        Tensor smallGrad = small.detach().requiresGrad(true);
        run(filter, "small add 4x8 + 4x8", () -> small.add(small));
        run(filter, "small add 4x8 + 8", () -> small.add(smallRow));
        run(filter, "small mul scalar 4x8", () -> small.mul(0.5));
        run(filter, "small sum axis 1 4x8", () -> small.sum(1, false));
        run(filter, "small tanh 4x8 recorded", smallGrad::tanh);
        run(filter, "small logSoftmax 4x8", () -> small.logSoftmax(1));
        run(filter, "add 64x256", () -> a.add(b));
        run(filter, "mul 64x256", () -> a.mul(b));
        run(filter, "add row bias 64x256 + 256", () -> a.add(row));
        run(filter, "mul scalar 64x256", () -> a.mul(0.5));
        run(filter, "add transposed 64x256", () -> aT.add(b));
        run(filter, "tanh 64x256", a::tanh);
        run(filter, "relu 64x256", a::relu);
        run(filter, "exp 64x256", a::exp);
        run(filter, "gt 64x256", () -> a.gt(0));
        run(filter, "copyFrom transposed 64x256", () -> Tensor.zeros(64, 256).copyFrom(aT));
        run(filter, "sum all 64x256", a::sum);
        run(filter, "sum axis 0 64x256", () -> a.sum(0, false));
        run(filter, "sum axis 1 64x256", () -> a.sum(1, false));
        run(filter, "amax axis 1 64x256", () -> a.amax(new int[] {1}, true));
        run(filter, "logSoftmax axis 1 64x256", () -> a.logSoftmax(1));
        run(filter, "softmax axis 0 64x256", () -> a.softmax(0));
        run(filter, "sumToShape bias 64x256 -> 256", () -> a.sumToShape(256));
        Tensor m = Tensor.zeros(784, 256);
        Tensor v = Tensor.zeros(784, 256);
        Tensor g = Tensor.randn(rng, DType.FLOAT32, 784, 256);
        run(filter, "inplace lerp 784x256", () -> m.lerpInPlace(g, 0.1));
        run(filter, "inplace addcmul 784x256", () -> v.addcmulInPlace(g, g, 0.001));
        run(filter, "inplace mul scalar 784x256", () -> v.mulInPlace(0.999));
        run(filter, "inplace sqrt 784x256", () -> v.sqrtInPlace());
        mlpStep(filter, rng);
        conv(filter, rng, "conv 128x1x28x28 -> 32 3x3", new int[] {128, 1, 28, 28}, 32);
        conv(filter, rng, "conv 128x32x13x13 -> 64 3x3", new int[] {128, 32, 13, 13}, 64);
    }

    /** The tiny workload: 2-8(tanh)-2 MLP, softmax cross-entropy composed from ops, Adam, batch 4. */
    private static void tinyStep(Rng rng) {
        Tensor w1 = Tensor.randn(rng, DType.FLOAT32, 2, 8).mul(0.5).requiresGrad(true);
        Tensor b1 = Tensor.zeros(8).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, DType.FLOAT32, 8, 2).mul(0.5).requiresGrad(true);
        Tensor b2 = Tensor.zeros(2).requiresGrad(true);
        Adam adam = new Adam(0.01);
        adam.setParameters(List.of(w1, b1, w2, b2));
        Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
        Tensor oneHot = Tensor.of(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, 4, 2);
        measure("tiny 2-8-2 step (batch 4)", () -> {
            adam.zeroGrad();
            Tensor h = x.matmul(w1).add(b1).tanh();
            Tensor logits = h.matmul(w2).add(b2);
            Tensor loss = logits.logSoftmax(1).mul(oneHot).sum(1, false).mean().neg();
            loss.backward();
            adam.step();
            return loss;
        }, 4);
        measure("tiny 2-8-2 step, fused linear + CE", () -> {
            adam.zeroGrad();
            Tensor h = x.linear(w1, b1).tanh();
            Tensor loss = h.linear(w2, b2).softmaxCrossEntropy(oneHot);
            loss.backward();
            adam.step();
            return loss;
        }, 4);
    }

    private static void mlpStep(String filter, Rng rng) {
        if (!"mlp 784-256-128-10 step (batch 64)".contains(filter) && !filter.isEmpty()) {
            return;
        }
        Tensor w1 = Tensor.randn(rng, DType.FLOAT32, 784, 256).mul(0.05).requiresGrad(true);
        Tensor b1 = Tensor.zeros(256).requiresGrad(true);
        Tensor w2 = Tensor.randn(rng, DType.FLOAT32, 256, 128).mul(0.05).requiresGrad(true);
        Tensor b2 = Tensor.zeros(128).requiresGrad(true);
        Tensor w3 = Tensor.randn(rng, DType.FLOAT32, 128, 10).mul(0.05).requiresGrad(true);
        Tensor b3 = Tensor.zeros(10).requiresGrad(true);
        Adam adam = new Adam(0.001);
        adam.setParameters(List.of(w1, b1, w2, b2, w3, b3));
        Tensor x = Tensor.rand(rng, DType.FLOAT32, 64, 784);
        Tensor oneHot = Tensor.zeros(64, 10);
        for (int i = 0; i < 64; i++) {
            oneHot.set(1, i, i % 10);
        }
        measure("mlp 784-256-128-10 step (batch 64)", () -> {
            adam.zeroGrad();
            Tensor h = x.matmul(w1).add(b1).relu();
            h = h.matmul(w2).add(b2).relu();
            Tensor logits = h.matmul(w3).add(b3);
            Tensor loss = logits.logSoftmax(1).mul(oneHot).sum(1, false).mean().neg();
            loss.backward();
            adam.step();
            return loss;
        }, 64);
        measure("mlp 784-256-128-10 step, fused linear + CE", () -> {
            adam.zeroGrad();
            Tensor h = x.linear(w1, b1).relu();
            h = h.linear(w2, b2).relu();
            Tensor loss = h.linear(w3, b3).softmaxCrossEntropy(oneHot);
            loss.backward();
            adam.step();
            return loss;
        }, 64);
    }

    private static void conv(String filter, Rng rng, String name, int[] inShape, int outChannels) {
        if (!(name + " forward").contains(filter) && !(name + " forward+backward").contains(filter) && !filter.isEmpty()) {
            return;
        }
        Tensor x = Tensor.randn(rng, DType.FLOAT32, inShape).requiresGrad(true);
        Tensor w = Tensor.randn(rng, DType.FLOAT32, outChannels, inShape[1], 3, 3).mul(0.1).requiresGrad(true);
        Tensor b = Tensor.zeros(outChannels).requiresGrad(true);
        ConvOptions o = ConvOptions.of();
        measure(name + " forward", () -> x.detach().conv2d(w.detach(), b.detach(), o), 0);
        measure(name + " forward+backward", () -> {
            x.zeroGrad();
            w.zeroGrad();
            b.zeroGrad();
            Tensor y = x.conv2d(w, b, o);
            y.sum().backward();
            return y;
        }, 0);
    }

    private static long allocatedBytes() {
        try {
            return (Long) ALLOCATED_BYTES.invoke(THREADS);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String filter, String name, Supplier<Object> op) {
        if (filter.isEmpty() || name.contains(filter)) {
            measure(name, op, 0);
        }
    }

    /**
     * Warms up, then times five rounds of about 0.4 s and prints the fastest round's µs and bytes per call (and
     * samples/s): the machine is shared, and the fastest round is the least disturbed one.
     */
    private static void measure(String name, Supplier<Object> op, int samplesPerCall) {
        long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            sink = op.get();
        }
        double best = Double.MAX_VALUE;
        long bytesPerCall = 0;
        for (int round = 0; round < 5; round++) {
            long calls = 0;
            long bytes0 = allocatedBytes();
            long t0 = System.nanoTime();
            long t1;
            do {
                for (int i = 0; i < 10; i++) {
                    sink = op.get();
                }
                calls += 10;
                t1 = System.nanoTime();
            } while (t1 - t0 < 400_000_000L);
            bytesPerCall = (allocatedBytes() - bytes0) / calls;
            best = Math.min(best, (t1 - t0) / 1e3 / calls);
        }
        String rate = samplesPerCall > 0 ? String.format(Locale.ROOT, "  %,.0f samples/s", samplesPerCall * 1e6 / best) : "";
        System.out.printf(Locale.ROOT, "%-45s %12.2f us/call %12d B/call%s%n", name, best, bytesPerCall, rate);
    }
}
