package io.javagrad.io.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.javagrad.core.Tensor;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a model in ONNX Runtime without graph optimizations (exact reference outputs for tests). */
final class OrtReference {
    private OrtReference() {}

    /** The first output for {@code inputs} (by graph input name); inputs named in {@code integer} are fed as INT64. */
    static Tensor run(byte[] model, Map<String, Tensor> inputs, List<String> integer) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try (OrtSession session = env.createSession(model, options)) {
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                Tensor x = e.getValue();
                long[] shape = Arrays.stream(x.shape()).asLongStream().toArray();
                feeds.put(e.getKey(), integer.contains(e.getKey())
                        ? OnnxTensor.createTensor(env, LongBuffer.wrap(Arrays.stream(x.toDoubleArray()).mapToLong(d -> (long) d).toArray()), shape)
                        : OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape));
            }
            try (OrtSession.Result result = session.run(feeds)) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                int[] shape = Arrays.stream(out.getInfo().getShape()).mapToInt(d -> (int) d).toArray();
                FloatBuffer values = out.getFloatBuffer();
                float[] data = new float[values.remaining()];
                values.get(data);
                return shape.length == 0 ? Tensor.scalar(data[0]) : Tensor.of(data, shape);
            }
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    /** {@link #run(byte[], Map, List)} for a model with one float input. */
    static Tensor run(byte[] model, String input, Tensor x) throws OrtException {
        return run(model, Map.of(input, x), List.of());
    }
}
