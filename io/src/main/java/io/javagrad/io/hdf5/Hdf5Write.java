package io.javagrad.io.hdf5;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.Json;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes through jhdf while avoiding its pitfalls: names never contain '/' (nested groups are created one by
 * one), empty arrays are never written, and no attribute exceeds {@link #MAX_ATTRIBUTE_BYTES} (jhdf writes an
 * unreadable file past about 58 KB): long string lists are split into {@code name0}, {@code name1}, ... as
 * Keras does, and large JSON goes to a dataset.
 */
public final class Hdf5Write {
    /** Largest attribute written, safely below jhdf's limit for one object header message. */
    public static final int MAX_ATTRIBUTE_BYTES = 48 * 1024;

    private Hdf5Write() {}

    /** The group at the '/'-separated relative {@code path} under {@code parent}, creating the missing ones. */
    public static WritableGroup groups(WritableGroup parent, String path) {
        WritableGroup group = parent;
        for (String part : path.split("/", -1)) {
            checkName(part, path);
            Node child = group.getChild(part);
            if (child == null) {
                group = group.putGroup(part);
            } else if (child instanceof WritableGroup g) {
                group = g;
            } else {
                throw new IllegalArgumentException("HDF5: '" + part + "' in '" + path + "' exists and is not a group");
            }
        }
        return group;
    }

    /** Writes {@code tensor} as a float (FLOAT32) or double (FLOAT64) dataset at the relative {@code path}. */
    public static void tensor(WritableGroup parent, String path, Tensor tensor) {
        int slash = path.lastIndexOf('/');
        WritableGroup group = slash < 0 ? parent : groups(parent, path.substring(0, slash));
        String name = path.substring(slash + 1);
        checkName(name, path);
        int[] shape = tensor.shape();
        if (tensor.numel() == 0) {
            throw new IllegalArgumentException("HDF5: cannot write the empty tensor '" + path + "' of shape "
                    + Arrays.toString(shape) + " (jhdf writes no empty datasets)");
        }
        boolean isFloat = tensor.dtype() == DType.FLOAT32;
        Object flat = isFloat ? tensor.toFloatArray() : tensor.toDoubleArray();
        Object data = shape.length == 0 ? Array.get(flat, 0) : nest(flat, shape);
        group.putDataset(name, data);
    }

    /**
     * Writes {@code values} as the string list attribute {@code name}, split into {@code name0},
     * {@code name1}, ... when larger than {@link #MAX_ATTRIBUTE_BYTES}; nothing is written for an empty list.
     */
    public static void strings(WritableNode node, String name, List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        List<String> chunk = new ArrayList<>();
        int longest = 0;
        for (String v : values) {
            int bytes = v.getBytes(StandardCharsets.UTF_8).length + 1;
            if (bytes > MAX_ATTRIBUTE_BYTES) {
                throw new IllegalArgumentException("HDF5: the string of " + bytes + " bytes in attribute '" + name
                        + "' is too long for an attribute");
            }
            if ((long) Math.max(longest, bytes) * (chunk.size() + 1) > MAX_ATTRIBUTE_BYTES) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                longest = 0;
            }
            chunk.add(v);
            longest = Math.max(longest, bytes);
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        if (chunks.size() == 1) {
            node.putAttribute(name, chunks.get(0).toArray(new String[0]));
        } else {
            for (int i = 0; i < chunks.size(); i++) {
                node.putAttribute(name + i, chunks.get(i).toArray(new String[0]));
            }
        }
    }

    /** Writes the string attribute {@code name}; it must fit in {@link #MAX_ATTRIBUTE_BYTES}. */
    public static void string(WritableNode node, String name, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ATTRIBUTE_BYTES) {
            throw new IllegalArgumentException("HDF5: attribute '" + name + "' of " + bytes + " bytes is too large");
        }
        node.putAttribute(name, value);
    }

    /**
     * Writes {@code value} as JSON text: the string attribute {@code name} when it fits in
     * {@link #MAX_ATTRIBUTE_BYTES}, otherwise a string dataset {@code name} (which {@link Hdf5Read#json} reads
     * back; Keras itself only looks at the attribute).
     */
    public static void json(WritableGroup group, String name, Object value) {
        String text = Json.write(value);
        if (text.getBytes(StandardCharsets.UTF_8).length <= MAX_ATTRIBUTE_BYTES) {
            group.putAttribute(name, text);
        } else {
            checkName(name, name);
            group.putDataset(name, text);
        }
    }

    /** A nested Java array of {@code shape} (what jhdf takes for a dataset) holding {@code flat}. */
    private static Object nest(Object flat, int[] shape) {
        Object nested = Array.newInstance(flat.getClass().getComponentType(), shape);
        fill(nested, flat, shape.length, 0);
        return nested;
    }

    private static int fill(Object array, Object flat, int rank, int offset) {
        int n = Array.getLength(array);
        if (rank == 1) {
            System.arraycopy(flat, offset, array, 0, n);
            return offset + n;
        }
        for (int i = 0; i < n; i++) {
            offset = fill(Array.get(array, i), flat, rank - 1, offset);
        }
        return offset;
    }

    private static void checkName(String name, String path) {
        if (name.isEmpty() || name.equals(".") || name.contains("/")) {
            throw new IllegalArgumentException("HDF5: invalid name '" + name + "' in path '" + path + "'");
        }
    }
}
