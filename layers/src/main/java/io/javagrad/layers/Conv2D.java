package io.javagrad.layers;

import io.javagrad.core.ConvOptions;
import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * 2-d convolution on NCHW inputs {@code [N, C, H, W]} with a kernel {@code [filters, C, kh, kw]} (PyTorch and
 * ONNX's layout; Keras files hold HWIO kernels, which the importer transposes), an optional bias
 * {@code [filters]} and an activation. Padding is {@code "valid"} (none) or {@code "same"} (output
 * {@code ceil(H / stride)}, with the odd padding row or column at the end, as TensorFlow).
 *
 * <pre>{@code
 * Layer conv = new Conv2D(32, 3, 3).padding("same").activation("relu");
 * }</pre>
 */
public final class Conv2D extends Layer {
    private final int filters;
    private final int[] kernelSize;
    private int[] strides = {1, 1};
    private String padding = "valid";
    private int[] dilationRate = {1, 1};
    private final KernelOptions kernelOptions = new KernelOptions(this);
    private Weight kernel;
    private Weight bias;

    /** {@code filters} output channels and a {@code kh x kw} kernel; stride 1, valid padding, no activation. */
    public Conv2D(int filters, int kh, int kw) {
        super(null);
        if (filters <= 0 || kh <= 0 || kw <= 0) {
            throw new IllegalArgumentException("Conv2D: filters and kernel size must be positive, got filters " + filters
                    + ", kernel " + kh + "x" + kw);
        }
        this.filters = filters;
        this.kernelSize = new int[] {kh, kw};
    }

    /** Vertical and horizontal stride (default 1); returns this layer. */
    public Conv2D strides(int sh, int sw) {
        this.strides = positivePair("strides", sh, sw);
        checkStridesWithDilation();
        return this;
    }

    /** {@code "valid"} or {@code "same"}; returns this layer. */
    public Conv2D padding(String mode) {
        this.padding = paddingMode(mode, "Conv2D");
        return this;
    }

    /** Vertical and horizontal dilation (default 1); returns this layer. */
    public Conv2D dilationRate(int dh, int dw) {
        this.dilationRate = positivePair("dilation_rate", dh, dw);
        checkStridesWithDilation();
        return this;
    }

    /** The activation by its Keras name; returns this layer. */
    public Conv2D activation(String name) {
        kernelOptions.activation(name);
        return this;
    }

    /** Whether to add a bias (default true); returns this layer. */
    public Conv2D useBias(boolean use) {
        kernelOptions.useBias(use);
        return this;
    }

    /** The kernel's initializer (default Glorot uniform); returns this layer. */
    public Conv2D kernelInitializer(Initializer initializer) {
        kernelOptions.kernelInitializer(initializer);
        return this;
    }

    /** The bias's initializer (default zeros); returns this layer. */
    public Conv2D biasInitializer(Initializer initializer) {
        kernelOptions.biasInitializer(initializer);
        return this;
    }

    /** A penalty on the kernel, or {@code null}; returns this layer. */
    public Conv2D kernelRegularizer(Regularizer regularizer) {
        kernelOptions.kernelRegularizer(regularizer);
        return this;
    }

    /** A penalty on the bias, or {@code null}; returns this layer. */
    public Conv2D biasRegularizer(Regularizer regularizer) {
        kernelOptions.biasRegularizer(regularizer);
        return this;
    }

    /** A penalty on the output, or {@code null}; returns this layer. */
    public Conv2D activityRegularizer(Regularizer regularizer) {
        setActivityRegularizer(regularizer);
        return this;
    }

    /** The kernel {@code [filters, C, kh, kw]}, once built. */
    public Weight kernel() {
        return kernel;
    }

    /** The bias {@code [filters]}, once built; {@code null} without bias. */
    public Weight bias() {
        return bias;
    }

    private int[] positivePair(String what, int a, int b) {
        if (a <= 0 || b <= 0) {
            throw new IllegalArgumentException(describe() + ": " + what + " must be positive, got " + a + "x" + b);
        }
        return new int[] {a, b};
    }

    private void checkStridesWithDilation() {
        if ((strides[0] > 1 || strides[1] > 1) && (dilationRate[0] > 1 || dilationRate[1] > 1)) {
            throw new IllegalArgumentException(describe() + ": strides > 1 cannot be combined with dilation_rate > 1"
                    + " (as in Keras), got strides " + Shapes.str(strides) + " and dilation_rate " + Shapes.str(dilationRate));
        }
    }

    /** {@code "valid"} or {@code "same"} (any case), or an error naming {@code layer}. */
    static String paddingMode(String mode, String layer) {
        String m = mode == null ? "" : mode.toLowerCase(java.util.Locale.ROOT);
        if (!m.equals("valid") && !m.equals("same")) {
            throw new IllegalArgumentException(layer + ": padding must be \"valid\" or \"same\", got " + mode);
        }
        return m;
    }

    @Override
    protected void build(int[] inputShape, DType dtype) {
        int channels = channels(inputShape);
        int area = kernelSize[0] * kernelSize[1];
        int[] shape = {filters, channels, kernelSize[0], kernelSize[1]};
        kernel = kernelOptions.addKernel(shape, channels * area, filters * area, dtype);
        bias = kernelOptions.addBias(new int[] {filters}, channels * area, filters * area, dtype);
    }

    private int channels(int[] shape) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(describe() + ": expected a rank-4 input [N, C, H, W], got shape "
                    + Shapes.str(shape));
        }
        return shape[1];
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        ConvOptions options = optionsFor(input.shape());
        Tensor w = kernel.value();
        Tensor b = bias == null ? null : bias.value();
        return kernelOptions.isRelu() ? input.conv2dRelu(w, b, options)
                : kernelOptions.activate(input.conv2d(w, b, options));
    }

    /** A convolution with relu fuses with a max pool after it. */
    @Override
    boolean fusesWith(Layer next) {
        return kernelOptions.isRelu() && next instanceof MaxPool2D;
    }

    /**
     * This convolution, relu and the max pool {@code next} as one op ({@link Tensor#conv2dReluMaxPool2d}), which
     * pools each block of images as the convolution computes it, so that the convolution's output is never stored
     * whole: the same values and gradients as the two calls.
     */
    @Override
    Tensor fusedForward(Layer next, Tensor input, boolean training) {
        int[] shape = input.shape();
        ConvOptions options = optionsFor(shape);
        int[] convShape = {shape[0], filters, options.outputHeight(shape[2], kernelSize[0]),
                options.outputWidth(shape[3], kernelSize[1])};
        MaxPool2D pool = (MaxPool2D) next;
        int[] pad = pool.paddingFor(convShape);
        pool.buildOnce(List.of(convShape), input.dtype());
        return input.conv2dReluMaxPool2d(kernel.value(), bias == null ? null : bias.value(), options,
                pool.poolSize(), pool.strides(), pad);
    }

    /** The convolution's options for an input of {@code shape}, checked against the kernel. */
    private ConvOptions optionsFor(int[] shape) {
        int channels = channels(shape);
        Tensor w = kernel.value();
        if (channels != w.shape(1)) {
            throw new IllegalArgumentException(describe() + ": expected " + w.shape(1) + " input channels, got "
                    + channels + " (input shape " + Shapes.str(shape) + ")");
        }
        ConvOptions options = ConvOptions.of().stride(strides[0], strides[1]).dilation(dilationRate[0], dilationRate[1]);
        if (padding.equals("same")) {
            options = options.paddingSame(shape[2], shape[3], kernelSize[0], kernelSize[1]);
        }
        for (int axis = 0; axis < 2; axis++) {
            int span = (kernelSize[axis] - 1) * dilationRate[axis] + 1;
            int padded = shape[2 + axis] + (axis == 0 ? options.padTop() + options.padBottom()
                    : options.padLeft() + options.padRight());
            if (span > padded) {
                throw new IllegalArgumentException(describe() + ": the " + kernelSize[0] + "x" + kernelSize[1]
                        + " kernel (dilation " + Shapes.str(dilationRate) + ") does not fit input shape "
                        + Shapes.str(shape) + " with padding \"" + padding + "\"");
            }
        }
        return options;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("filters", filters);
        c.put("kernel_size", Configs.list(kernelSize));
        c.put("strides", Configs.list(strides));
        c.put("padding", padding);
        c.put("data_format", "channels_first");
        c.put("dilation_rate", Configs.list(dilationRate));
        c.put("groups", 1);
        kernelOptions.putConfig(c);
        return c;
    }

    /** Rebuilds the layer from its config; {@code data_format} must be {@code channels_first} when given. */
    public static Conv2D fromConfig(Map<String, Object> config) {
        String what = "Conv2D config";
        requireChannelsFirst(config, what);
        if (Configs.integer(config, "groups", what, 1) != 1) {
            throw new IllegalArgumentException(what + ": only groups = 1 is supported, got " + config.get("groups"));
        }
        int[] k = Configs.ints(config, "kernel_size", what, 2);
        int[] s = config.get("strides") == null ? new int[] {1, 1} : Configs.ints(config, "strides", what, 2);
        int[] d = config.get("dilation_rate") == null ? new int[] {1, 1} : Configs.ints(config, "dilation_rate", what, 2);
        Conv2D c = new Conv2D(Configs.integer(config, "filters", what), k[0], k[1])
                .strides(s[0], s[1])
                .dilationRate(d[0], d[1])
                .padding(Configs.string(config, "padding", what, "valid"));
        c.kernelOptions.readConfig(config, what);
        c.applyBaseConfig(config);
        return c;
    }

    /** Refuses configs of NHWC layers: this library's layers are NCHW; Keras files are converted on import. */
    static void requireChannelsFirst(Map<String, Object> config, String what) {
        String format = Configs.string(config, "data_format", what, "channels_first");
        if (!format.equals("channels_first")) {
            throw new IllegalArgumentException(what + ": data_format must be \"channels_first\" (layers work on NCHW;"
                    + " convert channels_last models on import), got \"" + format + "\"");
        }
    }
}
