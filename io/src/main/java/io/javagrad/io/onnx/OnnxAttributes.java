package io.javagrad.io.onnx;

import com.google.protobuf.ByteString;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.AttributeProto.AttributeType;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.TensorProto;

/** Building node attributes, and reading them by name with a check of their type. */
public final class OnnxAttributes {
    private OnnxAttributes() {}

    /** An INT attribute. */
    public static AttributeProto ofInt(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    /** A FLOAT attribute. */
    public static AttributeProto ofFloat(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF((float) value).build();
    }

    /** A STRING attribute (UTF-8). */
    public static AttributeProto ofString(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING).setS(ByteString.copyFromUtf8(value)).build();
    }

    /** An INTS attribute. */
    public static AttributeProto ofInts(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    /** A FLOATS attribute. */
    public static AttributeProto ofFloats(String name, float... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS);
        for (float v : values) {
            b.addFloats(v);
        }
        return b.build();
    }

    /** A TENSOR attribute (the {@code value} of a {@code Constant} node). */
    public static AttributeProto ofTensor(String name, TensorProto value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR).setT(value).build();
    }

    /** The attribute {@code name} of {@code node}, or {@code null}. */
    public static AttributeProto find(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** An INT attribute, or {@code fallback} when absent. */
    public static long getInt(NodeProto node, String name, long fallback) {
        AttributeProto a = typed(node, name, AttributeType.INT);
        return a == null ? fallback : a.getI();
    }

    /** A FLOAT attribute, or {@code fallback} when absent. */
    public static float getFloat(NodeProto node, String name, float fallback) {
        AttributeProto a = typed(node, name, AttributeType.FLOAT);
        return a == null ? fallback : a.getF();
    }

    /** A STRING attribute decoded as UTF-8, or {@code fallback} when absent. */
    public static String getString(NodeProto node, String name, String fallback) {
        AttributeProto a = typed(node, name, AttributeType.STRING);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** An INTS attribute, or {@code fallback} when absent. */
    public static long[] getInts(NodeProto node, String name, long[] fallback) {
        AttributeProto a = typed(node, name, AttributeType.INTS);
        return a == null ? fallback : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
    }

    /** A FLOATS attribute, or {@code fallback} when absent. */
    public static float[] getFloats(NodeProto node, String name, float[] fallback) {
        AttributeProto a = typed(node, name, AttributeType.FLOATS);
        if (a == null) {
            return fallback;
        }
        float[] out = new float[a.getFloatsCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.getFloats(i);
        }
        return out;
    }

    /** A required TENSOR attribute. */
    public static TensorProto getTensor(NodeProto node, String name) {
        AttributeProto a = typed(node, name, AttributeType.TENSOR);
        if (a == null) {
            throw new IllegalArgumentException(describe(node) + ": missing attribute '" + name + "'");
        }
        return a.getT();
    }

    /** The type of {@code a}; files from before IR version 2 leave it unset, so it is then read off the value. */
    public static AttributeType typeOf(AttributeProto a) {
        if (a.hasType() && a.getType() != AttributeType.UNDEFINED) {
            return a.getType();
        }
        if (a.getIntsCount() > 0) {
            return AttributeType.INTS;
        } else if (a.getFloatsCount() > 0) {
            return AttributeType.FLOATS;
        } else if (a.getStringsCount() > 0) {
            return AttributeType.STRINGS;
        } else if (a.hasT()) {
            return AttributeType.TENSOR;
        } else if (a.hasG()) {
            return AttributeType.GRAPH;
        } else if (a.hasS()) {
            return AttributeType.STRING;
        } else if (a.hasF()) {
            return AttributeType.FLOAT;
        } else if (a.hasI()) {
            return AttributeType.INT;
        }
        return AttributeType.UNDEFINED;
    }

    /** A short description of a node for messages: op type, name and domain. */
    public static String describe(NodeProto node) {
        return node.getOpType() + " node '" + node.getName() + "'"
                + (node.getDomain().isEmpty() ? "" : " (domain '" + node.getDomain() + "')");
    }

    private static AttributeProto typed(NodeProto node, String name, AttributeType expected) {
        AttributeProto a = find(node, name);
        if (a != null && typeOf(a) != expected) {
            throw new IllegalArgumentException(describe(node) + ": attribute '" + name + "' is " + typeOf(a)
                    + ", expected " + expected);
        }
        return a;
    }
}
