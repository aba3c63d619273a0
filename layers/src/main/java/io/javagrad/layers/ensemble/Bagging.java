package io.javagrad.layers.ensemble;

import io.javagrad.core.Rng;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Model;
import io.javagrad.layers.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongFunction;
import java.util.function.Supplier;

/**
 * Bootstrap aggregating: trains {@code k} models, each on its own bootstrap resample of the training data (as
 * many samples as the data has, drawn with replacement), and averages their predicted probabilities.
 *
 * <pre>{@code
 * Bagging bagging = new Bagging(5, 42, seed -> {
 *     Sequential m = new Sequential(784);
 *     m.add(new Dense(64).activation("relu"));
 *     m.add(new Dense(10).activation("softmax"));
 *     m.setSeed(seed);
 *     m.compile(new Adam(1e-3), new SparseCategoricalCrossentropy());
 *     return m;
 * }).fitOptions(() -> FitOptions.defaults().epochs(3).verbose(false));
 * BaggingResult result = bagging.fit(train, test);
 * System.out.println(result.ensembleAccuracy() + " vs " + result.meanMemberAccuracy());
 * }</pre>
 *
 * <p>Member {@code i} gets two seeds drawn from the bagging seed: one passed to the model factory (use it as the
 * model's seed), one that draws its bootstrap indices. Members train in parallel on a fixed pool of
 * {@code min(k, threads)} threads. A member's weights depend on its seeds only, never on which thread trained it or
 * when: the compute kernels give the same bits whatever the thread count. The kernels still share the library's
 * one pool ({@link io.javagrad.core.Parallelism}); when training as many members at once as there are cores,
 * {@code Parallelism.setThreads(1)} avoids oversubscribing them.
 */
public final class Bagging {
    private final int members;
    private final long seed;
    private final LongFunction<Model> factory;
    private int threads;
    private Supplier<FitOptions> fitOptions = () -> FitOptions.defaults().verbose(false);

    /**
     * {@code members} (>= 1) models from {@code factory}, which must return a new compiled single-input,
     * single-output model for the seed it is given (with its own optimizer, loss and metrics).
     */
    public Bagging(int members, long seed, LongFunction<Model> factory) {
        if (members < 1) {
            throw new IllegalArgumentException("Bagging: members must be >= 1, got " + members);
        }
        if (factory == null) {
            throw new IllegalArgumentException("Bagging: the model factory is null");
        }
        this.members = members;
        this.seed = seed;
        this.factory = factory;
        this.threads = Math.min(members, Runtime.getRuntime().availableProcessors());
    }

    /** The number of members trained at once (>= 1; default: the number of processors). */
    public Bagging threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Bagging: threads must be >= 1, got " + n);
        }
        threads = n;
        return this;
    }

    /**
     * The fit options of each member, a new object per member (default: Keras's defaults without the progress
     * display, whose lines would interleave).
     */
    public Bagging fitOptions(Supplier<FitOptions> options) {
        if (options == null) {
            throw new IllegalArgumentException("Bagging: the fit options supplier is null");
        }
        fitOptions = options;
        return this;
    }

    /**
     * Trains the members on bootstrap resamples of {@code train} and measures each member's accuracy and the
     * ensemble's on {@code evaluation} (both single-input, single-target datasets).
     */
    public BaggingResult fit(Dataset train, Dataset evaluation) {
        requireSingle(train, "training");
        requireSingle(evaluation, "evaluation");
        Rng root = new Rng(seed);
        long[] modelSeeds = new long[members];
        long[] bootstrapSeeds = new long[members];
        for (int i = 0; i < members; i++) {
            modelSeeds[i] = root.nextLong();
            bootstrapSeeds[i] = root.nextLong();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(members, threads));
        try {
            List<Future<Model>> futures = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                int member = i;
                futures.add(pool.submit(() -> trainMember(member, modelSeeds[member], bootstrapSeeds[member], train)));
            }
            List<Model> models = new ArrayList<>();
            for (Future<Model> f : futures) {
                models.add(await(f));
            }
            return new BaggingResult(models, modelSeeds, evaluation);
        } finally {
            pool.shutdownNow();
        }
    }

    private Model trainMember(int member, long modelSeed, long bootstrapSeed, Dataset train) {
        Model model = factory.apply(modelSeed);
        if (model == null) {
            throw new IllegalArgumentException("Bagging: the model factory returned null for member " + member);
        }
        model.fit(train.subset(bootstrapIndices(bootstrapSeed, train.size())), fitOptions.get());
        return model;
    }

    /** {@code n} indices in {@code [0, n)} drawn uniformly with replacement from {@code seed}. */
    static int[] bootstrapIndices(long seed, int n) {
        Rng rng = new Rng(seed);
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = rng.nextInt(n);
        }
        return indices;
    }

    private static Model await(Future<Model> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Bagging: interrupted while training the members", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Bagging: a member failed", e.getCause());
        }
    }

    private static void requireSingle(Dataset data, String what) {
        if (data.xs().size() != 1 || data.ys().size() != 1) {
            throw new IllegalArgumentException("Bagging: the " + what + " data must have one input and one target"
                    + " tensor, got " + data.xs().size() + " inputs and " + data.ys().size() + " targets");
        }
    }
}
