package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * A fully connected layer, {@code activation(input @ kernel + bias)} (one fused {@link Tensor#linear} op), applied
 * to the last axis of an input of rank 2 or more. The kernel has Keras's layout {@code [inputDim, units]}.
 *
 * <pre>{@code
 * Layer hidden = new Dense(64).activation("relu").kernelRegularizer(Regularizers.l2(1e-4));
 * }</pre>
 *
 * <p>Options are set with the fluent setters before the layer is first called.
 */
public final class Dense extends Layer {
    private final int units;
    private final KernelOptions kernelOptions = new KernelOptions(this);
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
        kernelOptions.activation(name);
        return this;
    }

    /** Whether to add a bias (default true); returns this layer. */
    public Dense useBias(boolean use) {
        kernelOptions.useBias(use);
        return this;
    }

    /** The kernel's initializer (default Glorot uniform); returns this layer. */
    public Dense kernelInitializer(Initializer initializer) {
        kernelOptions.kernelInitializer(initializer);
        return this;
    }

    /** The bias's initializer (default zeros); returns this layer. */
    public Dense biasInitializer(Initializer initializer) {
        kernelOptions.biasInitializer(initializer);
        return this;
    }

    /** A penalty on the kernel, or {@code null}; returns this layer. */
    public Dense kernelRegularizer(Regularizer regularizer) {
        kernelOptions.kernelRegularizer(regularizer);
        return this;
    }

    /** A penalty on the bias, or {@code null}; returns this layer. */
    public Dense biasRegularizer(Regularizer regularizer) {
        kernelOptions.biasRegularizer(regularizer);
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
        kernel = kernelOptions.addKernel(new int[] {in, units}, in, units, dtype);
        bias = kernelOptions.addBias(new int[] {units}, in, units, dtype);
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
        int in = lastDimension(input.shape());
        Tensor w = kernel.value();
        if (in != w.shape(0)) {
            throw new IllegalArgumentException(describe() + ": expected last input dimension " + w.shape(0) + ", got "
                    + in + " (input shape " + Shapes.str(input.shape()) + ")");
        }
        Tensor b = bias == null ? null : bias.value();
        if (kernelOptions.isRelu()) {
            return input.linearRelu(w, b);
        }
        return kernelOptions.activate(input.linear(w, b));
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("units", units);
        kernelOptions.putConfig(c);
        return c;
    }

    /** Rebuilds a Dense layer from its (Keras) config. */
    public static Dense fromConfig(Map<String, Object> config) {
        Dense d = new Dense(Configs.integer(config, "units", "Dense config"));
        d.kernelOptions.readConfig(config, "Dense config");
        d.applyBaseConfig(config);
        return d;
    }
}
