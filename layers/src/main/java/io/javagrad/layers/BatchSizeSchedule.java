package io.javagrad.layers;

/**
 * The batch size of each epoch of {@link Model#fit} (see {@link FitOptions#batchSizeSchedule}): growing the batch
 * instead of decaying the learning rate, as in AdaBatch (Devarakonda et al., 2017).
 */
@FunctionalInterface
public interface BatchSizeSchedule {
    /** The batch size of epoch {@code epoch} (from 0), given the fit's batch size. */
    int batchSize(int epoch, int initialBatchSize);

    /** Multiplies the batch size by {@code factor} every {@code everyEpochs} epochs, up to {@code maxBatchSize}. */
    static BatchSizeSchedule growing(int factor, int everyEpochs, int maxBatchSize) {
        if (factor < 1 || everyEpochs < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("BatchSizeSchedule.growing: factor, everyEpochs and maxBatchSize must be"
                    + " >= 1, got factor=" + factor + ", everyEpochs=" + everyEpochs + ", maxBatchSize=" + maxBatchSize);
        }
        return (epoch, initial) -> {
            long size = initial;
            for (int i = 0; i < epoch / everyEpochs && size < maxBatchSize; i++) {
                size *= factor;
            }
            return (int) Math.min(Math.max(initial, Math.min(size, maxBatchSize)), Integer.MAX_VALUE);
        };
    }
}
