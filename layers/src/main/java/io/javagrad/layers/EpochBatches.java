package io.javagrad.layers;

import io.javagrad.core.Parallelism;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.data.BatchTransform;
import io.javagrad.layers.data.Dataset;
import java.util.Iterator;
import java.util.function.Supplier;

/**
 * The batches of one epoch of {@link Model#fit}, with the next batch copied ahead on an idle pool thread
 * ({@link Parallelism#inBackground}) once {@link #prefetch} is called: the step calls it after its forward pass,
 * where the calling thread works alone on the loss and the output layer. With one thread, or when copying ahead
 * does not pay, each batch is made when it is taken, as a plain iteration would. Shuffled batches are copied into
 * two reused sets of tensors rather than new ones (the mlp of the bench command: 200 KB less allocated per step).
 */
final class EpochBatches {
    /**
     * The fewest values (inputs and targets) in a batch for it to be copied ahead: handing a smaller copy to the
     * worker costs more than it saves (the bench command's tiny workload, 12 values per batch, ran slower at 2
     * threads with every batch copied ahead).
     */
    static final long MIN_PREFETCH_VALUES = 16_384;
    /**
     * Sets of tensors that shuffled batches are copied into in turn ({@link Dataset#shuffledBatches}): the step's
     * batch and the next one, copied ahead. A step is done with its batch when it returns (the graph that holds it
     * is released, and callbacks see the logs, not the batch), before the batch after next is copied.
     */
    static final int BUFFERS = 2;

    private final Iterator<Dataset.Batch> batches;
    private final boolean prefetching;
    /** The next batch, being made in the background; {@code null} when none is started. */
    private Supplier<Dataset.Batch> ahead;

    /**
     * The batches of {@code data} for one epoch with {@code options}, shuffled (if asked) from {@code rng}. Only
     * shuffled batches are copies worth making ahead; and batches with a transform are not, as the transform draws
     * from {@code rng} batch by batch: one made ahead and never taken would change the following draws.
     */
    EpochBatches(Dataset data, int batchSize, FitOptions options, Rng rng) {
        BatchTransform transform = options.batchTransform();
        boolean copied = transform == null && options.shuffle();
        Iterable<Dataset.Batch> epoch;
        if (copied) {
            epoch = data.shuffledBatches(batchSize, rng, BUFFERS);
        } else if (transform == null) {
            epoch = data.batches(batchSize, false, rng);
        } else {
            epoch = data.batches(batchSize, options.shuffle(), rng, transform);
        }
        this.batches = epoch.iterator();
        this.prefetching = copied && valuesPerBatch(data, batchSize) >= MIN_PREFETCH_VALUES;
    }

    private static long valuesPerBatch(Dataset data, int batchSize) {
        long perSample = 0;
        for (Tensor t : data.xs()) {
            perSample += t.numel() / data.size();
        }
        for (Tensor t : data.ys()) {
            perSample += t.numel() / data.size();
        }
        return perSample * Math.min(batchSize, data.size());
    }

    /** Whether {@link #prefetch} starts the next batch on the pool (with more than one thread). */
    boolean copiesAhead() {
        return prefetching;
    }

    boolean hasNext() {
        return ahead != null || batches.hasNext();
    }

    Dataset.Batch next() {
        if (ahead == null) {
            return batches.next();
        }
        Dataset.Batch batch = ahead.get();
        ahead = null;
        return batch;
    }

    /** Starts making the next batch, if copying ahead pays, there is a next batch and it is not started yet. */
    void prefetch() {
        if (prefetching && ahead == null && batches.hasNext()) {
            ahead = Parallelism.inBackground(batches::next);
        }
    }
}
