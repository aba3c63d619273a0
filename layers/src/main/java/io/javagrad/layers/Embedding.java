package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * A lookup table: each whole-number index {@code i} of the input (a float tensor of any shape) is replaced by
 * row {@code i} of {@code embeddings [inputDim, outputDim]}, so {@code [B, T]} becomes {@code [B, T, outputDim]}.
 * The gradient of a row is the sum over every position that picked it. Keras's default initializer, uniform in
 * [-0.05, 0.05], is used unless another is set.
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.randomUniform(-0.05, 0.05);
    private Regularizer embeddingsRegularizer;
    private Weight embeddings;

    /** A table of {@code inputDim} rows (the vocabulary size) of {@code outputDim} values each. */
    public Embedding(int inputDim, int outputDim) {
        super(null);
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding: input_dim and output_dim must be positive, got " + inputDim
                    + " and " + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    /** The table's initializer; returns this layer. */
    public Embedding embeddingsInitializer(Initializer initializer) {
        requireNotBuilt("embeddings_initializer");
        this.embeddingsInitializer = initializer;
        return this;
    }

    /** A penalty on the table, or {@code null}; returns this layer. */
    public Embedding embeddingsRegularizer(Regularizer regularizer) {
        requireNotBuilt("embeddings_regularizer");
        this.embeddingsRegularizer = regularizer;
        return this;
    }

    /** The table {@code [inputDim, outputDim]}, once built. */
    public Weight embeddings() {
        return embeddings;
    }

    @Override
    protected void build(int[] inputShape, DType dtype) {
        embeddings = addWeight("embeddings", new int[] {inputDim, outputDim}, inputDim, outputDim,
                embeddingsInitializer, true, embeddingsRegularizer, dtype);
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        double[] ids = input.toDoubleArray();
        int[] shape = input.shape();
        for (int i = 0; i < ids.length; i++) {
            double id = ids[i];
            if (!(id >= 0 && id < inputDim && id == Math.rint(id))) {
                throw new IllegalArgumentException(describe() + ": index " + id + " at position "
                        + Arrays.toString(Shapes.unravel(i, shape)) + " is not a whole number in [0, " + inputDim
                        + ") (input shape " + Shapes.str(shape) + ")");
            }
        }
        Tensor table = embeddings.value();
        return table.indexSelect(0, input.detach().to(table.dtype()));
    }


    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", Initializers.toConfig(embeddingsInitializer));
        c.put("embeddings_regularizer", Regularizers.toConfig(embeddingsRegularizer));
        c.put("mask_zero", false);
        return c;
    }

    /** Rebuilds the layer from its config; {@code mask_zero} must be false (masks are not supported). */
    public static Embedding fromConfig(Map<String, Object> config) {
        String what = "Embedding config";
        if (Configs.bool(config, "mask_zero", false)) {
            throw new IllegalArgumentException(what + ": mask_zero is not supported");
        }
        Embedding e = new Embedding(Configs.integer(config, "input_dim", what), Configs.integer(config, "output_dim", what))
                .embeddingsInitializer(Initializers.fromConfig(config.get("embeddings_initializer"),
                        Initializers.randomUniform(-0.05, 0.05)))
                .embeddingsRegularizer(Regularizers.fromConfig(config.get("embeddings_regularizer")));
        e.applyBaseConfig(config);
        return e;
    }
}
