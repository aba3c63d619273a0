package io.javagrad.io.onnx;

import static io.javagrad.io.onnx.OrtCheck.assertSameOutputs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.layers.Activation;
import io.javagrad.layers.ActivationFunction;
import io.javagrad.layers.Add;
import io.javagrad.layers.Average;
import io.javagrad.layers.AvgPool2D;
import io.javagrad.layers.BatchNorm;
import io.javagrad.layers.Concatenate;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.ELU;
import io.javagrad.layers.Embedding;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.GlobalAveragePooling2D;
import io.javagrad.layers.GlobalMaxPooling2D;
import io.javagrad.layers.Initializer;
import io.javagrad.layers.Initializers;
import io.javagrad.layers.Input;
import io.javagrad.layers.Layer;
import io.javagrad.layers.LayerNorm;
import io.javagrad.layers.LeakyReLU;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Maximum;
import io.javagrad.layers.Merge;
import io.javagrad.layers.Minimum;
import io.javagrad.layers.Model;
import io.javagrad.layers.MultiHeadAttention;
import io.javagrad.layers.Multiply;
import io.javagrad.layers.PositionalEncoding;
import io.javagrad.layers.RandomContrast;
import io.javagrad.layers.RandomFlip;
import io.javagrad.layers.RandomRotation;
import io.javagrad.layers.RandomZoom;
import io.javagrad.layers.ReLU;
import io.javagrad.layers.Reshape;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.Softmax;
import io.javagrad.layers.Subtract;
import io.javagrad.layers.SymbolicTensor;
import io.javagrad.layers.TransformerEncoderBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in layer type exported alone (or in a small stack) and run in ONNX Runtime at batch sizes other than
 * the batch of one the model was built with; the outputs must match {@code predict} within 1e-5.
 */
class OnnxExportLayersTest {
    private static final Initializer RANDOM_BIAS = Initializers.randomNormal(0, 0.5);

    private static Sequential model(int[] inputShape, Layer... layers) {
        Sequential m = new Sequential(inputShape);
        m.setSeed(7);
        for (Layer l : layers) {
            m.add(l);
        }
        return m;
    }

    private static Tensor x(long seed, int... shape) {
        return Tensor.randn(seed, shape);
    }

    private static List<String> ops(ModelProto proto) {
        return proto.getGraph().getNodeList().stream().map(NodeProto::getOpType).toList();
    }

    @Test
    void denseOnRank2IsGemmWithoutTranspose() {
        ModelProto p = assertSameOutputs("dense", model(new int[] {6},
                new Dense(5).activation("relu").biasInitializer(RANDOM_BIAS), new Dense(3).useBias(false)), x(1, 4, 6));
        assertEquals(List.of("Gemm", "Relu", "Gemm", "Identity"), ops(p));
        assertEquals(0, p.getGraph().getNode(0).getAttributeCount(), "transB keeps its default 0: the kernel is [in, out]");
    }

    @Test
    void denseOnRank3IsMatMulAndAdd() {
        ModelProto p = assertSameOutputs("dense_rank3", model(new int[] {4, 6},
                new Dense(5).activation("gelu").biasInitializer(RANDOM_BIAS)), x(2, 3, 4, 6));
        assertEquals("MatMul", ops(p).get(0));
        assertEquals("Add", ops(p).get(1));
    }

    static List<String> activationNames() {
        return List.copyOf(ActivationFunction.names());
    }

    @ParameterizedTest
    @MethodSource("activationNames")
    void everyNamedActivation(String name) {
        assertSameOutputs("activation_" + name, model(new int[] {3, 4}, new Activation(name)), x(3, 5, 3, 4).mul(3));
    }

    @Test
    void reluLayerWithCapSlopeAndThreshold() {
        Tensor x = x(4, 6, 10).mul(4);
        assertSameOutputs("relu", model(new int[] {10}, new ReLU()), x);
        assertSameOutputs("relu6", model(new int[] {10}, new ReLU(6.0, 0, 0)), x);
        assertSameOutputs("relu_leaky", model(new int[] {10}, new ReLU(null, 0.1, 0)), x);
        assertSameOutputs("relu_threshold", model(new int[] {10}, new ReLU(2.0, 0.2, 0.5)), x);
    }

    @Test
    void leakyReluEluAndSoftmaxOnAnAxis() {
        Tensor x = x(5, 2, 3, 4).mul(3);
        assertSameOutputs("leaky_relu", model(new int[] {3, 4}, new LeakyReLU(0.3)), x);
        assertSameOutputs("elu", model(new int[] {3, 4}, new ELU(0.7)), x);
        assertSameOutputs("softmax_axis1", model(new int[] {3, 4}, new Softmax(1)), x);
        assertSameOutputs("softmax_last", model(new int[] {3, 4}, new Softmax()), x);
    }

    @Test
    void conv2dValidSameStridedDilated() {
        Tensor x = x(6, 3, 2, 9, 8);
        assertSameOutputs("conv_valid", model(new int[] {2, 9, 8},
                new Conv2D(4, 3, 3).activation("relu").biasInitializer(RANDOM_BIAS)), x);
        assertSameOutputs("conv_same_strided", model(new int[] {2, 9, 8},
                new Conv2D(3, 3, 2).strides(2, 3).padding("same").biasInitializer(RANDOM_BIAS)), x);
        assertSameOutputs("conv_dilated", model(new int[] {2, 9, 8},
                new Conv2D(3, 2, 3).dilationRate(2, 2).padding("same").useBias(false).activation("tanh")), x);
    }

    @Test
    void poolingValidAndSame() {
        Tensor x = x(7, 2, 3, 7, 9);
        assertSameOutputs("maxpool", model(new int[] {3, 7, 9}, new MaxPool2D()), x);
        assertSameOutputs("maxpool_same", model(new int[] {3, 7, 9}, new MaxPool2D(new int[] {3, 2}, new int[] {2, 2}, "same")), x);
        assertSameOutputs("avgpool", model(new int[] {3, 7, 9}, new AvgPool2D(new int[] {2, 3}, new int[] {1, 2}, "valid")), x);
        ModelProto p = assertSameOutputs("avgpool_same", model(new int[] {3, 7, 9},
                new AvgPool2D(new int[] {3, 3}, new int[] {2, 2}, "same")), x);
        NodeProto pool = p.getGraph().getNode(0);
        assertEquals(0, OnnxAttributes.getInt(pool, "count_include_pad", -1), "padding is never averaged in");
    }

    @Test
    void globalPoolingWithAndWithoutKeepdims() {
        Tensor x = x(8, 3, 4, 5, 6);
        assertSameOutputs("global_avg", model(new int[] {4, 5, 6}, new GlobalAveragePooling2D()), x);
        assertSameOutputs("global_avg_keepdims", model(new int[] {4, 5, 6}, new GlobalAveragePooling2D(true)), x);
        assertSameOutputs("global_max", model(new int[] {4, 5, 6}, new GlobalMaxPooling2D()), x);
        assertSameOutputs("global_max_keepdims", model(new int[] {4, 5, 6}, new GlobalMaxPooling2D(true)), x);
    }

    @Test
    void flattenReshapeAndDropout() {
        Tensor x = x(9, 4, 2, 3, 4);
        assertSameOutputs("flatten", model(new int[] {2, 3, 4}, new Flatten()), x);
        assertSameOutputs("reshape", model(new int[] {2, 3, 4}, new Reshape(4, -1), new Reshape(3, 2, 4)), x);
        ModelProto p = assertSameOutputs("dropout", model(new int[] {2, 3, 4}, new Dropout(0.5), new Flatten(),
                new Dropout(0.3)), x);
        assertEquals(List.of("Flatten", "Identity"), ops(p), "dropout is left out");
    }

    @Test
    void augmentationLayersAreLeftOut() {
        ModelProto p = assertSameOutputs("augmentation", model(new int[] {1, 6, 6}, new RandomFlip(), new RandomRotation(0.1),
                new RandomZoom(0.2), new RandomContrast(0.3), new Conv2D(2, 3, 3)), x(24, 3, 1, 6, 6));
        assertEquals(List.of("Conv", "Identity"), ops(p));
    }

    private static BatchNorm randomBatchNorm() {
        return new BatchNorm().initializers(RANDOM_BIAS, Initializers.randomUniform(0.5, 2),
                Initializers.randomNormal(0, 1), Initializers.randomUniform(0.5, 2));
    }

    @Test
    void batchNormOnChannelsAndOnTheLastAxis() {
        ModelProto p = assertSameOutputs("batchnorm_nchw", model(new int[] {3, 4, 5}, randomBatchNorm().epsilon(1e-2)),
                x(10, 2, 3, 4, 5));
        NodeProto bn = p.getGraph().getNode(0);
        assertEquals("BatchNormalization", bn.getOpType());
        assertEquals(1e-2f, OnnxAttributes.getFloat(bn, "epsilon", 0));
        assertEquals(0.99f, OnnxAttributes.getFloat(bn, "momentum", 0));
        assertSameOutputs("batchnorm_2d", model(new int[] {6}, randomBatchNorm()), x(11, 5, 6));
        assertSameOutputs("batchnorm_last_axis", model(new int[] {3, 6}, randomBatchNorm().axis(-1)), x(12, 4, 3, 6));
        assertSameOutputs("batchnorm_no_affine", model(new int[] {6}, randomBatchNorm().center(false).scale(false)),
                x(13, 3, 6));
    }

    private static LayerNorm randomLayerNorm(int... axes) {
        return new LayerNorm(axes).initializers(RANDOM_BIAS, Initializers.randomUniform(0.5, 2));
    }

    @Test
    void layerNormTrailingAxesAndOtherAxes() {
        Tensor x = x(14, 3, 4, 5);
        ModelProto p = assertSameOutputs("layernorm", model(new int[] {4, 5}, randomLayerNorm(-1).epsilon(1e-5)), x);
        assertEquals(List.of("LayerNormalization", "Identity"), ops(p));
        assertSameOutputs("layernorm_two_axes", model(new int[] {4, 5}, randomLayerNorm(2, 1)), x);
        assertSameOutputs("layernorm_middle_axis", model(new int[] {4, 5}, randomLayerNorm(1)), x);
        assertSameOutputs("layernorm_no_affine", model(new int[] {4, 5}, new LayerNorm().center(false).scale(false)), x);
        assertSameOutputs("layernorm_middle_no_affine", model(new int[] {4, 5}, new LayerNorm(1).center(false).scale(false)), x);
    }

    @Test
    void embeddingCastsFloatIdsAndGathers() {
        float[] ids = new float[4 * 6];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 7) % 11;
        }
        ModelProto p = assertSameOutputs("embedding", model(new int[] {6}, new Embedding(11, 3), new Dense(2)),
                Tensor.of(ids, 4, 6));
        assertEquals(List.of("Cast", "Gather"), ops(p).subList(0, 2));
    }

    private static MultiHeadAttention randomAttention(int heads, int keyDim) {
        return new MultiHeadAttention(heads, keyDim).initializers(null, RANDOM_BIAS);
    }

    @Test
    void selfAttention() {
        assertSameOutputs("mha_self", model(new int[] {5, 8}, randomAttention(2, 3)), x(15, 3, 5, 8));
        assertSameOutputs("mha_causal", model(new int[] {5, 8}, randomAttention(4, 2).useCausalMask(true).valueDim(3)
                .outputShape(6)), x(16, 2, 5, 8));
        assertSameOutputs("mha_no_bias", model(new int[] {5, 8}, randomAttention(1, 4).useBias(false)), x(17, 2, 5, 8));
    }

    @Test
    void crossAttentionWithKeyAndMask() {
        Input query = Input.of(4, 6);
        Input value = Input.of(7, 5);
        Input key = Input.of(7, 3);
        Input mask = Input.of(4, 7);
        SymbolicTensor out = randomAttention(2, 3).useCausalMask(true).apply(List.of(query, value, key, mask));
        Model m = new Model(List.of(query, value, key, mask), List.of(out));
        m.setSeed(3);
        float[] allowed = new float[3 * 4 * 7];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = i % 3 == 1 ? 0 : 1;
        }
        assertSameOutputs("mha_cross_masked", m, List.of(x(18, 3, 4, 6), x(19, 3, 7, 5), x(20, 3, 7, 3),
                Tensor.of(allowed, 3, 4, 7)));

        Input q2 = Input.of(4, 6);
        Input v2 = Input.of(7, 5);
        Model cross = new Model(List.of(q2, v2), List.of(randomAttention(3, 2).apply(List.of(q2, v2))));
        assertSameOutputs("mha_cross", cross, List.of(x(21, 2, 4, 6), x(22, 2, 7, 5)));
    }

    @Test
    void positionalEncodingAndTransformerBlock() {
        Tensor x = x(23, 3, 6, 8);
        assertSameOutputs("positional_encoding", model(new int[] {6, 8}, new PositionalEncoding()), x);
        assertSameOutputs("transformer", model(new int[] {6, 8}, new PositionalEncoding(),
                new TransformerEncoderBlock(8, 2, 16).dropout(0.1),
                new TransformerEncoderBlock(8, 4, 12).activation("gelu").causal(true)), x);
    }

    /** {@code layer} applied to inputs of {@code shapes} (without the batch axis), and a batch of 3 for each. */
    private static ModelProto assertMergeExports(String fileName, Merge layer, int[]... shapes) {
        List<Input> inputs = new ArrayList<>();
        List<Tensor> xs = new ArrayList<>();
        for (int[] shape : shapes) {
            inputs.add(Input.of(shape));
            int[] batch = new int[shape.length + 1];
            batch[0] = 3;
            System.arraycopy(shape, 0, batch, 1, shape.length);
            xs.add(x(30 + xs.size(), batch));
        }
        Model m = new Model(inputs, List.of(layer.apply(inputs)));
        return assertSameOutputs(fileName, m, xs);
    }

    @Test
    void elementwiseMergesBroadcastLikeKeras() {
        int[][] shapes = {{3, 4}, {1, 4}, {4}};
        assertEquals(List.of("Reshape", "Add", "Add", "Identity"), ops(assertMergeExports("add", new Add(), shapes)));
        assertEquals(List.of("Reshape", "Sub", "Identity"), ops(assertMergeExports("subtract", new Subtract(), new int[] {4},
                new int[] {3, 4})));
        assertEquals(List.of("Reshape", "Mul", "Mul", "Identity"), ops(assertMergeExports("multiply", new Multiply(), shapes)));
        assertEquals(List.of("Reshape", "Mean", "Identity"), ops(assertMergeExports("average", new Average(), shapes)));
        assertEquals(List.of("Reshape", "Max", "Identity"), ops(assertMergeExports("maximum", new Maximum(), shapes)));
        assertEquals(List.of("Reshape", "Min", "Identity"), ops(assertMergeExports("minimum", new Minimum(), shapes)));
    }

    @Test
    void concatenateOnChannelsAndOnTheLastAxis() {
        NodeProto concat = assertMergeExports("concat_channels", new Concatenate(1), new int[] {2, 3, 4},
                new int[] {5, 3, 4}).getGraph().getNode(0);
        assertEquals(1, OnnxAttributes.getInt(concat, "axis", -1));
        concat = assertMergeExports("concat_last", new Concatenate(), new int[] {2, 3, 4}, new int[] {2, 3, 1},
                new int[] {2, 3, 2}).getGraph().getNode(0);
        assertEquals("Concat", concat.getOpType());
        assertEquals(3, OnnxAttributes.getInt(concat, "axis", -1), "axis -1 counted from the front");
    }
}
