package io.javagrad.io.onnx;

import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.TensorProto;
import java.util.Arrays;
import java.util.Set;

/**
 * A node of the graph being imported, with the opset it is read under: typed attribute access with the
 * ONNX defaults, input-count checks, and errors that name the node. Ops read everything they need from it
 * once, when the model is loaded.
 */
final class OnnxNode {
    private final NodeProto proto;
    private final long opset;

    OnnxNode(NodeProto proto, long opset) {
        this.proto = proto;
        this.opset = opset;
    }

    /** The op type, e.g. {@code Conv}. */
    String opType() {
        return proto.getOpType();
    }

    /** The default-domain opset the model imports; ops whose meaning changed between versions check it. */
    long opset() {
        return opset;
    }

    /** The number of inputs listed (omitted optional inputs included, as empty names). */
    int inputCount() {
        return proto.getInputCount();
    }

    /** Whether input {@code i} is given (listed and not an empty name). */
    boolean hasInput(int i) {
        return i < proto.getInputCount() && !proto.getInput(i).isEmpty();
    }

    /** Requires between {@code min} and {@code max} listed inputs, the first {@code min} of them given. */
    void requireInputs(int min, int max) {
        if (proto.getInputCount() < min || proto.getInputCount() > max) {
            throw error("expected " + (min == max ? String.valueOf(min) : min + " to " + max) + " inputs, got "
                    + proto.getInputCount());
        }
        for (int i = 0; i < min; i++) {
            if (!hasInput(i)) {
                throw error("input " + i + " is required");
            }
        }
    }

    /** Rejects attributes other than {@code known}: an unknown one could change the meaning silently. */
    void allowAttributes(String... known) {
        Set<String> allowed = Set.of(known);
        for (AttributeProto a : proto.getAttributeList()) {
            if (!allowed.contains(a.getName())) {
                throw error("attribute '" + a.getName() + "' is not supported (known: " + Arrays.toString(known) + ")");
            }
        }
    }

    /** Whether attribute {@code name} is present. */
    boolean has(String name) {
        return OnnxAttributes.find(proto, name) != null;
    }

    long intAttr(String name, long fallback) {
        return checked(() -> OnnxAttributes.getInt(proto, name, fallback));
    }

    float floatAttr(String name, float fallback) {
        return checked(() -> OnnxAttributes.getFloat(proto, name, fallback));
    }

    String stringAttr(String name, String fallback) {
        return checked(() -> OnnxAttributes.getString(proto, name, fallback));
    }

    long[] intsAttr(String name, long[] fallback) {
        return checked(() -> OnnxAttributes.getInts(proto, name, fallback));
    }

    float[] floatsAttr(String name, float[] fallback) {
        return checked(() -> OnnxAttributes.getFloats(proto, name, fallback));
    }

    TensorProto tensorAttr(String name) {
        return checked(() -> OnnxAttributes.getTensor(proto, name));
    }

    /** An INT attribute that must lie in [{@code min}, {@code max}], as an int. */
    int intAttr(String name, long fallback, long min, long max) {
        long v = intAttr(name, fallback);
        if (v < min || v > max) {
            throw error("attribute '" + name + "' must be in [" + min + ", " + max + "], got " + v);
        }
        return (int) v;
    }

    /** An INTS attribute of small numbers (sizes, strides, axes) as ints, or {@code null} when absent. */
    int[] smallIntsAttr(String name) {
        long[] v = intsAttr(name, null);
        return v == null ? null : toInts(name, v);
    }

    /** {@code values} as ints, each within ±2^31. */
    int[] toInts(String what, long[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < Integer.MIN_VALUE || values[i] > Integer.MAX_VALUE) {
                throw error(what + " value " + values[i] + " is out of range");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** {@code axis} (negative counts from the end) as an index into {@code rank} axes. */
    int axis(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw error("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** {@code Conv node 'conv1' (opset 11)}: the prefix of this node's messages. */
    String describe() {
        return OnnxAttributes.describe(proto) + " (opset " + opset + ")";
    }

    /** An error about this node. */
    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(describe() + ": " + message);
    }

    private <T> T checked(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (opset " + opset + ")", e);
        }
    }
}
