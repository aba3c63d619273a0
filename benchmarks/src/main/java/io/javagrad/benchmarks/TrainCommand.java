package io.javagrad.benchmarks;

import io.javagrad.core.DType;
import io.javagrad.core.Parallelism;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.examples.MnistData;
import io.javagrad.examples.MnistModels;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.data.Dataset;
import io.javagrad.layers.data.Mnist;
import io.javagrad.layers.losses.SparseCategoricalCrossentropy;
import io.javagrad.layers.metrics.SparseCategoricalAccuracy;
import io.javagrad.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code train --model tiny|mlp|cnn --threads T [--epochs E] [--data DIR]}: trains one fixed workload with
 * {@code fit} and prints one line {@code train model=M threads=T samples_per_sec=X test_accuracy=Y seconds=Z},
 * where the seconds are those of the training loop only (data loading and the test pass excluded). First the same
 * workload runs untimed on fresh models, so that the timed run measures compiled code rather than the JIT's
 * warm-up: by default as many runs as fit in {@value #WARMUP_SECONDS} seconds (at least one), since the JIT
 * takes about two seconds to compile the Vector API kernels; {@code --warmup RUNS} sets the number instead
 * ({@code --warmup 0}: a cold run). tiny runs 20 epochs of 1,024 steps, so the timed run is long enough to measure.
 * <ul>
 *   <li>tiny: 4,096 points uniform in [0,1)^2 (seed 7), label XOR(x0 > 0.5, x1 > 0.5); 2-8(tanh)-2 softmax,
 *       Adam 1e-3, batch 4, 20 epochs; tested on the first 512 points.</li>
 *   <li>mlp: 784-256-128-10 on the 8,000 MNIST training images, batch 64, 3 epochs; tested on the 2,000 test images.</li>
 *   <li>cnn: the mnist-cnn network, batch 128, 2 epochs.</li>
 * </ul>
 */
final class TrainCommand implements Command {
    private static final long SEED = 7;
    /** The default warm-up: untimed runs until this many seconds have passed. */
    private static final int WARMUP_SECONDS = 3;

    @Override
    public String summary() {
        return "--model tiny|mlp|cnn [--threads T] [--epochs E] [--data DIR] [--warmup RUNS]";
    }

    /** A model with its data and batch size. */
    private record Workload(Sequential model, Dataset train, Dataset test, int batchSize, int epochs) {}

    @Override
    public void run(String[] args) throws IOException {
        Options o = new Options(args, Set.of("model", "threads", "epochs", "data", "warmup"), Set.of());
        String name = o.string("model", "mlp");
        int threads = o.positiveInt("threads", Parallelism.threads());
        int warmups = o.nonNegativeInt("warmup", -1);
        Parallelism.setThreads(threads);
        long warmupEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
        int runs = 0;
        while (warmups < 0 ? runs == 0 || System.nanoTime() < warmupEnd : runs < warmups) {
            train(workload(name, o));
            runs++;
        }
        Workload w = workload(name, o);
        double seconds = train(w);
        double accuracy = w.model().evaluate(w.test(), 512).get("accuracy");
        System.out.printf(Locale.ROOT, "train model=%s threads=%d samples_per_sec=%.0f test_accuracy=%.4f seconds=%.2f%n",
                name, threads, (double) w.train().size() * w.epochs() / seconds, accuracy, seconds);
    }

    private static Workload workload(String name, Options o) throws IOException {
        String dataDir = o.string("data", null);
        Path data = dataDir == null ? null : Path.of(dataDir);
        return switch (name) {
            case "tiny" -> tiny(o.positiveInt("epochs", 20));
            case "mlp" -> mnist(MnistModels.mlp(SEED), Mnist.Layout.FLAT, data, 64, o.positiveInt("epochs", 3));
            case "cnn" -> mnist(MnistModels.cnn(SEED), Mnist.Layout.IMAGES, data, 128, o.positiveInt("epochs", 2));
            default -> throw new IllegalArgumentException("--model expects tiny, mlp or cnn, got '" + name + "'");
        };
    }

    /** Runs the workload's training loop; returns its seconds. */
    private static double train(Workload w) {
        FitOptions fit = FitOptions.defaults().epochs(w.epochs()).batchSize(w.batchSize()).verbose(false);
        long start = System.nanoTime();
        w.model().fit(w.train(), fit);
        return (System.nanoTime() - start) / 1e9;
    }

    private static Workload tiny(int epochs) {
        int n = 4096;
        Rng rng = new Rng(SEED);
        Tensor x = Tensor.rand(rng, DType.FLOAT32, n, 2);
        float[] xs = x.toFloatArray();
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (xs[2 * i] > 0.5f) != (xs[2 * i + 1] > 0.5f) ? 1 : 0;
        }
        Dataset all = new Dataset(x, Tensor.of(labels));
        Sequential model = new Sequential(2);
        model.add(new Dense(8).activation("tanh"));
        model.add(new Dense(2).activation("softmax"));
        model.setSeed(SEED);
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
        int[] first = new int[512];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        return new Workload(model, all, all.subset(first), 4, epochs);
    }

    private static Workload mnist(Sequential model, Mnist.Layout layout, Path data, int batchSize, int epochs)
            throws IOException {
        Mnist.Data d = MnistData.load(data, layout);
        return new Workload(model, d.train(), d.test(), batchSize, epochs);
    }
}
