package io.javagrad.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.layers.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a model, runs it in ONNX Runtime (no graph optimizations) and compares every output with the model's
 * own {@code predict}. With {@code -Djavagrad.onnx.exportDir=DIR} the exported files are also written to DIR,
 * for io/src/test/python/check_onnx_exports.py.
 */
final class OrtCheck {
    /** The system property naming the folder that receives the exported files. */
    static final String EXPORT_DIR = "javagrad.onnx.exportDir";
    /** Allowed difference per element, relative to max(1, |expected|). */
    static final double TOLERANCE = 1e-5;

    private OrtCheck() {}

    /** Checks {@code model} on one batch per input; returns the exported model. */
    static ModelProto assertSameOutputs(String fileName, Model model, Tensor... xs) {
        return assertSameOutputs(fileName, model, List.of(xs));
    }

    /** Checks {@code model} on one batch per input (all with the same batch size); returns the exported model. */
    static ModelProto assertSameOutputs(String fileName, Model model, List<Tensor> xs) {
        ModelProto proto = OnnxExport.toModelProto(model, Map.of());
        byte[] bytes = proto.toByteArray();
        writeFixture(fileName, bytes);
        List<Tensor> expected = model.predict(xs, xs.get(0).shape(0));
        List<float[]> actual = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        run(bytes, proto, xs, actual, shapes);
        assertEquals(expected.size(), actual.size(), fileName + ": number of outputs");
        for (int i = 0; i < expected.size(); i++) {
            String what = fileName + " output " + proto.getGraph().getOutput(i).getName();
            assertArrayEquals(Arrays.stream(expected.get(i).shape()).asLongStream().toArray(), shapes.get(i), what + " shape");
            assertClose(what, expected.get(i).toFloatArray(), actual.get(i));
        }
        return proto;
    }

    private static void run(byte[] bytes, ModelProto proto, List<Tensor> xs, List<float[]> out, List<long[]> shapes) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<OnnxTensor> inputs = new ArrayList<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            try (OrtSession session = env.createSession(bytes, options)) {
                Map<String, OnnxTensor> feed = new HashMap<>();
                for (int i = 0; i < xs.size(); i++) {
                    Tensor x = xs.get(i);
                    OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()),
                            Arrays.stream(x.shape()).asLongStream().toArray());
                    inputs.add(t);
                    feed.put(proto.getGraph().getInput(i).getName(), t);
                }
                try (OrtSession.Result result = session.run(feed)) {
                    for (Map.Entry<String, OnnxValue> e : result) {
                        OnnxTensor t = (OnnxTensor) e.getValue();
                        FloatBuffer buffer = t.getFloatBuffer();
                        float[] data = new float[buffer.remaining()];
                        buffer.get(data);
                        out.add(data);
                        shapes.add(t.getInfo().getShape());
                    }
                }
            }
        } catch (OrtException e) {
            throw new AssertionError("ONNX Runtime rejected the exported model: " + e.getMessage(), e);
        } finally {
            inputs.forEach(OnnxTensor::close);
        }
    }

    static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": number of values");
        for (int i = 0; i < expected.length; i++) {
            double allowed = TOLERANCE * Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(expected[i] - actual[i]) <= allowed)) {
                fail(what + ": element " + i + " is " + actual[i] + " in ONNX Runtime, " + expected[i] + " in Javagrad");
            }
        }
    }

    private static void writeFixture(String fileName, byte[] bytes) {
        String dir = System.getProperty(EXPORT_DIR);
        if (dir == null || dir.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, fileName + ".onnx"), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
