package io.javagrad.layers.data;

import io.javagrad.core.Rng;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An in-memory dataset: one or more input tensors and zero or more target tensors, all with the samples along
 * axis 0. Immutable; {@link #split} gives views, {@link #subset} copies the chosen rows.
 *
 * <pre>{@code
 * Dataset data = new Dataset(x, y);
 * Dataset.Split s = data.split(0.2);                 // the LAST 20% validate, as Keras's validation_split
 * for (Dataset.Batch b : s.train().batches(32, true, rng)) { ... b.x() ... b.y() ... }
 * }</pre>
 */
public final class Dataset {
    private final List<Tensor> xs;
    private final List<Tensor> ys;
    private final int size;

    /** One input and one target tensor ({@code y} may be {@code null} for inputs only). */
    public Dataset(Tensor x, Tensor y) {
        this(List.of(x), y == null ? List.of() : List.of(y));
    }

    /**
     * Several inputs and targets (for models with several inputs or outputs). Every tensor needs rank >= 1 and
     * the same size along axis 0. The tensors are detached from any graph and made contiguous (copied only when
     * they are not).
     */
    public Dataset(List<Tensor> xs, List<Tensor> ys) {
        if (xs == null || xs.isEmpty() || ys == null) {
            throw new IllegalArgumentException("Dataset: needs at least one input tensor and a (possibly empty) target list");
        }
        this.xs = prepare(xs);
        this.ys = prepare(ys);
        this.size = xs.get(0).rank() == 0 ? -1 : xs.get(0).shape(0);
        List<Tensor> all = new ArrayList<>(this.xs);
        all.addAll(this.ys);
        for (Tensor t : all) {
            if (t.rank() == 0 || t.shape(0) != size) {
                throw new IllegalArgumentException("Dataset: every tensor needs the same number of samples along axis 0;"
                        + " got shapes " + shapes(all));
            }
        }
    }

    private static List<Tensor> prepare(List<Tensor> tensors) {
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            if (t == null) {
                throw new IllegalArgumentException("Dataset: null tensor in " + tensors.size() + " tensors");
            }
            out.add(t.detach().contiguous());
        }
        return List.copyOf(out);
    }

    private static String shapes(List<Tensor> tensors) {
        List<String> s = new ArrayList<>();
        for (Tensor t : tensors) {
            s.add(Shapes.str(t.shape()));
        }
        return String.join(", ", s);
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** The input tensors. */
    public List<Tensor> xs() {
        return xs;
    }

    /** The target tensors (empty for an inputs-only dataset). */
    public List<Tensor> ys() {
        return ys;
    }

    /** The only input tensor. */
    public Tensor x() {
        return only(xs, "input");
    }

    /** The only target tensor. */
    public Tensor y() {
        return only(ys, "target");
    }

    private static Tensor only(List<Tensor> list, String what) {
        if (list.size() != 1) {
            throw new IllegalStateException("Dataset: has " + list.size() + " " + what + " tensors, not one; use the"
                    + " list accessor");
        }
        return list.get(0);
    }

    /** Number of batches of {@code batchSize}, the last one possibly partial. */
    public int numBatches(int batchSize) {
        checkBatchSize(batchSize);
        return (size + batchSize - 1) / batchSize;
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("Dataset: batchSize must be positive, got " + batchSize);
        }
    }

    /**
     * The batches of one epoch, the last one partial when {@code batchSize} does not divide the size. With
     * {@code shuffle}, the order is a permutation drawn from {@code rng} when this method is called: calling it
     * once per epoch with one {@code Rng} gives a new, reproducible order each epoch (iterating the returned
     * {@code Iterable} again repeats its order). Unshuffled batches are views of the data; shuffled ones are
     * copies of the chosen rows.
     */
    public Iterable<Batch> batches(int batchSize, boolean shuffle, Rng rng) {
        checkBatchSize(batchSize);
        if (shuffle && rng == null) {
            throw new IllegalArgumentException("Dataset: shuffling needs an Rng");
        }
        if (!shuffle) {
            return inOrder(batchSize, (start, end) -> new Batch(slices(xs, start, end), slices(ys, start, end)));
        }
        int[] order = rng.permutation(size);
        return inOrder(batchSize, (start, end) -> rowsAt(Arrays.copyOfRange(order, start, end)));
    }

    /**
     * The shuffled batches of {@link #batches(int, boolean, Rng)} (the same permutation drawn from {@code rng}, the
     * same values), copied into {@code buffers} sets of tensors taken in turn rather than into new tensors, so that
     * an epoch allocates those sets and a last partial batch only. A batch's tensors are overwritten by the batch
     * {@code buffers} places later: each batch must be done with by then. {@code Model.fit} takes two sets, one for
     * the batch of the step and one for the next batch, copied ahead.
     */
    public Iterable<Batch> shuffledBatches(int batchSize, Rng rng, int buffers) {
        checkBatchSize(batchSize);
        if (rng == null || buffers < 1) {
            throw new IllegalArgumentException("Dataset: reused shuffled batches need an Rng and at least one set of"
                    + " buffers, got " + rng + " and " + buffers);
        }
        int[] order = rng.permutation(size);
        Batch[] sets = new Batch[buffers];
        int[] next = new int[1];
        return inOrder(batchSize, (start, end) -> {
            int[] picked = Arrays.copyOfRange(order, start, end);
            if (end - start < batchSize) {
                return rowsAt(picked);
            }
            int set = next[0]++ % buffers;
            if (sets[set] == null) {
                sets[set] = rowsAt(picked);
            } else {
                copyRows(xs, picked, sets[set].xs());
                copyRows(ys, picked, sets[set].ys());
            }
            return sets[set];
        });
    }

    /** The batches {@code maker} makes of the samples' positions {@code [0, batchSize)}, {@code [batchSize, ...)}... */
    private Iterable<Batch> inOrder(int batchSize, BatchMaker maker) {
        return () -> new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < size;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int end = Math.min(size, start + batchSize);
                Batch b = maker.make(start, end);
                start = end;
                return b;
            }
        };
    }

    /** Makes the batch of the samples at positions {@code start} (inclusive) to {@code end} of an epoch's order. */
    @FunctionalInterface
    private interface BatchMaker {
        Batch make(int start, int end);
    }

    /**
     * {@link #batches(int, boolean, Rng)} with each batch passed through {@code transform} (e.g. data augmentation)
     * as it is reached. The permutation is drawn first, then the transform's choices batch by batch, all from
     * {@code rng}: the same generator state gives the same epoch; iterating the result again draws anew.
     */
    public Iterable<Batch> batches(int batchSize, boolean shuffle, Rng rng, BatchTransform transform) {
        if (transform == null || rng == null) {
            throw new IllegalArgumentException("Dataset: a batch transform needs a transform and an Rng, got "
                    + transform + " and " + rng);
        }
        Iterable<Batch> plain = batches(batchSize, shuffle, rng);
        return () -> new Iterator<>() {
            private final Iterator<Batch> it = plain.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Batch next() {
                return transform.apply(it.next(), rng);
            }
        };
    }

    private static List<Tensor> slices(List<Tensor> tensors, int start, int end) {
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.slice(0, start, end));
        }
        return List.copyOf(out);
    }

    /** A new batch of the samples at {@code picked}. */
    private Batch rowsAt(int[] picked) {
        return new Batch(rows(xs, picked), rows(ys, picked));
    }

    private static void copyRows(List<Tensor> tensors, int[] indices, List<Tensor> into) {
        for (int i = 0; i < tensors.size(); i++) {
            into.get(i).copyFrom(tensors.get(i), 0, indices);
        }
    }

    private static List<Tensor> rows(List<Tensor> tensors, int[] indices) {
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.indexSelect(0, indices));
        }
        return List.copyOf(out);
    }

    /** A training part and a validation part. */
    public record Split(Dataset train, Dataset validation) {}

    /**
     * Splits off the LAST {@code validationFraction} of the samples as validation data, without shuffling, as
     * Keras's {@code validation_split} does: the first {@code floor(size * (1 - fraction))} samples train. Shuffle
     * the data beforehand (e.g. with {@link #subset} and a permutation) if its order is not random. Both parts
     * are views of this dataset's storage.
     */
    public Split split(double validationFraction) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Dataset.split: validationFraction must be in (0, 1), got "
                    + validationFraction);
        }
        int at = (int) Math.floor(size * (1 - validationFraction));
        if (at == 0 || at == size) {
            throw new IllegalArgumentException("Dataset.split: " + size + " samples are too few to split off a"
                    + " validation fraction of " + validationFraction);
        }
        return new Split(new Dataset(slices(xs, 0, at), slices(ys, 0, at)),
                new Dataset(slices(xs, at, size), slices(ys, at, size)));
    }

    /** The samples at {@code indices}, in that order, repeats allowed (for bootstrap resampling); copies the rows. */
    public Dataset subset(int... indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= size) {
                throw new IllegalArgumentException("Dataset.subset: index " + indices[i] + " at position " + i
                        + " is outside [0, " + size + ")");
            }
        }
        return new Dataset(rows(xs, indices), rows(ys, indices));
    }

    /** One batch: the inputs and targets of the same samples. */
    public record Batch(List<Tensor> xs, List<Tensor> ys) {
        /** The only input tensor. */
        public Tensor x() {
            return only(xs, "input");
        }

        /** The only target tensor. */
        public Tensor y() {
            return only(ys, "target");
        }

        /** Number of samples in this batch. */
        public int size() {
            return xs.get(0).shape(0);
        }
    }
}
