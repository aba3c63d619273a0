package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * The options of a layer with a kernel and an optional bias ({@link Dense}, {@link Conv2D}): the activation, whether
 * to add a bias, and the kernel's and bias's initializers and regularizers, with their Keras config keys. The
 * options that shape the weights can only be changed before the layer is built.
 */
final class KernelOptions {
    private final Layer layer;
    private ActivationFunction activation = ActivationFunction.LINEAR;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;

    /** The default options of {@code layer}: no activation, a bias, Glorot-uniform kernel, zero bias, no penalty. */
    KernelOptions(Layer layer) {
        this.layer = layer;
    }

    void activation(String name) {
        activation = ActivationFunction.of(name);
    }

    void useBias(boolean use) {
        useBias = beforeBuild("use_bias", use);
    }

    void kernelInitializer(Initializer initializer) {
        kernelInitializer = beforeBuild("kernel_initializer", initializer);
    }

    void biasInitializer(Initializer initializer) {
        biasInitializer = beforeBuild("bias_initializer", initializer);
    }

    void kernelRegularizer(Regularizer regularizer) {
        kernelRegularizer = beforeBuild("kernel_regularizer", regularizer);
    }

    void biasRegularizer(Regularizer regularizer) {
        biasRegularizer = beforeBuild("bias_regularizer", regularizer);
    }

    /** {@code value}, unless the layer was built: the options that shape the weights are set before first use. */
    private <T> T beforeBuild(String option, T value) {
        layer.requireNotBuilt(option);
        return value;
    }

    /** Creates the layer's weight {@code kernel} during its build. */
    Weight addKernel(int[] shape, int fanIn, int fanOut, DType dtype) {
        return layer.addWeight("kernel", shape, fanIn, fanOut, kernelInitializer, true, kernelRegularizer, dtype);
    }

    /** Creates the layer's weight {@code bias} during its build; {@code null} without bias. */
    Weight addBias(int[] shape, int fanIn, int fanOut, DType dtype) {
        return useBias ? layer.addWeight("bias", shape, fanIn, fanOut, biasInitializer, true, biasRegularizer, dtype) : null;
    }

    /** Whether the activation is relu, which {@link Dense} and {@link Conv2D} fuse into their product. */
    boolean isRelu() {
        return activation == ActivationFunction.RELU;
    }

    /** The activation applied to {@code x}. */
    Tensor activate(Tensor x) {
        return activation.apply(x);
    }

    /** Adds {@code activation}, {@code use_bias}, the initializers and the regularizers to {@code config}. */
    void putConfig(Map<String, Object> config) {
        config.put("activation", activation.name());
        config.put("use_bias", useBias);
        config.put("kernel_initializer", Initializers.toConfig(kernelInitializer));
        config.put("bias_initializer", Initializers.toConfig(biasInitializer));
        config.put("kernel_regularizer", Regularizers.toConfig(kernelRegularizer));
        config.put("bias_regularizer", Regularizers.toConfig(biasRegularizer));
    }

    /** Sets the options from {@link #putConfig}'s keys, each missing one to its default; {@code what} names the config. */
    void readConfig(Map<String, Object> config, String what) {
        activation(Configs.string(config, "activation", what, "linear"));
        useBias(Configs.bool(config, "use_bias", true));
        kernelInitializer(Initializers.fromConfig(config.get("kernel_initializer"), Initializers.glorotUniform()));
        biasInitializer(Initializers.fromConfig(config.get("bias_initializer"), Initializers.zeros()));
        kernelRegularizer(Regularizers.fromConfig(config.get("kernel_regularizer")));
        biasRegularizer(Regularizers.fromConfig(config.get("bias_regularizer")));
    }
}
