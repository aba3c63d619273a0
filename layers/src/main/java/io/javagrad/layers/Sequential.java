package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A stack of layers, each feeding the next. The input shape may be given up front ({@code new Sequential(784)}
 * or {@code add(Input.of(784))}) or is taken from the first call; the layers are built at first use. Two
 * consecutive layers that fuse run as one op with the same results, such as a {@link Conv2D} with relu and the
 * {@link MaxPool2D} after it ({@link Tensor#conv2dReluMaxPool2d}).
 *
 * <pre>{@code
 * Sequential model = new Sequential(784);
 * model.setSeed(1);
 * model.add(new Dense(128).activation("relu")).add(new Dropout(0.2)).add(new Dense(10));
 * model.compile(new Adam(1e-3), Losses.sparseCategoricalCrossentropy(true), Metrics.fromName("accuracy", null));
 * History history = model.fit(x, y, FitOptions.defaults().epochs(5).batchSize(32).validationSplit(0.1));
 * Tensor probabilities = model.predict(xTest).softmax(-1);
 * System.out.print(model.summary());
 * }</pre>
 */
public class Sequential extends Model {
    private final List<Layer> stack = new ArrayList<>();
    private Input input;

    /** An empty model named {@code sequential}; the input shape comes from the first call. */
    public Sequential() {
        super((String) null);
    }

    /** An empty model for samples of {@code inputShape} (batch axis left out). */
    public Sequential(int... inputShape) {
        this();
        add(Input.of(inputShape));
    }

    /** A model of {@code layers} in order. */
    public Sequential(List<? extends Layer> layers) {
        this();
        for (Layer l : layers) {
            add(l);
        }
    }

    /** Declares the input (before any layer); returns this model. */
    public Sequential add(Input modelInput) {
        if (input != null || !stack.isEmpty()) {
            throw new IllegalArgumentException(describe() + ": the Input must come first and only once");
        }
        input = modelInput;
        return this;
    }

    /** Appends {@code layer} (named, seeded, and built at once if the model is already built); returns this model. */
    public Sequential add(Layer layer) {
        if (layer instanceof InputLayer il) {
            return add(il.input());
        }
        track(layer);
        stack.add(layer);
        if (isBuilt()) {
            List<int[]> last = stack.size() == 1 ? List.of(input.shape()) : outputShapes(stack.get(stack.size() - 2));
            recordOutputShape(layer, withModelName(() -> SymbolicTensor.probe(layer, List.of(last.get(0)), dtype())));
        }
        return this;
    }

    /** The declared or inferred input, or {@code null} while unknown. */
    public Input input() {
        return input;
    }

    @Override
    boolean inputKnown() {
        return input != null;
    }

    @Override
    public int inputCount() {
        return 1;
    }

    @Override
    public int outputCount() {
        return 1;
    }

    @Override
    public List<String> outputNames() {
        return stack.isEmpty() ? List.of() : List.of(stack.get(stack.size() - 1).name());
    }

    /** The stack as a chain of calls from the input; an error while the input shape is unknown. */
    @Override
    public LayerGraph layerGraph() {
        if (input == null) {
            throw new IllegalStateException(describe() + ": the input shape is unknown; give it to the constructor,"
                    + " add an Input, or call the model once");
        }
        List<LayerGraph.Call> calls = new ArrayList<>(stack.size());
        SymbolicTensor last = input;
        for (Layer layer : stack) {
            SymbolicTensor out = SymbolicTensor.record(layer, List.of(last));
            calls.add(new LayerGraph.Call(layer, List.of(last), out));
            last = out;
        }
        return new LayerGraph(List.of(input), calls, List.of(last));
    }

    /** Builds every layer from the declared input shape; an error when the input shape is still unknown. */
    @Override
    public void build() {
        if (input == null) {
            throw new IllegalStateException(describe() + ": the input shape is unknown; give it to the constructor,"
                    + " add an Input, or call the model once");
        }
        if (isBuilt()) {
            return;
        }
        if (stack.isEmpty()) {
            throw new IllegalStateException(describe() + ": the model has no layers");
        }
        int[] shape = input.shape();
        for (Layer layer : stack) {
            int[] in = shape;
            shape = withModelName(() -> SymbolicTensor.probe(layer, List.of(in), input.dtype()));
            recordOutputShape(layer, shape);
        }
        markBuilt(input.dtype());
    }

    /** Takes the input shape from the first call when it was not declared, then builds. */
    @Override
    protected void build(List<int[]> inputShapes, DType dtype) {
        if (inputShapes.size() != 1) {
            throw new IllegalArgumentException(describe() + ": expected 1 input, got " + inputShapes.size());
        }
        if (input == null) {
            int[] s = inputShapes.get(0);
            if (s.length == 0) {
                throw new IllegalArgumentException(describe() + ": inputs need a batch axis, got a 0-d tensor");
            }
            input = Input.of(null, dtype, Arrays.copyOfRange(s, 1, s.length));
        }
        build();
    }

    @Override
    protected List<Tensor> run(List<Tensor> inputs, boolean training) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException(describe() + ": expected 1 input, got " + inputs.size());
        }
        Tensor x = inputs.get(0);
        if (!input.fits(x.shape())) {
            throw new IllegalArgumentException(describe() + ": expected input shape " + SymbolicTensor.str(input.shape())
                    + ", got " + Shapes.str(x.shape()) + " (first layer " + stack.get(0) + ")");
        }
        Tensor start = castToModel(x);
        return List.of(withModelName(() -> {
            Tensor h = start;
            for (int i = 0; i < stack.size(); i++) {
                Tensor fused = i + 1 < stack.size() ? stack.get(i).callFused(stack.get(i + 1), h, training) : null;
                if (fused != null) {
                    h = fused;
                    i++;
                } else {
                    h = stack.get(i).call(h, training);
                }
            }
            return h;
        }));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = configBase();
        c.put("layers", ModelConfigs.sequentialLayers(input, stack));
        return c;
    }
}
