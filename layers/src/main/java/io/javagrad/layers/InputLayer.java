package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The layer behind an {@link Input}: no weights; its config holds the batch shape and dtype. */
public final class InputLayer extends Layer {
    private final int[] batchShape;
    Input input;

    InputLayer(String name, int[] batchShape, DType dtype) {
        super(name);
        this.batchShape = batchShape;
        markBuilt(dtype);
    }

    /** The symbolic tensor this layer stands for. */
    public Input input() {
        return input;
    }

    @Override
    protected Tensor forward(Tensor x, boolean training) {
        return x;
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.remove("trainable");
        List<Integer> shape = new ArrayList<>();
        for (int s : batchShape) {
            shape.add(s == SymbolicTensor.BATCH ? null : s);
        }
        c.put("batch_input_shape", shape);
        return c;
    }

    /** The {@link Input} described by an InputLayer config (Keras's {@code batch_input_shape} or {@code batch_shape}). */
    static Input fromConfig(Map<?, ?> config) {
        Object shape = config.containsKey("batch_input_shape") ? config.get("batch_input_shape") : config.get("batch_shape");
        return Input.of(Configs.string(config, "name", "InputLayer", null),
                DType.parse(Configs.string(config, "dtype", "InputLayer", "float32")), perSampleShape(shape));
    }

    /** A Keras batch shape such as {@code [null, 28, 28]} without its batch axis. */
    static int[] perSampleShape(Object batchShape) {
        if (!(batchShape instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("InputLayer: batch shape must be a non-empty list, got " + batchShape);
        }
        int[] out = new int[list.size() - 1];
        for (int i = 1; i < list.size(); i++) {
            if (!(list.get(i) instanceof Number n) || n.intValue() <= 0 || n.doubleValue() != n.intValue()) {
                throw new IllegalArgumentException("InputLayer: batch shape " + list
                        + " must hold positive whole numbers after the batch axis");
            }
            out[i - 1] = n.intValue();
        }
        return out;
    }
}
