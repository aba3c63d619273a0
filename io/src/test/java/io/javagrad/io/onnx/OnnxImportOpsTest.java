package io.javagrad.io.onnx;

import static io.javagrad.io.onnx.OnnxAttributes.ofFloat;
import static io.javagrad.io.onnx.OnnxAttributes.ofInt;
import static io.javagrad.io.onnx.OnnxAttributes.ofInts;
import static io.javagrad.io.onnx.OnnxAttributes.ofString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.OperatorSetIdProto;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each supported op, under the opsets where its meaning differs, gives ONNX Runtime's output (NO_OPT) within 1e-5. */
class OnnxImportOpsTest {
    private static final long MAX = Long.MAX_VALUE;

    /** A graph of one node {@code op} over float inputs {@code x} (and {@code y}) plus extra initializers. */
    private static final class Graph {
        final OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        final Map<String, Tensor> inputs = new LinkedHashMap<>();

        Graph input(String name, Tensor value) {
            Object[] dims = Arrays.stream(value.shape()).boxed().toArray();
            dims[0] = "batch";
            b.input(name, dims);
            inputs.put(name, value);
            return this;
        }

        String weight(String name, Tensor value) {
            return b.initializer(name, value);
        }

        String ints(String name, long... values) {
            return b.initializer(OnnxTensors.int64Tensor(name, values, values.length));
        }

        /** Adds the node with output {@code out}, runs both engines at {@code opset} and compares; returns ours. */
        Tensor check(int opset, String op, List<String> in, AttributeProto... attributes) throws Exception {
            b.node(op, in, "out", attributes);
            b.output("out");
            ModelProto.Builder model = b.build().toBuilder()
                    .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
            model.getGraphBuilder().getOutputBuilder(0).getTypeBuilder().getTensorTypeBuilder().clearShape();
            return compare(model.build(), op);
        }

        private Tensor compare(ModelProto model, String op) throws Exception {
            Tensor expected = OrtReference.run(model.toByteArray(), inputs, List.of());
            Tensor actual = OnnxImport.fromModel(model).callAll(List.copyOf(inputs.values()), false).get(0);
            assertArrayEquals(expected.shape(), actual.shape(), op);
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-5f, op);
            return actual;
        }
    }

    private static Tensor x(long seed, int... shape) {
        return Tensor.randn(seed, shape);
    }

    @Test
    void softmaxFlattensAtTheAxisBeforeOpset13() throws Exception {
        Tensor x = x(1, 2, 3, 4);
        Tensor old = new Graph().input("x", x).check(11, "Softmax", List.of("x"), ofInt("axis", 1));
        Tensor now = new Graph().input("x", x).check(13, "Softmax", List.of("x"), ofInt("axis", 1));
        assertFalse(Arrays.equals(old.toFloatArray(), now.toFloatArray()), "opset 11 normalizes over axes 1 and 2 together");
        new Graph().input("x", x).check(9, "LogSoftmax", List.of("x"));
        new Graph().input("x", x).check(13, "LogSoftmax", List.of("x"));
        new Graph().input("x", x).check(12, "Softmax", List.of("x"), ofInt("axis", -1));
    }

    @Test
    void gemmAttributesAndMatMul() throws Exception {
        Graph g = new Graph().input("x", x(2, 4, 3));
        g.check(9, "Gemm", List.of("x", g.weight("w", x(3, 5, 3)), g.weight("c", x(4, 1, 5))),
                ofFloat("alpha", 0.5), ofFloat("beta", 2), ofInt("transB", 1));
        Graph t = new Graph().input("x", x(5, 3, 4));
        t.check(13, "Gemm", List.of("x", t.weight("w", x(6, 3, 2))), ofInt("transA", 1));
        Graph m = new Graph().input("x", x(7, 2, 3, 4));
        m.check(13, "MatMul", List.of("x", m.weight("w", x(8, 4, 5))));
    }

    @Test
    void elementwiseOpsAndActivations() throws Exception {
        for (String op : List.of("Add", "Sub", "Mul", "Div")) {
            Graph g = new Graph().input("x", x(9, 2, 3, 4));
            g.check(13, op, List.of("x", g.weight("w", x(10, 3, 1).abs().add(0.5))));
        }
        Graph pow = new Graph().input("x", x(11, 2, 3).abs().add(0.1));
        pow.check(13, "Pow", List.of("x", pow.weight("e", x(12, 3))));
        for (String op : List.of("Relu", "Sigmoid", "Tanh", "Erf", "Identity")) {
            new Graph().input("x", x(13, 2, 5)).check(13, op, List.of("x"));
        }
        new Graph().input("x", x(14, 2, 5).abs()).check(13, "Sqrt", List.of("x"));
        new Graph().input("x", x(15, 2, 5)).check(13, "LeakyRelu", List.of("x"), ofFloat("alpha", 0.2));
        new Graph().input("x", x(16, 2, 5)).check(9, "LeakyRelu", List.of("x"));
        new Graph().input("x", x(17, 2, 5)).check(9, "Dropout", List.of("x"), ofFloat("ratio", 0.3));
        new Graph().input("x", x(17, 2, 5)).check(13, "Dropout", List.of("x"));
        new Graph().input("x", x(18, 2, 3, 4)).check(13, "ReduceMean", List.of("x"), ofInts("axes", 1, -1), ofInt("keepdims", 0));
        new Graph().input("x", x(19, 2, 3, 4)).check(17, "ReduceMean", List.of("x"));
    }

    @Test
    void comparisonsLogicAndWhere() throws Exception {
        new Graph().input("x", x(60, 2, 5)).check(13, "Elu", List.of("x"), ofFloat("alpha", 0.7));
        new Graph().input("x", x(61, 2, 5)).check(13, "Softplus", List.of("x"));
        for (String op : List.of("Min", "Max")) {
            Graph g = new Graph().input("x", x(62, 2, 5));
            g.check(13, op, List.of("x", g.weight("a", x(63, 5)), g.weight("b", x(64, 1))));
        }
        Graph g = new Graph().input("x", x(65, 3, 4));
        String w = g.weight("w", x(66, 4));
        String positive = g.b.node("Greater", List.of("x", g.weight("zero", Tensor.zeros(1))), "positive");
        String notBelow = g.b.node("Not", List.of(g.b.node("Less", List.of("x", w), "below")), "notBelow");
        String both = g.b.node("And", List.of(positive, notBelow), "both");
        String either = g.b.node("Or", List.of(both, g.b.node("LessOrEqual", List.of("x", w), "atMost")), "either");
        String equal = g.b.node("Equal", List.of(g.b.node("GreaterOrEqual", List.of("x", w), "atLeast"), both), "same");
        String chosen = g.b.node("Where", List.of(either, "x", w), "chosen");
        g.check(13, "Where", List.of(equal, chosen, g.weight("other", x(67, 3, 1))));

        Graph ints = new Graph().input("x", x(68, 2, 3, 4));
        String shape = ints.b.node("Shape", List.of("x"), "shape");
        String keep = ints.b.node("Equal", List.of(shape, ints.ints("two", 2, 0, 0)), "keep");
        String target = ints.b.node("Where", List.of(keep, shape, ints.ints("rest", 0, 12, 1)), "target");
        ints.check(13, "Reshape", List.of("x", target));
        new Graph().input("x", x(69, 2, 3, 4, 5)).check(13, "GlobalMaxPool", List.of("x"));
    }

    @Test
    void convolutionPaddingStridesDilationsAndGroups() throws Exception {
        Graph same = new Graph().input("x", x(20, 2, 3, 7, 6));
        same.check(11, "Conv", List.of("x", same.weight("w", x(21, 4, 3, 2, 3)), same.weight("b", x(22, 4))),
                ofString("auto_pad", "SAME_UPPER"), ofInts("strides", 2, 2));
        Graph lower = new Graph().input("x", x(23, 2, 3, 7, 6));
        lower.check(11, "Conv", List.of("x", lower.weight("w", x(24, 4, 3, 2, 2))), ofString("auto_pad", "SAME_LOWER"));
        Graph grouped = new Graph().input("x", x(25, 1, 4, 9, 8));
        grouped.check(9, "Conv", List.of("x", grouped.weight("w", x(26, 6, 2, 3, 3)), grouped.weight("b", x(27, 6))),
                ofInt("group", 2), ofInts("dilations", 2, 1), ofInts("pads", 1, 0, 2, 1), ofInts("strides", 1, 2),
                ofInts("kernel_shape", 3, 3));
        Graph valid = new Graph().input("x", x(28, 2, 2, 5, 5));
        valid.check(13, "Conv", List.of("x", valid.weight("w", x(29, 3, 2, 3, 3))), ofString("auto_pad", "VALID"));
        Graph oneD = new Graph().input("x", x(30, 2, 3, 10));
        oneD.check(13, "Conv", List.of("x", oneD.weight("w", x(31, 4, 3, 3)), oneD.weight("b", x(32, 4))),
                ofInts("pads", 1, 2), ofInts("strides", 2));
    }

    @Test
    void poolingModes() throws Exception {
        Tensor x = x(33, 2, 3, 7, 6);
        new Graph().input("x", x).check(9, "MaxPool", List.of("x"), ofInts("kernel_shape", 3, 2),
                ofInts("pads", 1, 0, 1, 1), ofInts("strides", 2, 2));
        new Graph().input("x", x).check(11, "AveragePool", List.of("x"), ofInts("kernel_shape", 3, 3),
                ofInts("pads", 1, 1, 1, 1), ofInts("strides", 2, 2));
        new Graph().input("x", x).check(11, "AveragePool", List.of("x"), ofInts("kernel_shape", 3, 3),
                ofInts("pads", 1, 1, 1, 1), ofInts("strides", 2, 2), ofInt("count_include_pad", 1));
        new Graph().input("x", x).check(12, "MaxPool", List.of("x"), ofInts("kernel_shape", 2, 2),
                ofString("auto_pad", "SAME_UPPER"), ofInts("strides", 2, 2));
        new Graph().input("x", x(34, 2, 3, 6, 8)).check(10, "MaxPool", List.of("x"), ofInts("kernel_shape", 2, 2),
                ofInts("strides", 2, 2), ofInt("ceil_mode", 1));
        new Graph().input("x", x(35, 2, 3, 9)).check(13, "AveragePool", List.of("x"), ofInts("kernel_shape", 3));
        new Graph().input("x", x).check(13, "GlobalAveragePool", List.of("x"));
    }

    @Test
    void normalizations() throws Exception {
        Graph bn = new Graph().input("x", x(36, 2, 3, 4, 5));
        bn.check(9, "BatchNormalization", List.of("x", bn.weight("s", x(37, 3)), bn.weight("b", x(38, 3)),
                bn.weight("m", x(39, 3)), bn.weight("v", x(40, 3).abs().add(0.5))), ofFloat("epsilon", 1e-3));
        Graph ln = new Graph().input("x", x(41, 2, 3, 4));
        ln.check(17, "LayerNormalization", List.of("x", ln.weight("s", x(42, 3, 4)), ln.weight("b", x(43, 3, 4))),
                ofInt("axis", 1), ofFloat("epsilon", 1e-3));
        Graph noBias = new Graph().input("x", x(44, 2, 3, 4));
        noBias.check(17, "LayerNormalization", List.of("x", noBias.weight("s", x(45, 4))));
    }

    @Test
    void axesAreAttributesBeforeOpset13AndInputsFrom13() throws Exception {
        Tensor x = x(46, 2, 1, 3);
        new Graph().input("x", x).check(11, "Unsqueeze", List.of("x"), ofInts("axes", 0, -1));
        Graph u = new Graph().input("x", x);
        u.check(13, "Unsqueeze", List.of("x", u.ints("axes", 3, 1)));
        new Graph().input("x", x).check(11, "Squeeze", List.of("x"), ofInts("axes", 1));
        Graph s = new Graph().input("x", x);
        s.check(13, "Squeeze", List.of("x", s.ints("axes", -2)));
        new Graph().input("x", x(47, 1, 1, 3)).check(13, "Squeeze", List.of("x"));
    }

    @Test
    void sliceAttributesBeforeOpset10AndInputsWithStepsFrom10() throws Exception {
        Tensor x = x(48, 3, 6, 5);
        new Graph().input("x", x).check(9, "Slice", List.of("x"), ofInts("starts", 1, -4), ofInts("ends", MAX, -1),
                ofInts("axes", 1, 2));
        Graph g = new Graph().input("x", x);
        g.check(13, "Slice", List.of("x", g.ints("starts", -1, 0), g.ints("ends", -MAX, MAX), g.ints("axes", 1, 2),
                g.ints("steps", -2, 2)));
        Graph empty = new Graph().input("x", x);
        empty.check(10, "Slice", List.of("x", empty.ints("starts", 4), empty.ints("ends", 2), empty.ints("axes", 2)));
    }

    @Test
    void reshapeFlattenTransposeConcatGatherPad() throws Exception {
        Tensor x = x(49, 2, 3, 4);
        Graph r = new Graph().input("x", x);
        r.check(13, "Reshape", List.of("x", r.ints("shape", 0, -1, 2)));
        new Graph().input("x", x).check(13, "Flatten", List.of("x"), ofInt("axis", 2));
        new Graph().input("x", x).check(9, "Flatten", List.of("x"));
        new Graph().input("x", x).check(13, "Transpose", List.of("x"));
        new Graph().input("x", x).check(13, "Transpose", List.of("x"), ofInts("perm", 1, 0, 2));
        Graph c = new Graph().input("x", x);
        c.check(13, "Concat", List.of("x", c.weight("w", x(50, 2, 3, 2)), "x"), ofInt("axis", -1));
        Graph gather = new Graph().input("x", x);
        gather.check(13, "Gather", List.of("x", gather.ints("i", -1, 0, 2, 2)), ofInt("axis", 1));
        Graph pad = new Graph().input("x", x);
        pad.check(11, "Pad", List.of("x", pad.ints("pads", 0, 1, 0, 0, 2, -1)));
        new Graph().input("x", x).check(9, "Pad", List.of("x"), ofInts("pads", 0, 0, 1, 0, 0, 2), ofFloat("value", 1.5));
    }

    @Test
    void shapeSubgraphsComputeExactIntegers() throws Exception {
        // Shape -> Gather -> Cast(float) as in PyTorch's attention scaling, and a Reshape target built by Concat.
        Graph g = new Graph().input("x", x(51, 2, 3, 4));
        String shape = g.b.node("Shape", List.of("x"), "shape", ofInt("start", 1));
        String last = g.b.node("Gather", List.of(shape, g.ints("i", 1)), "last");
        String tail = g.b.node("Div", List.of(last, g.ints("two", 2)), "half");
        String dims = g.b.node("Concat", List.of(g.ints("lead", 0, -1), tail), "dims", ofInt("axis", 0));
        String reshaped = g.b.node("Reshape", List.of("x", dims), "reshaped");
        String scale = g.b.node("Cast", List.of(tail), "scale", ofInt("to", 1));
        g.check(15, "Mul", List.of(reshaped, scale));
    }
}
