package io.javagrad.core;

import io.javagrad.core.kernels.Elementwise;
import java.util.Arrays;

/**
 * An n-dimensional array of float32 or float64 values that records the operations applied to it, so that
 * gradients can be computed by reverse-mode automatic differentiation.
 *
 * <p>Storage is a flat {@code float[]} or {@code double[]} read through a shape, strides and an offset; views
 * (reshape, transpose, slice, expand, ...) share storage with their base. Every op returns a new tensor;
 * the methods whose name ends in {@code InPlace} (and {@link #fill}, {@link #copyFrom}, {@link #set}) are the
 * only ones that modify a tensor, and they are never recorded in the graph.
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
 * Tensor y = x.mul(x).sum();      // y = sum(x^2)
 * y.backward();
 * x.grad();                       // [2, 4, 6]
 * }</pre>
 *
 * <p>Element-wise binary ops broadcast as NumPy does. Ops check shapes and dtypes at once and throw an
 * {@link IllegalArgumentException} that names the op and the shapes involved; both operands must have the
 * same dtype (convert with {@link #to(DType)}).
 */
public final class Tensor {
    private final DType dtype;
    final int[] shape;
    final int[] strides;
    final int offset;
    /** The storage (one of the two is null); both null once a {@link BufferPool} took the storage back. */
    float[] f;
    double[] d;
    /**
     * Shared by a tensor and all its views: {@code [0]} counts the in-place changes of the storage, {@code [1]} the
     * views ever made of it (see {@link #ownsStorage()}). {@code null} (both counts 0) until the first view or
     * in-place change, so that most tensors an op makes never allocate it.
     */
    private int[] version;
    private final int numel;
    private final boolean contiguous;
    private boolean requiresGrad;
    private Tensor grad;
    /**
     * The gradient {@link #zeroGrad()} dropped while it was still the engine's alone (never handed out, no view): the
     * next backward may write this leaf's gradient into it instead of a new array. {@code null} otherwise.
     */
    private Tensor spareGrad;
    /**
     * Set by the backward engine, for the duration of one node's backward, on the gradient it hands that node when
     * nothing else can reach it (a buffer another backward just made, no view, not kept for the caller, no
     * listener): that backward may then overwrite it rather than allocate its result (as relu's mask does).
     */
    boolean overwritable;
    private Node gradFn;
    private String name;
    /** The logits of a {@link #softmaxActivation()} output, else {@code null}. */
    private Tensor softmaxLogits;

    Tensor(DType dtype, int[] shape, int[] strides, int offset, float[] f, double[] d, int[] version) {
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.f = f;
        this.d = d;
        this.version = version;
        int n = 1;
        boolean rowMajor = true;
        for (int i = shape.length - 1; i >= 0; i--) {
            rowMajor &= shape[i] == 1 || strides[i] == n;
            n *= shape[i];
        }
        this.numel = n;
        this.contiguous = rowMajor;
    }

    /**
     * A new contiguous tensor of zeros. The shape array is taken as is, not copied: pass a fresh array or another
     * tensor's shape (shape and stride arrays are never written after a tensor is made).
     */
    static Tensor empty(DType dtype, int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Shapes.str(shape));
            }
        }
        int n = Shapes.numel(shape);
        float[] f = dtype == DType.FLOAT32 ? new float[n] : null;
        double[] d = dtype == DType.FLOAT64 ? new double[n] : null;
        return new Tensor(dtype, shape, Shapes.contiguousStrides(shape), 0, f, d, null);
    }

    /**
     * A new contiguous tensor whose contents are unspecified, for an op that writes every element: its storage comes
     * from the {@link BufferPool} open on this thread when that holds an array of this size, else it is a new array.
     * The shape array is taken as is, as in {@link #empty}.
     */
    static Tensor uninitialized(DType dtype, int[] shape) {
        return pooled(dtype, shape, false);
    }

    /** {@link #empty} (zeros), its storage taken from the {@link BufferPool} open on this thread when it can be. */
    static Tensor zerosPooled(DType dtype, int[] shape) {
        return pooled(dtype, shape, true);
    }

    private static Tensor pooled(DType dtype, int[] shape, boolean zeroed) {
        int n = Shapes.numel(shape);
        Object storage = BufferPool.array(dtype == DType.FLOAT64, n, zeroed);
        return new Tensor(dtype, shape, Shapes.contiguousStrides(shape), 0, storage instanceof float[] f ? f : null,
                storage instanceof double[] d ? d : null, null);
    }

    /**
     * Gives up this tensor's storage, for a {@link BufferPool} to reuse, when the tensor owns all of it (no view shares
     * it, and it spans the whole array); returns that array, or {@code null} if the tensor keeps its storage. A tensor
     * that gave up its storage throws on every later read.
     */
    Object releaseStorage() {
        if (!ownsStorage() || !contiguous || offset != 0 || numel != storageLength()) {
            return null;
        }
        Object storage = storage();
        dropStorage();
        return storage;
    }

    /** The backing array ({@code float[]} or {@code double[]}), or {@code null} once given up. */
    Object storage() {
        return f != null ? f : d;
    }

    /** How many views were ever made of this tensor's storage (by any tensor over it). */
    int viewsMade() {
        return version == null ? 0 : version[1];
    }

    /** Forgets the storage, which a {@link BufferPool} has taken: every later read throws. */
    void dropStorage() {
        f = null;
        d = null;
    }

    /** Throws if a {@link BufferPool} took this tensor's storage back (see {@link BufferPool#endStep}). */
    private void requireStorage() {
        if (f == null && d == null) {
            throw new IllegalStateException("a tensor of shape " + Shapes.str(shape) + " was read after a BufferPool"
                    + " reused its storage: it was an intermediate result of a finished training step (keep a copy,"
                    + " or name it in BufferPool.endStep's keep list)");
        }
    }

    /** A new contiguous float64 tensor over {@code data} (taken as is, as is the shape). */
    static Tensor over(int[] shape, double[] data) {
        return new Tensor(DType.FLOAT64, shape, Shapes.contiguousStrides(shape), 0, null, data, null);
    }

    /** A view of this tensor's storage with another shape, strides and offset. */
    Tensor view(int[] newShape, int[] newStrides, int newOffset) {
        markShared();
        return new Tensor(dtype, newShape, newStrides, newOffset, f, d, version);
    }

    /**
     * This matrix's last two axes swapped, as an operand for an op that only reads it and returns nothing sharing its
     * storage: unlike {@link #t()} it is unrecorded and does not count as a view, so this tensor still owns its
     * storage ({@link #ownsStorage()}).
     */
    Tensor transposedOperand() {
        int r = shape.length;
        return new Tensor(dtype, Shapes.swapped(shape, r - 2, r - 1), Shapes.swapped(strides, r - 2, r - 1), offset, f,
                d, version);
    }

    /** Length of the backing array. */
    private int storageLength() {
        return f != null ? f.length : d.length;
    }

    /** Whether this tensor is the only one over its storage: made by an op, and no view was ever taken of it. */
    boolean ownsStorage() {
        return version == null || version[1] == 0;
    }

    /** Records that the storage may be reachable from elsewhere (a view, or code outside the engine). */
    void markShared() {
        versionCounts()[1]++;
    }

    /** The shared counts, made on first need (before any view shares them). */
    private int[] versionCounts() {
        if (version == null) {
            version = new int[2];
        }
        return version;
    }

    // ---------------------------------------------------------------- creation

    /** Zeros of the given shape, float32. */
    public static Tensor zeros(int... shape) {
        return empty(DType.FLOAT32, shape.clone());
    }

    /** Zeros of the given dtype and shape. */
    public static Tensor zeros(DType dtype, int... shape) {
        return empty(dtype, shape.clone());
    }

    /** Ones of the given shape, float32. */
    public static Tensor ones(int... shape) {
        return full(DType.FLOAT32, 1, shape);
    }

    /** Ones of the given dtype and shape. */
    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        Tensor t = empty(dtype, shape.clone());
        if (t.f != null) {
            Arrays.fill(t.f, (float) value);
        } else {
            Arrays.fill(t.d, value);
        }
        return t;
    }

    /** A 0-d float32 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return full(DType.FLOAT32, value, new int[0]);
    }

    /** A 0-d tensor of the given dtype holding {@code value}. */
    public static Tensor scalar(DType dtype, double value) {
        return full(dtype, value, new int[0]);
    }

    /** Values {@code start, start + step, ...} below {@code stop} (above it for a negative step). */
    public static Tensor arange(DType dtype, double start, double stop, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        Tensor t = empty(dtype, new int[] {n});
        for (int i = 0; i < n; i++) {
            t.write(i, start + i * step);
        }
        return t;
    }

    /** {@code 0, 1, ..., n-1} as float32. */
    public static Tensor arange(int n) {
        return arange(DType.FLOAT32, 0, n, 1);
    }

    /** {@code steps} evenly spaced values from {@code start} to {@code stop}, both included. */
    public static Tensor linspace(DType dtype, double start, double stop, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: steps must be >= 0, got " + steps);
        }
        Tensor t = empty(dtype, new int[] {steps});
        for (int i = 0; i < steps; i++) {
            t.write(i, steps == 1 ? start : start + (stop - start) * i / (steps - 1));
        }
        return t;
    }

    /** The n x n identity matrix. */
    public static Tensor eye(DType dtype, int n) {
        Tensor t = empty(dtype, new int[] {n, n});
        for (int i = 0; i < n; i++) {
            t.write(i * n + i, 1);
        }
        return t;
    }

    /** A float32 tensor over a copy of {@code data}; no shape means 1-d. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = shape.length == 0 ? new int[] {data.length} : shape.clone();
        checkLength(data.length, s);
        Tensor t = empty(DType.FLOAT32, s);
        System.arraycopy(data, 0, t.f, 0, data.length);
        return t;
    }

    /** A float64 tensor over a copy of {@code data}; no shape means 1-d. */
    public static Tensor of(double[] data, int... shape) {
        int[] s = shape.length == 0 ? new int[] {data.length} : shape.clone();
        checkLength(data.length, s);
        Tensor t = empty(DType.FLOAT64, s);
        System.arraycopy(data, 0, t.d, 0, data.length);
        return t;
    }

    /** A 2-d float32 tensor from a rectangular array. */
    public static Tensor of(float[][] data) {
        return fromNested(data, DType.FLOAT32);
    }

    /** A 2-d float64 tensor from a rectangular array. */
    public static Tensor of(double[][] data) {
        return fromNested(data, DType.FLOAT64);
    }

    /** A 3-d float32 tensor from a rectangular array. */
    public static Tensor of(float[][][] data) {
        return fromNested(data, DType.FLOAT32);
    }

    /** A 3-d float64 tensor from a rectangular array. */
    public static Tensor of(double[][][] data) {
        return fromNested(data, DType.FLOAT64);
    }

    /** A 4-d float32 tensor from a rectangular array. */
    public static Tensor of(float[][][][] data) {
        return fromNested(data, DType.FLOAT32);
    }

    /** A 4-d float64 tensor from a rectangular array. */
    public static Tensor of(double[][][][] data) {
        return fromNested(data, DType.FLOAT64);
    }

    private static void checkLength(int length, int[] shape) {
        if (Shapes.numel(shape) != length) {
            throw new IllegalArgumentException("Tensor.of: " + length + " values do not fill shape " + Shapes.str(shape)
                    + " (" + Shapes.numel(shape) + " elements)");
        }
    }

    private static Tensor fromNested(Object data, DType dtype) {
        int rank = 0;
        for (Class<?> c = data.getClass(); c.isArray(); c = c.getComponentType()) {
            rank++;
        }
        int[] shape = new int[rank];
        Object level = data;
        for (int i = 0; i < rank; i++) {
            shape[i] = java.lang.reflect.Array.getLength(level);
            if (i < rank - 1) {
                if (shape[i] == 0) {
                    break;
                }
                level = java.lang.reflect.Array.get(level, 0);
            }
        }
        Tensor t = empty(dtype, shape);
        int[] pos = {0};
        fill(data, 0, shape, t, pos);
        return t;
    }

    private static void fill(Object level, int depth, int[] shape, Tensor t, int[] pos) {
        int len = java.lang.reflect.Array.getLength(level);
        if (len != shape[depth]) {
            throw new IllegalArgumentException("Tensor.of: ragged array: expected length " + shape[depth]
                    + " at depth " + depth + ", got " + len);
        }
        if (depth == shape.length - 1) {
            if (level instanceof float[]) {
                System.arraycopy(level, 0, t.f, pos[0], len);
            } else {
                System.arraycopy(level, 0, t.d, pos[0], len);
            }
            pos[0] += len;
            return;
        }
        for (int i = 0; i < len; i++) {
            fill(java.lang.reflect.Array.get(level, i), depth + 1, shape, t, pos);
        }
    }

    /** Uniform values in [0, 1) drawn from {@code rng}. */
    public static Tensor rand(Rng rng, DType dtype, int... shape) {
        return uniform(rng, dtype, 0, 1, shape);
    }

    /** Uniform float32 values in [0, 1) from a generator seeded with {@code seed}. */
    public static Tensor rand(long seed, int... shape) {
        return rand(new Rng(seed), DType.FLOAT32, shape);
    }

    /** Standard normal values drawn from {@code rng}. */
    public static Tensor randn(Rng rng, DType dtype, int... shape) {
        Tensor t = empty(dtype, shape.clone());
        for (int i = 0; i < t.numel(); i++) {
            t.write(i, rng.nextGaussian());
        }
        return t;
    }

    /** Standard normal float32 values from a generator seeded with {@code seed}. */
    public static Tensor randn(long seed, int... shape) {
        return randn(new Rng(seed), DType.FLOAT32, shape);
    }

    /**
     * The scaled keep mask of inverted dropout: {@code 1 / (1 - rate)} where a uniform draw (rounded to the dtype)
     * is {@code >= rate}, 0 elsewhere. The same values as {@code rand(rng, dtype, shape).ge(rate).mul(1 / (1 - rate))}
     * from the same draws, and {@code rng} advances as far; large masks are drawn in parallel.
     *
     * @throws IllegalArgumentException if {@code rate} is not in [0, 1)
     */
    public static Tensor dropoutMask(Rng rng, DType dtype, double rate, int... shape) {
        return RandomMasks.dropout(rng, dtype, rate, shape);
    }

    /** Uniform values in [low, high) drawn from {@code rng}. */
    public static Tensor uniform(Rng rng, DType dtype, double low, double high, int... shape) {
        if (!(high >= low)) {
            throw new IllegalArgumentException("uniform: need low <= high, got [" + low + ", " + high + ")");
        }
        Tensor t = empty(dtype, shape.clone());
        for (int i = 0; i < t.numel(); i++) {
            t.write(i, low + (high - low) * rng.nextDouble());
        }
        return t;
    }

    // ---------------------------------------------------------------- properties

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The size along {@code axis} (negative counts from the end). */
    public int shape(int axis) {
        return shape[Shapes.axis("shape", axis, rank())];
    }

    /** A copy of the strides, in elements. */
    public int[] strides() {
        return strides.clone();
    }

    /** Number of axes; 0 for a scalar. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int numel() {
        return numel;
    }

    /** Whether the elements lie in row-major order without gaps from {@link #offset}. */
    public boolean isContiguous() {
        return contiguous;
    }

    /** The in-place modification counter shared with this tensor's views. */
    public int version() {
        return version == null ? 0 : version[0];
    }

    /** An optional name, shown by graph exports and error messages. */
    public String name() {
        return name;
    }

    /** Sets the optional name; returns this tensor. */
    public Tensor setName(String name) {
        this.name = name;
        return this;
    }

    // ---------------------------------------------------------------- autograd state

    /** Whether gradients flow to (or through) this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor as a variable whose gradient {@code backward} accumulates; returns this tensor. */
    public Tensor requiresGrad(boolean requires) {
        if (gradFn != null && !requires) {
            throw new IllegalStateException("requiresGrad(false) on a tensor computed by '" + gradFn.op()
                    + "'; use detach() to cut it from the graph");
        }
        this.requiresGrad = requires;
        return this;
    }

    /**
     * The accumulated gradient of a leaf, or {@code null} before any backward. The caller may keep it: a later
     * backward never changes a gradient tensor once returned here (it adds into a new one).
     */
    public Tensor grad() {
        if (grad != null) {
            grad.markShared();
        }
        return grad;
    }

    /**
     * The accumulated gradient for an update that reads it now and keeps no reference to it (an optimizer step,
     * gradient clipping): unlike {@link #grad()} it does not hand the gradient out, so {@link #zeroGrad()} may reuse
     * its storage for the next backward. Use {@link #grad()} for anything that keeps the tensor.
     */
    public Tensor gradForUpdate() {
        return grad;
    }

    /**
     * Clears the accumulated gradient (the next backward starts a new gradient tensor). A gradient never handed out by
     * {@link #grad()} or {@link #setGrad} is kept aside, and the next backward may write this leaf's gradient into its
     * storage rather than a new array (a Dense layer's weight gradient does), which saves allocating and zeroing it.
     */
    public void zeroGrad() {
        if (grad != null) {
            spareGrad = grad.ownsStorage() && !grad.requiresGrad() && grad.isContiguous() && grad.offset == 0
                    && grad.numel() == grad.storageLength() ? grad : null;
        }
        grad = null;
    }

    /**
     * For a backward that will overwrite every element: a contiguous tensor of this leaf's shape and dtype over the
     * storage {@link #zeroGrad()} kept aside (its old values still in it), or {@code null} if there is none. The
     * storage is given out once.
     */
    Tensor takeSpareGrad() {
        Tensor spare = spareGrad;
        spareGrad = null;
        if (spare == null || grad != null) {
            return null;
        }
        return new Tensor(dtype, shape, Shapes.contiguousStrides(shape), 0, spare.f, spare.d, null);
    }

    /** Replaces the accumulated gradient (for optimizers and gradient clipping); {@code null} clears it. */
    public void setGrad(Tensor g) {
        if (g != null && (!Arrays.equals(g.shape, shape) || g.dtype != dtype)) {
            throw new IllegalArgumentException("setGrad: gradient " + g.dtype + Shapes.str(g.shape)
                    + " does not match tensor " + dtype + Shapes.str(shape));
        }
        if (g != null) {
            g.markShared();
        }
        grad = g;
    }

    /** The node that produced this tensor, or {@code null} for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Whether this tensor was not produced by a recorded op. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    void attach(Node node) {
        this.gradFn = node;
        this.requiresGrad = true;
    }

    /**
     * Adds {@code g} to this leaf's gradient. Under {@code createGraph} the sum is recorded (a gradient that
     * requires a gradient is kept as it is). Otherwise the first gradient of a leaf becomes its {@code grad()}
     * without a copy when {@code exclusive} (the engine's own fresh buffer, referenced nowhere else); later ones
     * are added in place while the gradient is still the engine's alone (not handed out by {@link #grad()} or
     * {@link #setGrad}, which mark it shared), else out of place, so a gradient a caller holds never changes under
     * it.
     */
    void accumulateGrad(Tensor g, boolean createGraph, boolean exclusive) {
        if (createGraph) {
            grad = grad != null ? grad.add(g) : g.requiresGrad() ? g : g.copy();
        } else if (grad == null) {
            grad = exclusive && !g.requiresGrad() ? g : g.copy();
        } else if (!grad.requiresGrad() && grad.ownsStorage()) {
            InPlace.apply("accumulateGrad", grad, g, g, InPlace.Rule.AXPY, 1, 0);
        } else {
            grad = grad.add(g); // gradient mode is off here: nothing is recorded
        }
    }

    /** Computes the gradient of this scalar with respect to every leaf that requires one, adding it to their {@code grad()}. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /** Backward from a non-scalar output, seeded with {@code gradient} (same shape as this tensor). */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false, false);
    }

    /**
     * Backward with control over the graph: {@code retainGraph} keeps it for another backward,
     * {@code createGraph} records the backward so the accumulated gradients are differentiable.
     * {@code gradient} may be {@code null} for a scalar.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph, createGraph);
    }

    /** A tensor sharing this one's storage but cut from the graph. */
    public Tensor detach() {
        return view(shape, strides, offset);
    }

    // ---------------------------------------------------------------- element access

    /** The value of a one-element tensor. */
    public double item() {
        requireStorage();
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor of shape " + Shapes.str(shape) + " has " + numel() + " elements, not 1");
        }
        return Loops.read(this, offset);
    }

    /** The element at {@code index} (one index per axis). */
    public double get(int... index) {
        requireStorage();
        return Loops.read(this, offsetOf("get", index));
    }

    /** Sets the element at {@code index}; an in-place change. */
    public void set(double value, int... index) {
        checkInPlace("set");
        int off = offsetOf("set", index);
        if (f != null) {
            f[off] = (float) value;
        } else {
            d[off] = value;
        }
        bumpVersion();
    }

    private int offsetOf(String op, int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(op + ": " + index.length + " indices for a tensor of shape " + Shapes.str(shape));
        }
        int off = offset;
        for (int i = 0; i < index.length; i++) {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException(op + ": index " + Arrays.toString(index) + " out of range for shape "
                        + Shapes.str(shape));
            }
            off += k * strides[i];
        }
        return off;
    }

    /** Writes element {@code i} of a contiguous tensor with zero offset (creation helpers only). */
    void write(int i, double value) {
        if (f != null) {
            f[i] = (float) value;
        } else {
            d[i] = value;
        }
    }

    /** The elements in row-major order, as floats. */
    public float[] toFloatArray() {
        Tensor c = contiguousData();
        if (c.f != null) {
            return Arrays.copyOfRange(c.f, c.offset, c.offset + numel());
        }
        float[] out = new float[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) c.d[c.offset + i];
        }
        return out;
    }

    /** The elements in row-major order, as doubles. */
    public double[] toDoubleArray() {
        Tensor c = contiguousData();
        if (c.d != null) {
            return Arrays.copyOfRange(c.d, c.offset, c.offset + numel());
        }
        double[] out = new double[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.f[c.offset + i];
        }
        return out;
    }

    /** This tensor if contiguous, else a contiguous copy of its data (never recorded). */
    Tensor contiguousData() {
        requireStorage();
        return isContiguous() ? this : copy();
    }

    /** A contiguous copy of the data, not recorded in the graph. */
    Tensor copy() {
        return Loops.map(this, Elementwise.Unary.COPY);
    }

    // ---------------------------------------------------------------- in-place (never recorded)

    void checkInPlace(String op) {
        if (requiresGrad && Autograd.isGradEnabled()) {
            throw new IllegalStateException(op + ": in-place change of a tensor of shape " + Shapes.str(shape)
                    + " that requires a gradient; do it inside Autograd.noGrad() (as optimizers do) or use the"
                    + " out-of-place op");
        }
    }

    private Tensor assignFrom(String op, Tensor values) {
        checkInPlace(op);
        Loops.copy(values.expandTo(op, shape), this);
        bumpVersion();
        return this;
    }

    Tensor expandTo(String op, int[] target) {
        if (Arrays.equals(shape, target)) {
            return this;
        }
        int[] b = Shapes.broadcast(op, shape, target);
        if (!Arrays.equals(b, target)) {
            throw new IllegalArgumentException(op + ": a tensor of shape " + Shapes.str(shape)
                    + " cannot be written into one of shape " + Shapes.str(target));
        }
        return view(target, Loops.broadcastStrides(this, target), offset);
    }

    /** Copies {@code src} (broadcast to this shape, converted to this dtype) into this tensor. */
    public Tensor copyFrom(Tensor src) {
        return assignFrom("copyFrom", src);
    }

    /**
     * Copies {@code src}'s slices at {@code indices} along {@code axis} into this tensor, which must be contiguous, of
     * {@code src}'s dtype and of the shape {@code src.indexSelect(axis, indices)} would have: that op without a new
     * tensor ({@link #indexSelect(int, int...)}), as for a buffer refilled batch after batch. Never recorded.
     */
    public Tensor copyFrom(Tensor src, int axis, int... indices) {
        return IndexOps.indexSelectInto(src, axis, indices, this);
    }

    /** Sets every element to {@code value}. */
    public Tensor fill(double value) {
        return assignFrom("fill", scalar(dtype, value));
    }

    /** {@code this += other} (broadcast). */
    public Tensor addInPlace(Tensor other) {
        return InPlace.apply("addInPlace", this, other, other, InPlace.Rule.AXPY, 1, 0);
    }

    /** {@code this += alpha * other} (broadcast). */
    public Tensor addInPlace(Tensor other, double alpha) {
        return InPlace.apply("addInPlace", this, other, other, InPlace.Rule.AXPY, alpha, 0);
    }

    /** {@code this -= other} (broadcast). */
    public Tensor subInPlace(Tensor other) {
        return InPlace.apply("subInPlace", this, other, other, InPlace.Rule.AXPY, -1, 0);
    }

    /** {@code this *= other} (broadcast). */
    public Tensor mulInPlace(Tensor other) {
        return InPlace.apply("mulInPlace", this, other, other, InPlace.Rule.MUL, 0, 0);
    }

    /** {@code this *= factor}. */
    public Tensor mulInPlace(double factor) {
        return InPlace.apply("mulInPlace", this, InPlace.Rule.MUL_SCALAR, factor, 0);
    }

    void checkSameDtype(String op, Tensor other) {
        if (other.dtype != dtype) {
            throw new IllegalArgumentException(op + ": dtypes differ: " + dtype + Shapes.str(shape) + " and "
                    + other.dtype + Shapes.str(other.shape) + "; convert one with to(DType)");
        }
    }

    // ---------------------------------------------------------------- in-place (optimizer support)
    // Fused element-wise updates for optimizers: never recorded, version-bumping, computed in double and
    // rounded once, allocation-free for contiguous operands of this tensor's shape (InPlace).

    /** {@code this += value * a * b} (a, b broadcast). */
    public Tensor addcmulInPlace(Tensor a, Tensor b, double value) {
        return InPlace.apply("addcmulInPlace", this, a, b, InPlace.Rule.ADDCMUL, value, 0);
    }

    /**
     * {@code this = this * scale + value * a * b} (a, b broadcast) in one pass, with the same result as
     * {@code mulInPlace(scale).addcmulInPlace(a, b, value)}: Adam's second-moment update.
     */
    public Tensor scaleAddcmulInPlace(double scale, Tensor a, Tensor b, double value) {
        return InPlace.apply("scaleAddcmulInPlace", this, a, b, InPlace.Rule.SCALE_ADDCMUL, scale, value);
    }

    /** {@code this += value * a / b} (a, b broadcast). */
    public Tensor addcdivInPlace(Tensor a, Tensor b, double value) {
        return InPlace.apply("addcdivInPlace", this, a, b, InPlace.Rule.ADDCDIV, value, 0);
    }

    /** {@code this += weight * (end - this)}: moves this toward {@code end} (an exponential moving average step). */
    public Tensor lerpInPlace(Tensor end, double weight) {
        return InPlace.apply("lerpInPlace", this, end, end, InPlace.Rule.LERP, weight, 0);
    }

    /** {@code this += value}. */
    public Tensor addInPlace(double value) {
        return InPlace.apply("addInPlace", this, InPlace.Rule.ADD_SCALAR, value, 0);
    }

    /** {@code this = sqrt(this)}. */
    public Tensor sqrtInPlace() {
        return InPlace.apply("sqrtInPlace", this, InPlace.Rule.SQRT, 0, 0);
    }

    /**
     * {@code this = sqrt(a) * scale + shift} (a broadcast) in one pass, with the same result as
     * {@code copyFrom(a).sqrtInPlace().mulInPlace(scale).addInPlace(shift)}: Adam's denominator.
     */
    public Tensor setSqrtAffineInPlace(Tensor a, double scale, double shift) {
        return InPlace.apply("setSqrtAffineInPlace", this, a, a, InPlace.Rule.SQRT_AFFINE, scale, shift);
    }

    /**
     * One Adam step on this parameter, in place, with its gradient {@code grad} and moment estimates {@code m} and
     * {@code v} (all of this shape and dtype): bit-identical to
     * <pre>
     * m.lerpInPlace(grad, 1 - beta1);
     * v.scaleAddcmulInPlace(beta2, grad, grad, 1 - beta2);
     * addcdivInPlace(m, denominator.setSqrtAffineInPlace(v, scale, eps), step);
     * </pre>
     * but in one pass over the four tensors, without the denominator buffer, when all are contiguous and separate.
     * Changes this, {@code m} and {@code v}; returns this.
     */
    public Tensor adamStepInPlace(Tensor grad, Tensor m, Tensor v, double beta1, double beta2, double scale, double eps,
                                  double step) {
        return InPlace.adam(this, grad, m, v, beta1, beta2, scale, eps, step);
    }

    /** {@code this = max(this, other)} (broadcast; NaN propagates). */
    public Tensor maximumInPlace(Tensor other) {
        return InPlace.apply("maximumInPlace", this, other, other, InPlace.Rule.MAXIMUM, 0, 0);
    }

    /** Limits every element to [min, max] in place. */
    public Tensor clampInPlace(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("clampInPlace: need min <= max, got [" + min + ", " + max + "]");
        }
        return InPlace.apply("clampInPlace", this, InPlace.Rule.CLAMP, min, max);
    }

    /** Marks an in-place change (for the loops in {@link InPlace}). */
    void bumpVersion() {
        versionCounts()[0]++;
    }

    // ---------------------------------------------------------------- conversion

    /** This tensor in {@code target} dtype (itself when already so); differentiable. */
    public Tensor to(DType target) {
        if (target == dtype) {
            return this;
        }
        Tensor out = uninitialized(target, shape);
        Loops.copy(this, out);
        DType source = dtype;
        return Autograd.record("to", out, new Tensor[] {this}, new Tensor[0], g -> new Tensor[] {g.to(source)});
    }

    /** A contiguous tensor with the same values: this one if already contiguous. Differentiable. */
    public Tensor contiguous() {
        if (isContiguous()) {
            return this;
        }
        return Autograd.record("contiguous", copy(), new Tensor[] {this}, new Tensor[0], g -> new Tensor[] {g});
    }

    /** A differentiable copy with its own storage. */
    public Tensor cloneTensor() {
        return Autograd.record("clone", copy(), new Tensor[] {this}, new Tensor[0], g -> new Tensor[] {g});
    }

    // ---------------------------------------------------------------- views (ViewOps)

    /** The same data with a new shape (one entry may be -1); a view when the strides allow, else a copy. */
    public Tensor reshape(int... newShape) {
        return ViewOps.reshape(this, newShape);
    }

    /** Alias of {@link #reshape}. */
    public Tensor view(int... newShape) {
        return ViewOps.reshape(this, newShape);
    }

    /** Flattens axes {@code startAxis..} into one. */
    public Tensor flatten(int startAxis) {
        return ViewOps.flatten(this, startAxis);
    }

    /** Swaps two axes (a view). */
    public Tensor transpose(int axisA, int axisB) {
        return ViewOps.transpose(this, axisA, axisB);
    }

    /** The transpose of a matrix, or of the last two axes of a batch of matrices (a view). */
    public Tensor t() {
        if (rank() < 2) {
            throw new IllegalArgumentException("t: needs rank >= 2, got shape " + Shapes.str(shape));
        }
        return ViewOps.transpose(this, -2, -1);
    }

    /** Reorders the axes: output axis i is input axis {@code order[i]} (a view). */
    public Tensor permute(int... order) {
        return ViewOps.permute(this, order);
    }

    /** Elements {@code start, start+step, ...} below {@code stop} along {@code axis} (a view); negative bounds count from the end. */
    public Tensor slice(int axis, int start, int stop, int step) {
        return ViewOps.slice(this, axis, start, stop, step);
    }

    /** {@link #slice(int, int, int, int)} with step 1. */
    public Tensor slice(int axis, int start, int stop) {
        return ViewOps.slice(this, axis, start, stop, 1);
    }

    /** The sub-tensor at {@code index} along {@code axis}, with that axis removed (a view). */
    public Tensor select(int axis, int index) {
        return ViewOps.select(this, axis, index);
    }

    /** Removes every axis of size 1. */
    public Tensor squeeze() {
        return ViewOps.squeeze(this);
    }

    /** Removes {@code axis}, which must have size 1. */
    public Tensor squeeze(int axis) {
        return ViewOps.squeeze(this, axis);
    }

    /** Inserts an axis of size 1 at {@code axis}. */
    public Tensor unsqueeze(int axis) {
        return ViewOps.unsqueeze(this, axis);
    }

    /** Broadcasts to {@code newShape} without copying (size-1 axes repeat; -1 keeps a size). */
    public Tensor expand(int... newShape) {
        return ViewOps.expand(this, newShape);
    }

    /** Sums this gradient-like tensor down to {@code target}, undoing a broadcast from {@code target}. */
    public Tensor sumToShape(int... target) {
        return ViewOps.sumToShape(this, target);
    }

    // ---------------------------------------------------------------- element-wise arithmetic (MathOps)

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return MathOps.add(this, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return MathOps.addScalar(this, value);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return MathOps.sub(this, other);
    }

    /** {@code this - value}. */
    public Tensor sub(double value) {
        return MathOps.addScalar(this, -value);
    }

    /** {@code value - this}. */
    public Tensor rsub(double value) {
        return MathOps.addScalar(MathOps.neg(this), value);
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return MathOps.mul(this, other);
    }

    /** {@code this * value}. */
    public Tensor mul(double value) {
        return MathOps.mulScalar(this, value);
    }

    /** {@code this / other}, broadcasting. */
    public Tensor div(Tensor other) {
        return MathOps.div(this, other);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return MathOps.mulScalar(this, 1.0 / value);
    }

    /** {@code -this}. */
    public Tensor neg() {
        return MathOps.neg(this);
    }

    /** {@code this ^ exponent}, element-wise with broadcasting. */
    public Tensor pow(Tensor exponent) {
        return MathOps.pow(this, exponent);
    }

    /** {@code this ^ exponent}. */
    public Tensor pow(double exponent) {
        return MathOps.powScalar(this, exponent);
    }

    /** {@code this * this}. */
    public Tensor square() {
        return MathOps.powScalar(this, 2);
    }

    /** e to the power of each element. */
    public Tensor exp() {
        return MathOps.exp(this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return MathOps.log(this);
    }

    /** Square root. */
    public Tensor sqrt() {
        return MathOps.sqrt(this);
    }

    /** Absolute value (derivative sign(x), 0 at 0). */
    public Tensor abs() {
        return MathOps.abs(this);
    }

    /** -1, 0 or 1 (derivative 0). */
    public Tensor sign() {
        return MathOps.sign(this);
    }

    /** Sine. */
    public Tensor sin() {
        return MathOps.sin(this);
    }

    /** Cosine. */
    public Tensor cos() {
        return MathOps.cos(this);
    }

    /** The error function. */
    public Tensor erf() {
        return MathOps.erf(this);
    }

    /** Element-wise maximum, broadcasting (ties send the gradient to both halves). */
    public Tensor maximum(Tensor other) {
        return MathOps.maximum(this, other);
    }

    /** Element-wise minimum, broadcasting (ties send the gradient to both halves). */
    public Tensor minimum(Tensor other) {
        return MathOps.minimum(this, other);
    }

    /** Limits values to [min, max]; use infinities for one-sided clamps. */
    public Tensor clamp(double min, double max) {
        return MathOps.clamp(this, min, max);
    }

    /** {@code cond ? a : b} element-wise, broadcasting all three; {@code cond} is a mask (non-zero = true). */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return MathOps.where(cond, a, b);
    }

    /** Mask of {@code this > other} (1 or 0, this dtype, broadcasting; not differentiable). */
    public Tensor gt(Tensor other) {
        return MathOps.compare("gt", this, other, Elementwise.Binary.GT);
    }

    /** Mask of {@code this >= other}. */
    public Tensor ge(Tensor other) {
        return MathOps.compare("ge", this, other, Elementwise.Binary.GE);
    }

    /** Mask of {@code this < other}. */
    public Tensor lt(Tensor other) {
        return MathOps.compare("lt", this, other, Elementwise.Binary.LT);
    }

    /** Mask of {@code this <= other}. */
    public Tensor le(Tensor other) {
        return MathOps.compare("le", this, other, Elementwise.Binary.LE);
    }

    /** Mask of {@code this == other}. */
    public Tensor eq(Tensor other) {
        return MathOps.compare("eq", this, other, Elementwise.Binary.EQ);
    }

    /** Mask of {@code this != other}. */
    public Tensor ne(Tensor other) {
        return MathOps.compare("ne", this, other, Elementwise.Binary.NE);
    }

    /** Mask of {@code this > value}. */
    public Tensor gt(double value) {
        return gt(scalar(dtype, value));
    }

    /** Mask of {@code this >= value}. */
    public Tensor ge(double value) {
        return ge(scalar(dtype, value));
    }

    /** Mask of {@code this < value}. */
    public Tensor lt(double value) {
        return lt(scalar(dtype, value));
    }

    /** Mask of {@code this <= value}. */
    public Tensor le(double value) {
        return le(scalar(dtype, value));
    }

    /** Mask of {@code this == value}. */
    public Tensor eq(double value) {
        return eq(scalar(dtype, value));
    }

    // ---------------------------------------------------------------- activations (Activations)

    /** max(x, 0). */
    public Tensor relu() {
        return Activations.relu(this);
    }

    /** x for x > 0, {@code alpha * x} otherwise. */
    public Tensor leakyRelu(double alpha) {
        return Activations.leakyRelu(this, alpha);
    }

    /** x for x > 0, {@code alpha * (e^x - 1)} otherwise. */
    public Tensor elu(double alpha) {
        return Activations.elu(this, alpha);
    }

    /** 1 / (1 + e^-x), numerically stable. */
    public Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return Activations.tanh(this);
    }

    /** Gaussian error linear unit, exact form {@code x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))}. */
    public Tensor gelu() {
        return Activations.gelu(this);
    }

    /** log(1 + e^x), numerically stable. */
    public Tensor softplus() {
        return Activations.softplus(this);
    }

    /** Softmax along {@code axis}, numerically stable. */
    public Tensor softmax(int axis) {
        return Activations.softmax(this, axis);
    }

    /**
     * Softmax over the last axis as the output activation of a model: the values and gradient of {@code softmax(-1)},
     * and the result remembers this tensor as its logits ({@link #softmaxLogits()}), as Keras's {@code _keras_logits}
     * does, so that a cross-entropy of the probabilities can be computed from the logits.
     */
    public Tensor softmaxActivation() {
        Tensor probabilities = softmax(-1);
        probabilities.softmaxLogits = this;
        return probabilities;
    }

    /** The tensor that {@link #softmaxActivation()} made this one from, or {@code null} for any other tensor. */
    public Tensor softmaxLogits() {
        return softmaxLogits;
    }

    /** Log of the softmax along {@code axis}, numerically stable. */
    public Tensor logSoftmax(int axis) {
        return Activations.logSoftmax(this, axis);
    }

    // ---------------------------------------------------------------- reductions (Reductions)

    /** Sum of all elements (0-d). */
    public Tensor sum() {
        return Reductions.sum(this, new int[0], false);
    }

    /** Sum over {@code axes}; {@code keepDims} keeps them with size 1. */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** Sum over one axis. */
    public Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, new int[] {axis}, keepDims);
    }

    /** Mean of all elements (0-d). */
    public Tensor mean() {
        return Reductions.mean(this, new int[0], false);
    }

    /** Mean over {@code axes}. */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /** Mean over one axis. */
    public Tensor mean(int axis, boolean keepDims) {
        return Reductions.mean(this, new int[] {axis}, keepDims);
    }

    /** Maximum over {@code axes} (values only; the gradient goes to the maxima, split evenly among ties). */
    public Tensor amax(int[] axes, boolean keepDims) {
        return Reductions.amax(this, axes, keepDims);
    }

    /** Minimum over {@code axes}. */
    public Tensor amin(int[] axes, boolean keepDims) {
        return Reductions.amax(this.neg(), axes, keepDims).neg();
    }

    /** Unbiased variance (correction 1) of all elements (0-d). */
    public Tensor var() {
        return Reductions.var(this, new int[0], 1, false);
    }

    /** Unbiased variance (correction 1) over {@code axes}. */
    public Tensor var(int[] axes, boolean keepDims) {
        return Reductions.var(this, axes, 1, keepDims);
    }

    /** Variance over {@code axes}: sum of squared deviations divided by {@code count - correction} (0 = biased). */
    public Tensor var(int[] axes, int correction, boolean keepDims) {
        return Reductions.var(this, axes, correction, keepDims);
    }

    /** Unbiased standard deviation of all elements (0-d). */
    public Tensor std() {
        return var().sqrt();
    }

    /** Unbiased standard deviation over {@code axes}. */
    public Tensor std(int[] axes, boolean keepDims) {
        return var(axes, keepDims).sqrt();
    }

    /** Standard deviation over {@code axes}, the square root of {@link #var(int[], int, boolean)}. */
    public Tensor std(int[] axes, int correction, boolean keepDims) {
        return var(axes, correction, keepDims).sqrt();
    }

    /** {@code log(sum(exp(x)))} over {@code axes}, computed without overflow; its gradient is the softmax. */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        return Reductions.logSumExp(this, axes, keepDims);
    }

    /** {@link #logSumExp(int[], boolean)} over one axis. */
    public Tensor logSumExp(int axis, boolean keepDims) {
        return Reductions.logSumExp(this, new int[] {axis}, keepDims);
    }

    /** The L1 ({@code p = 1}) or L2 ({@code p = 2}) norm over {@code axes}; the L2 gradient is 0 where it is 0. */
    public Tensor norm(double p, int[] axes, boolean keepDims) {
        return Reductions.norm(this, p, axes, keepDims);
    }

    /** The L2 norm of all elements (0-d). */
    public Tensor norm() {
        return Reductions.norm(this, 2, new int[0], false);
    }

    /**
     * The result of {@link #max(int, boolean)} and {@link #min(int, boolean)}: the values, and their indices as
     * whole numbers in the input's dtype.
     */
    public record ValuesAndIndices(Tensor values, Tensor indices) {}

    /** Maximum along {@code axis} and where it is (the first among ties); the gradient goes to that element. */
    public ValuesAndIndices max(int axis, boolean keepDims) {
        return ArgReductions.max(this, axis, keepDims);
    }

    /** Minimum along {@code axis} and where it is (the first among ties); the gradient goes to that element. */
    public ValuesAndIndices min(int axis, boolean keepDims) {
        return ArgReductions.min(this, axis, keepDims);
    }

    /** Index of the maximum along {@code axis} (the first among ties), in this dtype; not differentiable. */
    public Tensor argmax(int axis, boolean keepDims) {
        return ArgReductions.argmax(this, axis, keepDims);
    }

    /** Index of the minimum along {@code axis} (the first among ties), in this dtype; not differentiable. */
    public Tensor argmin(int axis, boolean keepDims) {
        return ArgReductions.argmin(this, axis, keepDims);
    }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product with NumPy semantics: 1-d, 2-d and batched operands, batch axes broadcast. */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }

    // ---------------------------------------------------------------- convolution and pooling (Convolution, Pooling)

    /**
     * 2-d convolution of this {@code [N, C, H, W]} input with {@code weight [M, C / groups, kH, kW]} plus
     * {@code bias [M]} (may be null); the output is {@code [N, M, outH, outW]},
     * {@code outH = floor((H + padTop + padBottom - (kH - 1) * dilationH - 1) / strideH) + 1}.
     */
    public Tensor conv2d(Tensor weight, Tensor bias, ConvOptions options) {
        return Convolution.conv2d(this, weight, bias, options);
    }

    /**
     * {@code conv2d(weight, bias, options).relu()} as one op: the same values and gradients, without a separate
     * pass (and tensor) for the activation.
     */
    public Tensor conv2dRelu(Tensor weight, Tensor bias, ConvOptions options) {
        return Convolution.conv2dRelu(this, weight, bias, options);
    }

    /**
     * {@code conv2dRelu(weight, bias, options).maxPool2d(kernel, stride, padding)} as one op: the same values and
     * gradients, but each block of images is pooled as the convolution computes it, so the convolution's whole
     * output is never stored (the op keeps the pooled output and its argmax for the backward).
     */
    public Tensor conv2dReluMaxPool2d(Tensor weight, Tensor bias, ConvOptions options, int[] kernel, int[] stride,
                                      int[] padding) {
        return Convolution.conv2dReluMaxPool(this, weight, bias, options, kernel, stride, padding);
    }

    /**
     * Transposed 2-d convolution (the adjoint of {@link #conv2d} in its input) of this {@code [N, M, H, W]} input
     * with {@code weight [M, C / groups, kH, kW]} plus {@code bias [C]} (may be null); the output is
     * {@code [N, C, (H - 1) * strideH - padTop - padBottom + (kH - 1) * dilationH + 1, ...]}.
     */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, ConvOptions options) {
        return Convolution.convTranspose2d(this, weight, bias, options, 0, 0);
    }

    /** {@link #convTranspose2d(Tensor, Tensor, ConvOptions)} with extra output rows/columns at the end (each below its stride). */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, ConvOptions options, int outputPadH, int outputPadW) {
        return Convolution.convTranspose2d(this, weight, bias, options, outputPadH, outputPadW);
    }

    /**
     * 2-d max pooling of this {@code [N, C, H, W]} input: {@code kernel} and {@code stride} are {kH, kW} and {sH, sW},
     * {@code padding} is {top, bottom, left, right} (padding never wins; each side below the kernel); floor mode.
     */
    public Tensor maxPool2d(int[] kernel, int[] stride, int[] padding) {
        return Pooling.maxPool2d(this, kernel, stride, padding);
    }

    /**
     * 2-d average pooling, arguments as {@link #maxPool2d}; {@code countIncludePad} divides by the full window
     * size, otherwise by the number of non-padding elements in the window.
     */
    public Tensor avgPool2d(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        return Pooling.avgPool2d(this, kernel, stride, padding, countIncludePad);
    }

    // ---------------------------------------------------------------- shape and index ops (ShapeOps, IndexOps)

    /** Joins tensors along an existing axis; they must match in dtype and in every other axis. */
    public static Tensor concat(java.util.List<Tensor> tensors, int axis) {
        return ShapeOps.concat(tensors, axis);
    }

    /** Joins equally shaped tensors along a new axis inserted at {@code axis}. */
    public static Tensor stack(java.util.List<Tensor> tensors, int axis) {
        return ShapeOps.stack(tensors, axis);
    }

    /** Views of consecutive pieces of {@code sizes[i]} elements along {@code axis}; the sizes add up to its size. */
    public java.util.List<Tensor> split(int[] sizes, int axis) {
        return ShapeOps.split(this, sizes, axis);
    }

    /** Views of {@code ceil(size / chunks)} elements along {@code axis}, the last possibly smaller (as PyTorch). */
    public java.util.List<Tensor> chunk(int chunks, int axis) {
        return ShapeOps.chunk(this, chunks, axis);
    }

    /**
     * Constant padding. {@code padding} holds (before, after) pairs for the last {@code padding.length / 2} axes,
     * in axis order: {@code {1, 1, 2, 2}} on an NCHW batch adds one row above and below and two columns left and
     * right. Negative amounts crop.
     */
    public Tensor pad(int[] padding, double value) {
        return ShapeOps.pad(this, padding, value);
    }

    /**
     * {@code torch.gather}: {@code out[i][j][k] = this[index[i][j][k]][j][k]} for {@code axis = 0}, and so on.
     * {@code index} has this rank and no axis larger than this tensor's (except {@code axis}); the output has its
     * shape. Differentiable in this tensor (the gradient is scatter-added back).
     */
    public Tensor gather(int axis, Tensor index) {
        return IndexOps.gather(this, axis, index);
    }

    /**
     * A copy of this tensor with {@code src} added at the places {@code index} names, as {@code torch.scatter_add}
     * for {@code axis = 0}: {@code out[index[i][j][k]][j][k] += src[i][j][k]}; repeated indices accumulate.
     * {@code src} has the shape of {@code index}. Differentiable in this tensor and in {@code src}.
     */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
        return IndexOps.scatterAdd(this, axis, index, src);
    }

    /**
     * The slices at {@code index} along {@code axis} (as {@code numpy.take}): the index's axes replace that axis,
     * so {@code weights.indexSelect(0, ids)} turns ids of shape [B, T] into rows of shape [B, T, D]. Indices may
     * repeat; their gradients add up.
     */
    public Tensor indexSelect(int axis, Tensor index) {
        return IndexOps.indexSelect(this, axis, index);
    }

    /** {@link #indexSelect(int, Tensor)} with the indices given as an array (a 1-d index). */
    public Tensor indexSelect(int axis, int... indices) {
        return IndexOps.indexSelect(this, axis, indices);
    }

    /** One-hot rows of shape {@code indices.shape + [numClasses]} in the indices' dtype; not differentiable. */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        return IndexOps.oneHot(indices, numClasses);
    }

    // ---------------------------------------------------------------- fused ops (FusedOps)
    // One pass and one graph node for chains that training runs at every step.

    /**
     * {@code this @ weight + bias} for an input {@code [..., in]}, a weight {@code [in, out]} and a bias {@code [out]}
     * (may be null): the bias is written into the output first and the product accumulated onto it.
     */
    public Tensor linear(Tensor weight, Tensor bias) {
        return FusedOps.linear(this, weight, bias);
    }

    /**
     * {@code linear(weight, bias).relu()} in one node, the relu applied in place to the product's output: the same
     * values and gradients, one tensor and one pass fewer.
     */
    public Tensor linearRelu(Tensor weight, Tensor bias) {
        return FusedOps.linearRelu(this, weight, bias);
    }

    /**
     * The mean over rows of the cross-entropy between {@code softmax(this)} and {@code targets} (one-hot rows or
     * distributions, same shape, classes on the last axis): {@code -sum(targets * logSoftmax(this, -1)) / rows}, as
     * one op whose input gradient is {@code (softmax(this) - targets) / rows} for targets that sum to 1.
     */
    public Tensor softmaxCrossEntropy(Tensor targets) {
        return FusedOps.softmaxCrossEntropy(this, targets);
    }

    // ---------------------------------------------------------------- text

    /** NumPy-like text for small tensors; shape and dtype are always shown. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

}
