package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * A fully connected layer, {@code activation(input @ kernel + bias)}, applied to the last axis of an input
 * of rank 2 or more. The kernel has Keras's layout {@code [inputDim, units]}.
 *
 * <pre>{@code
 * Layer hidden = new Dense(64).activation("relu").kernelRegularizer(Regularizers.l2(1e-4));
 * }</pre>
 *
 * <p>Options are set with the fluent setters before the layer is first called.
 */
public final class Dense extends Layer {
    private final int units;
    private ActivationFunction activation = ActivationFunction.LINEAR;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Weight kernel;
    private Weight bias;

    /** A layer with {@code units} outputs, no activation, a bias, Glorot-uniform kernel and zero bias. */
    public Dense(int units) {
        super(null);
        if (units <= 0) {
            throw new IllegalArgumentException("Dense: units must be positive, got " + units);
        }
        this.units = units;
    }

    /** Sets the activation by its Keras name (see {@link ActivationFunction}); returns this layer. */
    public Dense activation(String name) {
        this.activation = ActivationFunction.of(name);
        return this;
    }

    /** Whether to add a bias (default true); returns this layer. */
    public Dense useBias(boolean use) {
        requireNotBuilt("use_bias");
        this.useBias = use;
        return this;
    }

    /** The kernel's initializer (default Glorot uniform); returns this layer. */
    public Dense kernelInitializer(Initializer initializer) {
        requireNotBuilt("kernel_initializer");
        this.kernelInitializer = initializer;
        return this;
    }

    /** The bias's initializer (default zeros); returns this layer. */
    public Dense biasInitializer(Initializer initializer) {
        requireNotBuilt("bias_initializer");
        this.biasInitializer = initializer;
        return this;
    }

    /** A penalty on the kernel, or {@code null}; returns this layer. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        requireNotBuilt("kernel_regularizer");
        this.kernelRegularizer = regularizer;
        return this;
    }

    /** A penalty on the bias, or {@code null}; returns this layer. */
    public Dense biasRegularizer(Regularizer regularizer) {
        requireNotBuilt("bias_regularizer");
        this.biasRegularizer = regularizer;
        return this;
    }

    /** A penalty on the output, or {@code null}; returns this layer. */
    public Dense activityRegularizer(Regularizer regularizer) {
        setActivityRegularizer(regularizer);
        return this;
    }

    /** The number of outputs. */
    public int units() {
        return units;
    }

    /** The kernel {@code [inputDim, units]}, once built. */
    public Weight kernel() {
        return kernel;
    }

    /** The bias {@code [units]}, once built; {@code null} without bias. */
    public Weight bias() {
        return bias;
    }

    @Override
    protected void build(int[] inputShape, DType dtype) {
        int in = lastDimension(inputShape);
        kernel = addWeight("kernel", new int[] {in, units}, in, units, kernelInitializer, true, kernelRegularizer, dtype);
        if (useBias) {
            bias = addWeight("bias", new int[] {units}, in, units, biasInitializer, true, biasRegularizer, dtype);
        }
    }

    private int lastDimension(int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(describe() + ": expected an input of rank >= 2 [batch, ..., features],"
                    + " got shape " + Shapes.str(shape));
        }
        return shape[shape.length - 1];
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        int[] shape = input.shape();
        int in = lastDimension(shape);
        Tensor w = kernel.value();
        if (in != w.shape(0)) {
            throw new IllegalArgumentException(describe() + ": expected last input dimension " + w.shape(0) + ", got "
                    + in + " (input shape " + Shapes.str(shape) + ")");
        }
        Tensor out = input.rank() == 2 ? input.matmul(w) : input.reshape(-1, in).matmul(w);
        if (bias != null) {
            out = out.add(bias.value());
        }
        if (input.rank() > 2) {
            shape[shape.length - 1] = units;
            out = out.reshape(shape);
        }
        return activation.apply(out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        c.put("activation", activation.name());
        c.put("use_bias", useBias);
        c.put("kernel_initializer", Initializers.toConfig(kernelInitializer));
        c.put("bias_initializer", Initializers.toConfig(biasInitializer));
        c.put("kernel_regularizer", Regularizers.toConfig(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.toConfig(biasRegularizer));
        return c;
    }

    /** Rebuilds a Dense layer from its (Keras) config. */
    public static Dense fromConfig(Map<String, Object> config) {
        Dense d = new Dense(Configs.integer(config, "units", "Dense config"))
                .activation(Configs.string(config, "activation", "Dense config", "linear"))
                .useBias(Configs.bool(config, "use_bias", true))
                .kernelRegularizer(Regularizers.fromConfig(config.get("kernel_regularizer")))
                .biasRegularizer(Regularizers.fromConfig(config.get("bias_regularizer")))
                .kernelInitializer(Initializers.fromConfig(config.get("kernel_initializer"), Initializers.glorotUniform()))
                .biasInitializer(Initializers.fromConfig(config.get("bias_initializer"), Initializers.zeros()));
        d.applyBaseConfig(config);
        return d;
    }
}
