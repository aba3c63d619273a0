package io.javagrad.io.onnx;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.ImportedValue.Floats;
import io.javagrad.layers.Initializer;
import io.javagrad.layers.Model;
import io.javagrad.layers.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An imported ONNX graph as a trainable Javagrad {@link Model}: it runs the graph's nodes in order with core
 * tensor ops, and its float initializers are {@link Weight}s named as in the file (batch normalization
 * statistics are non-trainable, as are weights {@link OnnxImport#load(java.nio.file.Path, java.util.function.Predicate)}
 * was told to freeze; rank-0 initializers and {@code Constant} nodes are fixed constants). So it can
 * be called, {@code compile}d and {@code fit}ted (fine-tuned), frozen, turned into float64 and gradient-checked
 * like any model. Made by {@link OnnxImport}.
 *
 * <p>Inputs are given in the order of the graph's inputs (initializers that old exporters also list as inputs
 * are not inputs). Integer inputs such as token ids are given as float tensors holding whole numbers. The
 * batch axis (and any axis the file leaves symbolic) may have any size.
 */
public final class OnnxModel extends Model {
    private final List<GraphInput> inputs;
    private final List<String> outputs;
    private final Map<String, ImportedValue> constants;
    private final Map<String, Weight> parameters = new LinkedHashMap<>();
    private final List<Step> steps;

    /** A graph input: its name, declared sizes (-1 where symbolic; {@code null} when undeclared), integer or float. */
    record GraphInput(String name, int[] dims, boolean integer) {}

    /** A node ready to run: its input names ({@code ""} = omitted) and the name its output is stored under. */
    record Step(OnnxNode node, List<String> inputs, String output, OnnxKernel kernel) {}

    /** Builds the model; {@code weights} become weights (trainable ones named in {@code trainable}). */
    OnnxModel(String name, List<GraphInput> inputs, List<String> outputs, Map<String, Tensor> weights,
              Set<String> trainable, Map<String, ImportedValue> constants, List<Step> steps) {
        super(name);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.constants = Map.copyOf(constants);
        this.steps = List.copyOf(steps);
        for (Map.Entry<String, Tensor> e : weights.entrySet()) {
            Tensor value = e.getValue().to(DType.FLOAT32);
            parameters.put(e.getKey(), addWeight(e.getKey(), value.shape(), 1, 1, new Imported(value),
                    trainable.contains(e.getKey()), null, DType.FLOAT32));
        }
        markBuilt(DType.FLOAT32);
        setTrainable(true);
    }

    /** The names of the graph's inputs, in the order {@link #callAll} and {@code fit} take them. */
    public List<String> inputNames() {
        return inputs.stream().map(GraphInput::name).toList();
    }

    /** The names of the graph's outputs, in order. */
    @Override
    public List<String> outputNames() {
        return outputs;
    }

    @Override
    public int inputCount() {
        return inputs.size();
    }

    @Override
    public int outputCount() {
        return outputs.size();
    }

    /** The weight made from the initializer called {@code onnxName}. */
    public Weight parameter(String onnxName) {
        Weight w = parameters.get(onnxName);
        if (w == null) {
            throw new IllegalArgumentException(describe() + ": no weight named '" + onnxName + "'; weights: "
                    + parameters.keySet());
        }
        return w;
    }

    /** An imported model is built when it is made. */
    @Override
    public void build() {
    }

    @Override
    protected void build(List<int[]> inputShapes, DType dtype) {
    }

    /** Imported models have no Keras config; save them as ONNX. */
    @Override
    public Map<String, Object> getConfig() {
        throw new UnsupportedOperationException(describe() + ": an imported ONNX model has no Keras config");
    }

    @Override
    protected List<Tensor> run(List<Tensor> given, boolean training) {
        if (given.size() != inputs.size()) {
            throw new IllegalArgumentException(describe() + ": expected " + inputs.size() + " inputs " + inputNames()
                    + ", got " + given.size());
        }
        Map<String, ImportedValue> values = new HashMap<>(constants);
        parameters.forEach((name, w) -> values.put(name, new Floats(w.value())));
        for (int i = 0; i < inputs.size(); i++) {
            values.put(inputs.get(i).name(), inputValue(inputs.get(i), given.get(i)));
        }
        OnnxKernel.Context context = new OnnxKernel.Context(training, dtype(), rng());
        for (Step step : steps) {
            List<ImportedValue> args = new ArrayList<>(step.inputs().size());
            for (String name : step.inputs()) {
                args.add(name.isEmpty() ? null : values.get(name));
            }
            values.put(step.output(), runStep(step, args, context));
        }
        List<Tensor> out = new ArrayList<>(outputs.size());
        for (String name : outputs) {
            out.add(values.get(name).tensor(dtype()));
        }
        return out;
    }

    private ImportedValue inputValue(GraphInput input, Tensor x) {
        int[] dims = input.dims();
        boolean fits = dims == null || dims.length == x.rank();
        for (int d = 0; fits && dims != null && d < dims.length; d++) {
            fits = dims[d] < 0 || dims[d] == x.shape(d);
        }
        if (!fits) {
            throw new IllegalArgumentException(describe() + ": input '" + input.name() + "' expects shape "
                    + Arrays.toString(dims).replace("-1", "?") + ", got " + Shapes.str(x.shape()));
        }
        Floats value = new Floats(x.to(dtype()));
        return input.integer() ? ImportedValue.of(value.longs(describe() + ": integer input '" + input.name() + "'"),
                x.shape()) : value;
    }

    private ImportedValue runStep(Step step, List<ImportedValue> args, OnnxKernel.Context context) {
        String where = describe() + ": " + step.node().describe();
        try {
            return step.kernel().run(args, context);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
            String message = String.valueOf(e.getMessage());
            String prefix = step.node().describe() + ": ";
            throw new IllegalArgumentException(where + ": " + (message.startsWith(prefix)
                    ? message.substring(prefix.length()) : message), e);
        }
    }

    /** The initial value of an imported weight: the initializer's data. */
    private record Imported(Tensor value) implements Initializer {
        @Override
        public Tensor initialize(int[] shape, int fanIn, int fanOut, DType dtype, Rng rng) {
            return value.to(dtype).cloneTensor().detach();
        }

        @Override
        public String className() {
            return "OnnxInitializer";
        }

        @Override
        public Map<String, Object> getConfig() {
            return Map.of();
        }
    }
}
