package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Arrays;

/**
 * The projections inside {@link MultiHeadAttention}, with Keras's {@code EinsumDense} weight layout: the last
 * {@code contracted} input axes are multiplied with a kernel of shape {@code inputAxes ++ outputShape} and a bias
 * of shape {@code outputShape} is added. Query, key and value use {@code [dModel, heads, dim]} kernels
 * ({@code [B, T, dModel] -> [B, T, heads, dim]}); the output projection a {@code [heads, dim, out]} kernel
 * ({@code [B, T, heads, dim] -> [B, T, out]}). Fans follow Keras for kernels of rank 3: the leading axis
 * counts as a receptive field, so {@code fanIn = shape[0] * shape[1]} and {@code fanOut = shape[0] * shape[2]}.
 */
final class HeadProjection extends Layer {
    private final int contracted;
    private final int[] outputShape;
    private final boolean useBias;
    private final Initializer kernelInitializer;
    private final Initializer biasInitializer;
    private Weight kernel;
    private Weight bias;

    HeadProjection(String name, int contracted, int[] outputShape, boolean useBias, Initializer kernelInitializer,
                   Initializer biasInitializer) {
        super(name);
        this.contracted = contracted;
        this.outputShape = outputShape.clone();
        this.useBias = useBias;
        this.kernelInitializer = kernelInitializer;
        this.biasInitializer = biasInitializer;
    }

    @Override
    public String className() {
        return "EinsumDense";
    }

    @Override
    protected void build(int[] inputShape, DType dtype) {
        int[] in = Arrays.copyOfRange(inputShape, inputShape.length - contracted, inputShape.length);
        int[] shape = new int[in.length + outputShape.length];
        System.arraycopy(in, 0, shape, 0, in.length);
        System.arraycopy(outputShape, 0, shape, in.length, outputShape.length);
        int receptive = Shapes.numel(Arrays.copyOf(shape, shape.length - 2));
        int fanIn = shape[shape.length - 2] * receptive;
        int fanOut = shape[shape.length - 1] * receptive;
        kernel = addWeight("kernel", shape, fanIn, fanOut, kernelInitializer, true, null, dtype);
        if (useBias) {
            bias = addWeight("bias", outputShape, fanIn, fanOut, biasInitializer, true, null, dtype);
        }
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        int[] shape = input.shape();
        int lead = shape.length - contracted;
        int[] expected = Arrays.copyOf(kernel.value().shape(), contracted);
        if (lead < 0 || !Arrays.equals(expected, Arrays.copyOfRange(shape, lead, shape.length))) {
            throw new IllegalArgumentException(describe() + ": expected the last input dimensions to be "
                    + Shapes.str(expected) + ", got input shape " + Shapes.str(shape));
        }
        int in = Shapes.numel(expected);
        int out = Shapes.numel(outputShape);
        Tensor y = input.reshape(-1, in).matmul(kernel.value().reshape(in, out));
        if (bias != null) {
            y = y.add(bias.value().reshape(out));
        }
        int[] outShape = Arrays.copyOf(shape, lead + outputShape.length);
        System.arraycopy(outputShape, 0, outShape, lead, outputShape.length);
        return y.reshape(outShape);
    }
}
