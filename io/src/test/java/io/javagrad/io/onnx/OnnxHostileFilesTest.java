package io.javagrad.io.onnx;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import io.javagrad.core.Tensor;
import io.javagrad.io.Fixtures;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.GraphProto;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.StringStringEntryProto;
import io.javagrad.io.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile ONNX files give an IOException naming the file; nothing large is ever allocated. */
class OnnxHostileFilesTest {
    @TempDir
    Path dir;

    private static ModelProto small() {
        OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        String x = b.input("x", "batch", 4);
        b.node("Gemm", List.of(x, b.initializer("w", Tensor.randn(1, 3, 4)), b.initializer("b", Tensor.randn(2, 3))), "y",
                OnnxAttributes.ofInt("transB", 1));
        b.output("y", "batch", 3);
        return b.build();
    }

    @Test
    void truncatedFilesFail() throws IOException {
        byte[] good = small().toByteArray();
        Path file = dir.resolve("cut.onnx");
        for (int length : new int[] {0, 1, 2, 5, 20, good.length / 3, good.length / 2, good.length - 30, good.length - 1}) {
            Files.write(file, Arrays.copyOf(good, length));
            IOException e = assertThrows(IOException.class, () -> OnnxReader.read(file), "length " + length);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedFixtureFails() throws IOException {
        byte[] good = Files.readAllBytes(Fixtures.file("onnx", "cnn_mnist_pytorch_opset9.onnx"));
        Path file = dir.resolve("cut.onnx");
        for (int length = 1; length < good.length; length += good.length / 23) {
            Files.write(file, Arrays.copyOf(good, length));
            assertReadsOrFailsCleanly(file, "cut at " + length);
        }
    }

    @Test
    void damagedBytesFailCleanly() throws IOException {
        byte[] good = small().toByteArray();
        Path file = dir.resolve("flipped.onnx");
        for (int i = 0; i < Math.min(good.length, 200); i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) 0xFF;
            Files.write(file, bad);
            assertReadsOrFailsCleanly(file, "byte " + i);
        }
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 3; k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            Files.write(file, bad);
            assertReadsOrFailsCleanly(file, "trial " + trial);
        }
    }

    @Test
    void hugeDeclaredShapesAreRejectedWithoutAllocating() {
        TensorProto.Builder t = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(new byte[16]));
        for (List<Long> dims : List.of(List.of(1L << 40, 1L << 40), List.of(1L << 20, 1L << 20), List.of(100_000_000L),
                List.of(-4L), List.of(3L))) {
            ModelProto model = withInitializer(t.clearDims().addAllDims(dims).build());
            IOException e = assertThrows(IOException.class, () -> OnnxReader.parse(model.toByteArray(), "hostile.onnx"));
            assertTrue(e.getMessage().contains("hostile.onnx") && e.getMessage().contains("tensor 'w'"), e.getMessage());
        }
    }

    @Test
    void externalDataAndSparseInitializersAreRejected() {
        TensorProto external = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(4)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue("../../etc/passwd")).build();
        IOException e = assertThrows(IOException.class, () -> OnnxReader.parse(withInitializer(external).toByteArray(), "m"));
        assertTrue(e.getMessage().contains("external file"), e.getMessage());

        ModelProto constant = small().toBuilder().setGraph(small().getGraph().toBuilder().addNode(NodeProto.newBuilder()
                .setOpType("Constant").addOutput("c").addAttribute(OnnxAttributes.ofTensor("value", external)))).build();
        assertThrows(IOException.class, () -> OnnxReader.parse(constant.toByteArray(), "m"));

        ModelProto sparse = small().toBuilder().setGraph(small().getGraph().toBuilder()
                .addSparseInitializer(io.javagrad.io.onnx.proto.SparseTensorProto.getDefaultInstance())).build();
        e = assertThrows(IOException.class, () -> OnnxReader.parse(sparse.toByteArray(), "m"));
        assertTrue(e.getMessage().contains("sparse"), e.getMessage());
    }

    @Test
    void deeplyNestedSubgraphsAreRejected() {
        GraphProto g = GraphProto.newBuilder().setName("leaf").build();
        for (int i = 0; i < 200; i++) {
            g = GraphProto.newBuilder().addNode(NodeProto.newBuilder().setOpType("If")
                    .addAttribute(AttributeProto.newBuilder().setName("then_branch").setType(AttributeProto.AttributeType.GRAPH).setG(g))).build();
        }
        ModelProto deep = small().toBuilder().setGraph(g).build();
        IOException e = assertThrows(IOException.class, () -> OnnxReader.parse(deep.toByteArray(), "deep.onnx"));
        assertTrue(e.getMessage().contains("deep.onnx"), e.getMessage());
    }

    @Test
    void modelsWithoutGraphOrOpsetAreRejected() {
        assertThrows(IOException.class, () -> OnnxReader.parse(small().toBuilder().clearGraph().build().toByteArray(), "m"));
        assertThrows(IOException.class, () -> OnnxReader.parse(small().toBuilder().clearOpsetImport().build().toByteArray(), "m"));
        assertThrows(IOException.class, () -> OnnxReader.parse(small().toBuilder().clearIrVersion().build().toByteArray(), "m"));
        assertThrows(NoSuchFileException.class, () -> OnnxReader.read(dir.resolve("absent.onnx")));
    }

    private static ModelProto withInitializer(TensorProto t) {
        return small().toBuilder().setGraph(small().getGraph().toBuilder().addInitializer(t)).build();
    }

    private static void assertReadsOrFailsCleanly(Path file, String what) {
        try {
            ModelProto m = OnnxReader.read(file);
            for (TensorProto t : m.getGraph().getInitializerList()) {
                OnnxTensors.toTensor(t);
            }
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(file.toString()), what + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
        }
    }
}
