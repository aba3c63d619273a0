package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.layers.data.Dataset;
import io.javagrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A graph of layers with training built in: the functional model (several inputs and outputs, layers shared
 * between calls) and the base of {@link Sequential}. A model is itself a {@link Layer}, so it can be used inside
 * another model, frozen with {@link #setTrainable}, converted with {@link #toDtype}.
 *
 * <pre>{@code
 * Input left = Input.of(16);
 * Input right = Input.of(16);
 * Dense shared = new Dense(8).activation("relu");          // one layer, two calls: shared weights
 * SymbolicTensor digit = new Dense(10).apply(shared.apply(left));
 * SymbolicTensor score = new Dense(1).apply(shared.apply(right));
 * Model model = new Model(List.of(left, right), List.of(digit, score));
 * model.setSeed(42);
 * model.compile(new Adam(1e-3), List.of(Losses.sparseCategoricalCrossentropy(true), Losses.meanSquaredError()),
 *         new double[] {1, 0.5}, List.of(List.of(new SparseCategoricalAccuracy()), List.of()));
 * History history = model.fit(List.of(xLeft, xRight), List.of(yDigits, yScores), FitOptions.defaults().epochs(5));
 * List<Tensor> predictions = model.predict(List.of(xLeft, xRight), 32);
 * }</pre>
 *
 * <p>Layers are seeded from the model's seed ({@link #setSeed}: each layer's seed derives from the model's and
 * the layer's position) and are built when the model is first used (called, summarized, fitted), so the seed set
 * before that decides the initial weights; the model's own generator shuffles in {@link #fit}. Layers without a
 * name get a unique one: {@code dense}, {@code dense_1}, ...
 */
public class Model extends Layer {
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Layer, List<int[]>> outputShapes = new LinkedHashMap<>();
    private FunctionalGraph graph;
    private boolean autoNamed;
    private boolean stopTraining;
    private TrainingSetup setup;
    private History history;

    /** A functional model with one input and one output. */
    public Model(Input input, SymbolicTensor output) {
        this(List.of(input), List.of(output), null);
    }

    /** A functional model from its inputs to its outputs (in the order data and targets are given). */
    public Model(List<Input> inputs, List<? extends SymbolicTensor> outputs) {
        this(inputs, outputs, null);
    }

    /** A named functional model ({@code null}: {@code functional}). */
    public Model(List<Input> inputs, List<? extends SymbolicTensor> outputs, String name) {
        this(name);
        graph = new FunctionalGraph(describe(), inputs, outputs);
        for (Layer layer : graph.layers) {
            track(layer);
        }
    }

    /** For subclasses ({@link Sequential}): a model without a graph; {@code null} name: snake case of the class. */
    protected Model(String name) {
        super(name);
        if (name == null) {
            setName(snakeCase(className()));
            autoNamed = true;
        }
    }

    /** {@code Functional} for functional models (Keras's class name), else the class's simple name. */
    @Override
    public String className() {
        return getClass() == Model.class ? "Functional" : super.className();
    }

    @Override
    public Layer setName(String newName) {
        autoNamed = false;
        return super.setName(newName);
    }

    // ---------------------------------------------------------------- layers

    /** Adds {@code layer} to this model: names it if needed, registers it as a part, seeds it. */
    void track(Layer layer) {
        if (layers.contains(layer)) {
            throw new IllegalArgumentException(describe() + ": " + layer + " is already in the model");
        }
        boolean rename = layer.name() == null || (layer instanceof Model m && m.autoNamed && nameTaken(layer.name()));
        if (rename) {
            String base = layer instanceof Model m ? m.name() : snakeCase(layer.className());
            String candidate = base;
            for (int i = 1; nameTaken(candidate); i++) {
                candidate = base + "_" + i;
            }
            if (layer instanceof Model m) {
                m.setName(candidate);
                m.autoNamed = true;
            } else {
                layer.setName(candidate);
            }
        } else if (nameTaken(layer.name())) {
            throw new IllegalArgumentException(describe() + ": two layers are named '" + layer.name()
                    + "'; layer names must be unique within a model");
        }
        layers.add(layer);
        if (!(layer instanceof InputLayer)) {
            addSublayer(layer);
        }
    }

    private boolean nameTaken(String name) {
        for (Layer l : layers) {
            if (name.equals(l.name())) {
                return true;
            }
        }
        return false;
    }

    /** Keras's snake case of a class name: {@code Dense} gives {@code dense}, {@code ReLU} gives {@code re_lu}. */
    static String snakeCase(String className) {
        String s = className.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** The layers in order (for functional models the input layers come first). */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** The layer called {@code name}; an error lists the names when there is none. */
    public Layer getLayer(String name) {
        List<String> names = new ArrayList<>();
        for (Layer l : layers) {
            if (l.name().equals(name)) {
                return l;
            }
            names.add(l.name());
        }
        throw new IllegalArgumentException(describe() + ": no layer named '" + name + "'; layers: " + names);
    }

    /** The layer at {@code index} in {@link #layers()}. */
    public Layer getLayer(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IllegalArgumentException(describe() + ": layer index " + index + " out of range [0, "
                    + layers.size() + ")");
        }
        return layers.get(index);
    }

    /** The shuffling generator of {@link #fit} (the model's own generator, from its seed). */
    io.javagrad.core.Rng shuffleRng() {
        return rng();
    }

    // ---------------------------------------------------------------- inputs, outputs and calls

    /** The functional graph, or {@code null} for {@link Sequential}. */
    FunctionalGraph graph() {
        return graph;
    }

    /** The number of inputs the model takes. */
    public int inputCount() {
        return graph.inputs.size();
    }

    /** The number of outputs the model computes. */
    public int outputCount() {
        return graph.outputs.size();
    }

    /** The names of the output layers, in order (prefixes of per-output logs such as {@code dense_1_loss}). */
    public List<String> outputNames() {
        List<String> out = new ArrayList<>();
        for (SymbolicTensor t : graph.outputs) {
            out.add(t.layer().name());
        }
        return out;
    }

    /** The inputs, the layer calls in execution order and the outputs, for exporters and other tools. */
    public LayerGraph layerGraph() {
        return graph.view();
    }

    /** Builds every layer now (it happens at first use otherwise), checking the shapes along the way. */
    public void build() {
        if (!isBuilt()) {
            Map<GraphNode, int[]> shapes = withModelName(graph::build);
            for (Map.Entry<GraphNode, int[]> e : shapes.entrySet()) {
                recordOutputShape(e.getKey().layer, e.getValue());
            }
            markBuilt(graph.inputs.get(0).dtype());
        }
    }

    /** Whether the input shapes are known, so that {@link #build()} can run. */
    boolean inputKnown() {
        return true;
    }

    /** Notes the output shape (batch axis -1) of one call of {@code layer}, for {@link #summary()}. */
    void recordOutputShape(Layer layer, int[] shape) {
        outputShapes.computeIfAbsent(layer, l -> new ArrayList<>()).add(shape);
    }

    /** The recorded output shapes of {@code layer}'s calls (empty before the model is built). */
    List<int[]> outputShapes(Layer layer) {
        return outputShapes.getOrDefault(layer, List.of());
    }

    /** Builds the model on first use (from {@code inputShapes} where the model does not know them yet). */
    @Override
    protected void build(List<int[]> inputShapes, DType dtype) {
        build();
    }

    /** The single output of {@link #callAll}; a model with several outputs must be called with {@code callAll}. */
    @Override
    protected Tensor forward(List<Tensor> inputs, boolean training) {
        List<Tensor> out = run(inputs, training);
        if (out.size() != 1) {
            throw new IllegalArgumentException(describe() + ": the model has " + out.size()
                    + " outputs; use callAll to get them all");
        }
        return out.get(0);
    }

    /**
     * Computes all outputs for {@code inputs} (one tensor per model input, batch first), building the model on
     * first use. {@code training} selects dropout and batch statistics.
     */
    public List<Tensor> callAll(List<Tensor> inputs, boolean training) {
        if (!isBuilt() && !inputs.isEmpty()) {
            List<int[]> shapes = new ArrayList<>();
            for (Tensor x : inputs) {
                shapes.add(x.shape());
            }
            build(shapes, inputs.get(0).dtype());
        }
        return run(inputs, training);
    }

    /** Checks the inputs and runs the layers; errors from the layers are prefixed with the model's name. */
    protected List<Tensor> run(List<Tensor> inputs, boolean training) {
        List<Input> declared = graph.inputs;
        if (inputs.size() != declared.size()) {
            throw new IllegalArgumentException(describe() + ": expected " + declared.size() + " inputs, got "
                    + inputs.size());
        }
        List<Tensor> xs = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            Input in = declared.get(i);
            Tensor x = inputs.get(i);
            if (!in.fits(x.shape())) {
                throw new IllegalArgumentException(describe() + ": input '" + in.name() + "' expects shape "
                        + SymbolicTensor.str(in.shape()) + ", got " + io.javagrad.core.Shapes.str(x.shape()));
            }
            xs.add(castToModel(x));
        }
        return withModelName(() -> graph.run(xs, training));
    }

    /** {@code x} in the model's dtype (float32 data for a model turned float64, say). */
    Tensor castToModel(Tensor x) {
        return dtype() == null || x.dtype() == dtype() ? x : x.to(dtype());
    }

    /** Runs {@code body}, prefixing the message of a layer's {@link IllegalArgumentException} with this model. */
    <T> T withModelName(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- summary and config

    /** Keras's summary table: layer (type), output shape, parameters, and the totals. Builds the model if possible. */
    public String summary() {
        return ModelSummary.of(this);
    }

    /** Builds the summary and hands each line to {@code out} (e.g. {@code System.out::println}); returns it. */
    public String summary(Consumer<String> out) {
        String s = summary();
        s.lines().forEach(out);
        return s;
    }

    /**
     * The model's config: name and layers, and for functional models Keras's inbound-node structure
     * ({@code inbound_nodes}, {@code input_layers}, {@code output_layers}); {@link #fromConfig} reverses it.
     */
    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = configBase();
        c.putAll(ModelConfigs.functionalConfig(graph));
        return c;
    }

    /** The layer part of the config: name, trainable, dtype. */
    final Map<String, Object> configBase() {
        return super.getConfig();
    }

    /** Keras's full form {@code {"class_name": ..., "config": getConfig()}}, as stored in {@code model_config}. */
    public Map<String, Object> modelConfig() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", className());
        m.put("config", getConfig());
        return m;
    }

    /**
     * Rebuilds a model from Keras's full form ({@code Sequential}, {@code Functional} or {@code Model}); layer types
     * come from {@link LayerRegistry}. Weights are new (load them separately).
     */
    public static Model fromConfig(Map<String, ?> modelConfig) {
        return ModelConfigs.modelFromConfig(modelConfig);
    }

    // ---------------------------------------------------------------- training

    /** Sets the optimizer, the loss and the metrics of a single-output model. */
    public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
        compile(optimizer, Collections.singletonList(loss), null, List.of(List.of(metrics)));
    }

    /**
     * Sets the optimizer and, per output, the loss ({@code null}: that output is not trained), its weight in the
     * total loss ({@code null}: all 1) and its metrics ({@code null}: none).
     */
    public void compile(Optimizer optimizer, List<Loss> losses, double[] lossWeights, List<List<Metric>> metrics) {
        setup = TrainingSetup.of(this, optimizer, losses, lossWeights, metrics);
    }

    /** The compiled training setup, or an error saying to compile first. */
    TrainingSetup setup() {
        if (setup == null) {
            throw new IllegalStateException(describe() + ": compile the model before fit or evaluate");
        }
        return setup;
    }

    /** The optimizer given to {@link #compile}, or {@code null}. */
    public Optimizer optimizer() {
        return setup == null ? null : setup.optimizer();
    }

    /** The losses given to {@link #compile}, one per output ({@code null}: untrained output); empty before. */
    public List<Loss> compiledLosses() {
        return setup == null ? List.of() : setup.losses();
    }

    /** The per-output loss weights given to {@link #compile} (all 1 by default); {@code null} before. */
    public double[] compiledLossWeights() {
        return setup == null ? null : setup.lossWeights();
    }

    /** The metrics given to {@link #compile}, a list per output; empty before. */
    public List<List<Metric>> compiledMetrics() {
        return setup == null ? List.of() : setup.metricLists();
    }

    /**
     * The history of the latest {@link #fit} (filled while it runs, so callbacks see the epochs so far), or the
     * one a loader restored; {@code null} before.
     */
    public History history() {
        return history;
    }

    /** Replaces the {@link #history()} (fit does it when it starts; loaders restore a saved one). */
    public void setHistory(History h) {
        this.history = h;
    }

    /** Trains a single-input, single-output model; see {@link FitOptions}. */
    public History fit(Tensor x, Tensor y, FitOptions options) {
        return fit(List.of(x), List.of(y), options);
    }

    /** Trains on one tensor per input and one target per output. */
    public History fit(List<Tensor> xs, List<Tensor> ys, FitOptions options) {
        return new FitLoop(this, setup(), options).run(xs, ys);
    }

    /** Trains on a dataset holding one tensor per input and one target per output. */
    public History fit(Dataset data, FitOptions options) {
        return fit(data.xs(), data.ys(), options);
    }

    /** Loss and metrics over {@code x} and {@code y} in batches of 32, in inference mode. */
    public Map<String, Double> evaluate(Tensor x, Tensor y) {
        return evaluate(List.of(x), List.of(y), FitOptions.DEFAULT_BATCH_SIZE);
    }

    /** Loss and metrics of a multi-input or multi-output model, in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(List<Tensor> xs, List<Tensor> ys, int batchSize) {
        FitOptions.checkBatchSize(batchSize);
        return Evaluation.evaluate(this, setup(), FitLoop.data(this, xs, ys), batchSize);
    }

    /** Loss and metrics over a dataset with targets, in batches of {@code batchSize}. */
    public Map<String, Double> evaluate(Dataset data, int batchSize) {
        return evaluate(data.xs(), data.ys(), batchSize);
    }

    /** The outputs for {@code x} in batches of 32, in inference mode without recording a graph. */
    public Tensor predict(Tensor x) {
        return predict(x, FitOptions.DEFAULT_BATCH_SIZE);
    }

    /** The output for {@code x} in batches of {@code batchSize}. */
    public Tensor predict(Tensor x, int batchSize) {
        return single(predict(List.of(x), batchSize), "predict");
    }

    /** All outputs for one tensor per input, in batches of {@code batchSize}. */
    public List<Tensor> predict(List<Tensor> xs, int batchSize) {
        FitOptions.checkBatchSize(batchSize);
        return Evaluation.predict(this, FitLoop.data(this, xs, null), batchSize);
    }

    private Tensor single(List<Tensor> outputs, String what) {
        if (outputs.size() != 1) {
            throw new IllegalArgumentException(describe() + ": the model has " + outputs.size() + " outputs; "
                    + what + " with a list of inputs returns them all");
        }
        return outputs.get(0);
    }

    /** Asks {@link #fit} to stop after the current batch (callbacks such as EarlyStopping call it). */
    public void stopTraining() {
        stopTraining = true;
    }

    /** Whether {@link #stopTraining()} was called since the current fit began. */
    public boolean isStopTrainingRequested() {
        return stopTraining;
    }

    /** Clears the stop request (fit does it when it starts). */
    void resetStopTraining() {
        stopTraining = false;
    }
}
