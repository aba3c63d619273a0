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
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code train --model tiny|mlp|cnn --threads T [--epochs E] [--data DIR] [--runs R]}: loads the workload's data
 * once, trains it with {@code fit} R times (default {@value #TIMED_RUNS}), each on a fresh model, and prints one line
 * {@code train model=M threads=T samples_per_sec=X test_accuracy=Y seconds=Z warmup_runs=W}, from the run of median
 * time, where the seconds are those of the training loop only (data loading and the test pass excluded); every run
 * reaches the same accuracy, as training is deterministic. First fresh models train untimed, so that the timed runs
 * measure compiled code rather than the JIT's warm-up: by default for at least {@value #WARMUP_SECONDS} seconds and
 * until the JIT has settled (it compiled for less than 1/{@value #SETTLED_RATIO} of the time of the latest runs that
 * last {@value #QUIET_SECONDS} seconds together, see {@link JitQuietWindow}), at most {@value #MAX_WARMUP_SECONDS}
 * seconds. Measured: the JIT keeps compiling for 10 to 15 s of the mlp, and a run timed after 3 s was up to 1.5x
 * slower at two threads, where the compiler threads take CPU time from the workers. {@code --warmup RUNS} sets the number of warm-up runs instead ({@code --warmup 0}: a cold run). tiny runs
 * 20 epochs of 1,024 steps, so the timed run is long enough to measure. At two threads or more, the line ends with
 * {@code core_round_trip_ns=N}, the median of a {@link MachineCheck} run after each timed run: on a virtual machine it
 * tells a slow two-thread figure from vCPUs the host has placed far apart.
 * <ul>
 *   <li>tiny: 4,096 points uniform in [0,1)^2 (seed 7), label XOR(x0 > 0.5, x1 > 0.5); 2-8(tanh)-2 softmax,
 *       Adam 1e-3, batch 4, 20 epochs; tested on the first 512 points.</li>
 *   <li>mlp: 784-256-128-10 on the 8,000 MNIST training images, batch 64, 3 epochs; tested on the 2,000 test images.</li>
 *   <li>cnn: the mnist-cnn network, batch 128, 2 epochs.</li>
 * </ul>
 */
final class TrainCommand implements Command {
    private static final long SEED = 7;
    /** Timed runs by default: the line reports the median one. */
    private static final int TIMED_RUNS = 3;
    /** The default warm-up lasts at least this long... */
    private static final int WARMUP_SECONDS = 3;
    /** ...and until the warm-up runs of the last this many seconds... */
    private static final int QUIET_SECONDS = 2;
    /** ...last this many times longer than the JIT compiled during them... */
    private static final int SETTLED_RATIO = 100;
    /** ...but no longer than this. */
    private static final int MAX_WARMUP_SECONDS = 40;

    @Override
    public String summary() {
        return "--model tiny|mlp|cnn [--threads T] [--epochs E] [--data DIR] [--warmup RUNS] [--runs R]";
    }

    /** A workload's data, loaded once, with a maker of fresh models and the batch size and epochs. */
    private record Workload(Supplier<Sequential> freshModel, Dataset train, Dataset test, int batchSize, int epochs) {}

    @Override
    public void run(String[] args) throws IOException, InterruptedException {
        Options o = new Options(args, Set.of("model", "threads", "epochs", "data", "warmup", "runs"), Set.of());
        String name = o.string("model", "mlp");
        int threads = o.positiveInt("threads", Parallelism.threads());
        int warmups = o.nonNegativeInt("warmup", -1);
        int timedRuns = o.positiveInt("runs", TIMED_RUNS);
        Parallelism.setThreads(threads);
        Workload w = workload(name, o);
        int runs = warmups >= 0 ? warmUp(w, warmups) : warmUpUntilSettled(w);
        boolean checkMachine = threads >= 2;
        if (checkMachine) {
            MachineCheck.roundTripNanos(); // compiles the check's loops
        }
        double[] times = new double[timedRuns];
        double[] roundTrips = new double[timedRuns];
        Sequential model = null;
        for (int r = 0; r < timedRuns; r++) {
            model = w.freshModel().get();
            times[r] = train(w, model);
            roundTrips[r] = checkMachine ? MachineCheck.roundTripNanos() : 0;
        }
        double seconds = Command.median(times);
        double accuracy = model.evaluate(w.test(), 512).get("accuracy");
        double samplesPerSecond = (double) w.train().size() * w.epochs() / seconds;
        System.out.printf(Locale.ROOT, "train model=%s threads=%d samples_per_sec=%.0f test_accuracy=%.4f seconds=%.2f"
                + " warmup_runs=%d%s%n", name, threads, samplesPerSecond, accuracy, seconds, runs,
                checkMachine ? String.format(Locale.ROOT, " core_round_trip_ns=%.0f", Command.median(roundTrips)) : "");
    }

    /** Trains {@code runs} fresh models untimed; returns {@code runs}. */
    private static int warmUp(Workload w, int runs) {
        for (int r = 0; r < runs; r++) {
            train(w, w.freshModel().get());
        }
        return runs;
    }

    /** The default warm-up (see the class comment); returns the number of runs. */
    private static int warmUpUntilSettled(Workload w) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        JitQuietWindow window = new JitQuietWindow(QUIET_SECONDS, SETTLED_RATIO);
        long start = System.nanoTime();
        long compiled = jitTimed ? jit.getTotalCompilationTime() : 0;
        for (int runs = 1; ; runs++) {
            double seconds = train(w, w.freshModel().get());
            long nowCompiled = jitTimed ? jit.getTotalCompilationTime() : 0;
            boolean settled = window.add(seconds, (nowCompiled - compiled) / 1000.0);
            compiled = nowCompiled;
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (elapsed >= MAX_WARMUP_SECONDS || elapsed >= WARMUP_SECONDS && settled) {
                return runs;
            }
        }
    }

    private static Workload workload(String name, Options o) throws IOException {
        String dataDir = o.string("data", null);
        Path data = dataDir == null ? null : Path.of(dataDir);
        return switch (name) {
            case "tiny" -> tiny(o.positiveInt("epochs", 20));
            case "mlp" -> mnist(() -> MnistModels.mlp(SEED), Mnist.Layout.FLAT, data, 64, o.positiveInt("epochs", 3));
            case "cnn" -> mnist(() -> MnistModels.cnn(SEED), Mnist.Layout.IMAGES, data, 128,
                    o.positiveInt("epochs", 2));
            default -> throw new IllegalArgumentException("--model expects tiny, mlp or cnn, got '" + name + "'");
        };
    }

    /** Runs the workload's training loop on {@code model}; returns its seconds. */
    private static double train(Workload w, Sequential model) {
        FitOptions fit = FitOptions.defaults().epochs(w.epochs()).batchSize(w.batchSize()).verbose(false);
        long start = System.nanoTime();
        model.fit(w.train(), fit);
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
        int[] first = new int[512];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        return new Workload(TrainCommand::tinyModel, all, all.subset(first), 4, epochs);
    }

    private static Sequential tinyModel() {
        Sequential model = new Sequential(2);
        model.add(new Dense(8).activation("tanh"));
        model.add(new Dense(2).activation("softmax"));
        model.setSeed(SEED);
        model.compile(new Adam(1e-3), new SparseCategoricalCrossentropy(), new SparseCategoricalAccuracy("accuracy"));
        return model;
    }

    private static Workload mnist(Supplier<Sequential> freshModel, Mnist.Layout layout, Path data, int batchSize,
                                  int epochs) throws IOException {
        Mnist.Data d = MnistData.load(data, layout);
        return new Workload(freshModel, d.train(), d.test(), batchSize, epochs);
    }
}
