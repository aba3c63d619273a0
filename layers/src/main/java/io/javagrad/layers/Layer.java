package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The base of every layer, in the manner of Keras: weights are created by {@link #build} from the first
 * input's shape (and dtype), {@link #call} computes the output, and {@link #getConfig()} describes the layer
 * so that {@link LayerRegistry} can rebuild it.
 *
 * <p>Subclasses override {@link #build(int[], DType)} and {@link #forward(Tensor, boolean)} (or the list forms
 * for layers with several inputs), create weights with {@link #addWeight}, and add their own hyperparameters
 * to {@link #getConfig()}. Composite layers register their parts with {@link #addSublayer}; their weights then
 * appear in {@link #weights()} as {@code part/weight}.
 */
public abstract class Layer {
    /** Where this module's classes were loaded from (see {@link #isLibraryClass}). */
    private static final CodeSource LIBRARY_CODE = Layer.class.getProtectionDomain().getCodeSource();

    private String name;
    private boolean trainable = true;
    private boolean built;
    private DType dtype;
    private Rng rng;
    private long seed;
    private final List<Weight> ownWeights = new ArrayList<>();
    private final List<Layer> sublayers = new ArrayList<>();
    private Regularizer activityRegularizer;
    private final List<Tensor> lastLosses = new ArrayList<>();

    /** A layer with the given name ({@code null}: the model assigns a unique one). */
    protected Layer(String name) {
        this.name = name;
    }

    // ---------------------------------------------------------------- identity and config

    /** The Keras class name used in configs and the registry, e.g. {@code Dense}. */
    public String className() {
        return getClass().getSimpleName();
    }

    /** The layer's name, unique within its model; {@code null} until given or assigned by a model. */
    public String name() {
        return name;
    }

    /** Sets the name (before the layer is added to a model); returns this layer. */
    public Layer setName(String newName) {
        this.name = newName;
        return this;
    }

    /**
     * The layer's configuration: {@code name}, {@code trainable}, {@code dtype} and the subclass's
     * hyperparameters, as JSON-compatible values (strings, numbers, booleans, lists, maps, null).
     */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("trainable", trainable);
        config.put("dtype", dtype == null ? DType.FLOAT32.toString() : dtype.toString());
        if (activityRegularizer != null) {
            config.put("activity_regularizer", Regularizers.toConfig(activityRegularizer));
        }
        return config;
    }

    /** Applies the base keys of {@code config} ({@code name}, {@code trainable}, {@code activity_regularizer}). */
    protected void applyBaseConfig(Map<String, Object> config) {
        Object n = config.get("name");
        if (n != null) {
            name = n.toString();
        }
        Object t = config.get("trainable");
        if (t instanceof Boolean b) {
            trainable = b;
        }
        Object ar = config.get("activity_regularizer");
        if (ar != null) {
            activityRegularizer = Regularizers.fromConfig(ar);
        }
    }

    // ---------------------------------------------------------------- randomness

    /** Seeds this layer's random choices (initial weights, dropout masks); models set it from their seed. */
    public void setSeed(long newSeed) {
        this.seed = newSeed;
        this.rng = null;
        for (int i = 0; i < sublayers.size(); i++) {
            sublayers.get(i).setSeed(sublayerSeed(newSeed, i));
        }
    }

    /** The seed last given to {@link #setSeed} (by the user or by the enclosing model), 0 if none. */
    public long seed() {
        return seed;
    }

    /** The seed of the {@code index}-th sublayer: distinct parts draw distinct initial weights. */
    private static long sublayerSeed(long parentSeed, int index) {
        long s = parentSeed;
        for (int i = 0; i <= index; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
        }
        return s;
    }

    /**
     * The state of this layer's own generator (not its sublayers'), for checkpoints: restored with
     * {@link #restoreRngState}, the layer draws the same dropout masks (and a model the same shuffles) as if
     * training had not been interrupted.
     */
    public Rng.State rngState() {
        return rng().snapshot();
    }

    /** Continues this layer's generator from {@code state} (see {@link #rngState()}). */
    public void restoreRngState(Rng.State state) {
        rng().restore(state);
    }

    /** The layer's generator, created from its seed on first use. */
    protected Rng rng() {
        if (rng == null) {
            rng = new Rng(seed);
        }
        return rng;
    }

    // ---------------------------------------------------------------- building and calling

    /** Whether the weights exist. */
    public boolean isBuilt() {
        return built;
    }

    /** The dtype of the weights, known once built. */
    public DType dtype() {
        return dtype;
    }

    /** Creates the weights for an input of {@code inputShape} (batch axis included) and {@code dtype}. */
    protected void build(int[] inputShape, DType dtype) {
    }

    /** Creates the weights for several inputs; by default requires exactly one. */
    protected void build(List<int[]> inputShapes, DType dtype) {
        build(single(inputShapes, "build"), dtype);
    }

    /** Computes the output for one input. */
    protected Tensor forward(Tensor input, boolean training) {
        throw new UnsupportedOperationException(describe() + " takes several inputs; call it with a list");
    }

    /** Computes the output for several inputs; by default requires exactly one. */
    protected Tensor forward(List<Tensor> inputs, boolean training) {
        return forward(single(inputs, "call"), training);
    }

    private <T> T single(List<T> items, String what) {
        if (items.size() != 1) {
            throw new IllegalArgumentException(describe() + ": expected 1 input, got " + items.size());
        }
        return items.get(0);
    }

    /** Builds the layer on first use, then computes its output. {@code training} selects dropout etc. */
    public final Tensor call(Tensor input, boolean training) {
        return call(List.of(input), training);
    }

    /** {@link #call(Tensor, boolean)} for layers with several inputs. */
    public final Tensor call(List<Tensor> inputs, boolean training) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(describe() + ": no input");
        }
        if (!built) {
            List<int[]> shapes = new ArrayList<>();
            for (Tensor t : inputs) {
                shapes.add(t.shape());
            }
            buildOnce(shapes, inputs.get(0).dtype());
        }
        lastLosses.clear();
        Tensor out = forward(inputs, training);
        if (activityRegularizer != null) {
            lastLosses.add(activityRegularizer.penalty(out).div(Math.max(1, out.shape(0))));
        }
        return out;
    }

    /** Builds the layer for inputs of {@code shapes} and {@code inputDtype}, unless it is built already. */
    final void buildOnce(List<int[]> shapes, DType inputDtype) {
        if (!built) {
            dtype = inputDtype;
            build(shapes, inputDtype);
            built = true;
            applyTrainable();
        }
    }

    /**
     * {@code next.call(call(input, training), training)} as one op, where this layer fuses with {@code next} (see
     * {@link #fusesWith}) and neither has an activity regularizer, which needs the output in between; else null.
     * Models call this for consecutive layers, so that, for example, a convolution's output is pooled as it is
     * computed rather than stored whole.
     */
    final Tensor callFused(Layer next, Tensor input, boolean training) {
        if (activityRegularizer != null || next.activityRegularizer != null || !fusesWith(next)) {
            return null;
        }
        buildOnce(List.of(input.shape()), input.dtype());
        lastLosses.clear();
        next.lastLosses.clear();
        return fusedForward(next, input, training);
    }

    /** Whether this layer has a fused forward with {@code next} (same values and gradients as the two calls). */
    boolean fusesWith(Layer next) {
        return false;
    }

    /** The fused forward of this layer, built, and {@code next}, which it builds; see {@link #callFused}. */
    Tensor fusedForward(Layer next, Tensor input, boolean training) {
        throw new UnsupportedOperationException(describe() + " has no fused forward with " + next.describe());
    }

    /** Marks the layer built without calling {@link #build} (for layers that have no weights to create). */
    protected void markBuilt(DType weightsDtype) {
        this.dtype = weightsDtype;
        this.built = true;
    }

    // ---------------------------------------------------------------- weights

    /**
     * Creates a weight during {@link #build}. Trainable weights get {@code requiresGrad} while the layer is
     * trainable; the initializer draws from this layer's generator.
     */
    protected Weight addWeight(String weightName, int[] shape, int fanIn, int fanOut, Initializer initializer,
                               boolean isTrainable, Regularizer regularizer, DType weightDtype) {
        Tensor value = initializer.initialize(shape, fanIn, fanOut, weightDtype, rng());
        Weight w = new Weight(weightName, value, isTrainable, regularizer);
        ownWeights.add(w);
        return w;
    }

    /**
     * Registers a part of a composite layer, seeds it from this layer's seed and freezes it if this layer is
     * frozen (parts may be created in {@link #build}); returns it.
     */
    protected <L extends Layer> L addSublayer(L layer) {
        layer.setSeed(sublayerSeed(seed, sublayers.size()));
        if (!trainable) {
            layer.setTrainable(false);
        }
        sublayers.add(layer);
        return layer;
    }

    /** The parts of a composite layer. */
    public List<Layer> sublayers() {
        return Collections.unmodifiableList(sublayers);
    }

    /** Every weight, this layer's own first, then the sublayers' (trainable and not), in creation order. */
    public List<Weight> weights() {
        List<Weight> all = new ArrayList<>(ownWeights);
        for (Layer sub : sublayers) {
            all.addAll(sub.weights());
        }
        return all;
    }

    /** Weights with their path inside this layer: {@code kernel}, or {@code query/kernel} for a sublayer's. */
    public Map<String, Weight> namedWeights() {
        Map<String, Weight> out = new LinkedHashMap<>();
        for (Weight w : ownWeights) {
            out.put(w.name(), w);
        }
        for (Layer sub : sublayers) {
            for (Map.Entry<String, Weight> e : sub.namedWeights().entrySet()) {
                out.put(sub.name() + "/" + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The tensors that training updates: trainable weights, or none when the layer is frozen. */
    public List<Tensor> trainableParameters() {
        List<Tensor> out = new ArrayList<>();
        if (trainable) {
            for (Weight w : ownWeights) {
                if (w.trainable()) {
                    out.add(w.value());
                }
            }
            for (Layer sub : sublayers) {
                out.addAll(sub.trainableParameters());
            }
        }
        return out;
    }

    /** Number of scalar values in all weights. */
    public int countParams() {
        int n = 0;
        for (Weight w : weights()) {
            n += w.value().numel();
        }
        return n;
    }

    /** Number of scalar values in the weights training updates. */
    public int countTrainableParams() {
        int n = 0;
        for (Tensor t : trainableParameters()) {
            n += t.numel();
        }
        return n;
    }

    /** The regularization penalties of the last call: weight regularizers plus the activity regularizer. */
    public List<Tensor> losses() {
        List<Tensor> out = new ArrayList<>(lastLosses);
        if (trainable) {
            for (Weight w : ownWeights) {
                if (w.regularizer() != null && w.trainable()) {
                    out.add(w.regularizer().penalty(w.value()));
                }
            }
        }
        for (Layer sub : sublayers) {
            out.addAll(sub.losses());
        }
        return out;
    }

    /** Adds the activity penalties of the last call, this layer's and its parts', to {@code out}. */
    final void collectActivityPenalties(List<Tensor> out) {
        out.addAll(lastLosses);
        for (Layer sub : sublayers) {
            sub.collectActivityPenalties(out);
        }
    }

    /**
     * Whether this layer, its parts and its regularizers are all Javagrad's own classes, none of which keeps a tensor
     * of a call beyond the training step that made it: then {@code fit} may reuse the step's intermediate storage
     * ({@link io.javagrad.core.BufferPool}). A user's layer, subclass or regularizer may keep one, so it turns that
     * off.
     */
    final boolean isLibraryCode() {
        if (!isLibraryClass(this) || (activityRegularizer != null && !isLibraryClass(activityRegularizer))) {
            return false;
        }
        for (Weight w : ownWeights) {
            if (w.regularizer() != null && !isLibraryClass(w.regularizer())) {
                return false;
            }
        }
        for (Layer sub : sublayers) {
            if (!sub.isLibraryCode()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code o}'s class (a lambda's included) was loaded from where this module's classes were (its jar, or
     * its classes directory): the layers, losses and regularizers Javagrad ships, and nothing of the user's.
     */
    static boolean isLibraryClass(Object o) {
        CodeSource own = o.getClass().getProtectionDomain().getCodeSource();
        return LIBRARY_CODE != null && own != null && LIBRARY_CODE.getLocation().equals(own.getLocation());
    }

    /** Converts every weight to {@code target} (for float64 gradient checks of a whole model). */
    public void toDtype(DType target) {
        for (Weight w : ownWeights) {
            w.replace(w.value().to(target));
        }
        for (Layer sub : sublayers) {
            sub.toDtype(target);
        }
        if (built) {
            dtype = target;
        }
    }

    // ---------------------------------------------------------------- freezing

    /** Whether training updates this layer's weights (and BatchNorm its statistics). */
    public boolean isTrainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes the layer and its sublayers. */
    public void setTrainable(boolean isTrainable) {
        this.trainable = isTrainable;
        for (Layer sub : sublayers) {
            sub.setTrainable(isTrainable);
        }
        applyTrainable();
    }

    private void applyTrainable() {
        for (Weight w : ownWeights) {
            w.value().requiresGrad(trainable && w.trainable());
        }
    }

    /** Sets the regularizer applied to this layer's output; returns this layer. */
    public Layer setActivityRegularizer(Regularizer regularizer) {
        this.activityRegularizer = regularizer;
        return this;
    }

    // ---------------------------------------------------------------- messages

    /** {@code Dense 'dense_1'}: the prefix of this layer's error messages. */
    protected String describe() {
        return className() + " '" + (name == null ? "?" : name) + "'";
    }

    /** Throws unless {@code input} has {@code rank} axes, naming this layer and the shape. */
    protected void requireRank(Tensor input, int rank, String layout) {
        if (input.rank() != rank) {
            throw new IllegalArgumentException(describe() + ": expected a rank-" + rank + " input " + layout
                    + ", got shape " + Shapes.str(input.shape()));
        }
    }

    /** Throws unless the weights are still to be built: options that shape the weights are set before first use. */
    protected void requireNotBuilt(String option) {
        if (built) {
            throw new IllegalStateException(describe() + ": cannot change " + option + " after the layer was built");
        }
    }

    // ---------------------------------------------------------------- functional API

    /**
     * Applies this layer to a symbolic tensor while writing a functional {@link Model}; the layer is built
     * (and its input shape checked) when the model is first used.
     */
    public SymbolicTensor apply(SymbolicTensor input) {
        return apply(List.of(input));
    }

    /** {@link #apply(SymbolicTensor)} for layers with several inputs (e.g. Add, Concatenate). */
    public SymbolicTensor apply(List<? extends SymbolicTensor> inputs) {
        return SymbolicTensor.record(this, inputs);
    }

    @Override
    public String toString() {
        return describe();
    }
}
