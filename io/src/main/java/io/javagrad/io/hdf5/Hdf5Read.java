package io.javagrad.io.hdf5;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.Json;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.message.DataLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Typed, size-checked reads from HDF5 nodes opened with jhdf. Every size declared in the file is checked
 * against {@link #MAX_ELEMENTS} and the file's own size before anything is allocated. Strings may be stored
 * variable-length (h5py 3) or fixed-length and NULL-padded (h5py 2); both read the same.
 */
public final class Hdf5Read {
    /** Most elements read from one dataset or attribute (the largest Java array). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    /** How much larger than the whole file compressed data may decode to (deflate reaches about 1032). */
    static final long MAX_EXPANSION = 1100;

    private Hdf5Read() {}

    /** The string attribute {@code name} of {@code node}, or {@code null} when absent. */
    public static String string(Node node, String name) throws IOException {
        Attribute a = node.getAttributes().get(name);
        if (a == null) {
            return null;
        }
        List<String> values = stringValues(a, node);
        if (values.size() != 1) {
            throw new IOException("attribute '" + name + "' of '" + node.getPath() + "' holds " + values.size()
                    + " strings, expected one");
        }
        return values.get(0);
    }

    /**
     * The string list attribute {@code name} of {@code node}; lists too long for one attribute are read from
     * the chunks {@code name0}, {@code name1}, ... as Keras splits them. Absent or empty gives an empty list.
     */
    public static List<String> strings(Node node, String name) throws IOException {
        var attributes = node.getAttributes();
        if (attributes.containsKey(name)) {
            return stringValues(attributes.get(name), node);
        }
        List<String> out = new ArrayList<>();
        for (int chunk = 0; attributes.containsKey(name + chunk); chunk++) {
            out.addAll(stringValues(attributes.get(name + chunk), node));
        }
        return out;
    }

    /**
     * The JSON value stored as the string attribute {@code name} of {@code group}, or, when too large for an
     * attribute, as a string dataset of that name; {@code null} when neither exists.
     */
    public static Object json(Group group, String name) throws IOException {
        String text = string(group, name);
        if (text == null) {
            Node child = group.getChildren().get(name);
            if (child == null) {
                return null;
            }
            text = stringDataset(child);
        }
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("'" + name + "' of '" + group.getPath() + "' is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** The child of {@code group} at the relative {@code path} ('/'-separated); an error when missing. */
    public static Node node(Group group, String path) throws IOException {
        Node node = group;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Node child = node instanceof Group g ? g.getChildren().get(part) : null;
            if (child == null) {
                throw new IOException("'" + group.getPath() + "' has no '" + path + "'");
            }
            node = child;
        }
        return node;
    }

    /** The group at the relative {@code path}; an error when missing or not a group. */
    public static Group group(Group parent, String path) throws IOException {
        if (node(parent, path) instanceof Group g) {
            return g;
        }
        throw new IOException("'" + parent.getPath() + path + "' is not a group");
    }

    /**
     * A numeric dataset as a tensor: float32 data as FLOAT32, everything else (float64 and integers) as
     * FLOAT64. Shape and size are checked before the data is read.
     */
    public static Tensor tensor(Dataset dataset) throws IOException {
        Class<?> type = primitive(dataset.getJavaType());
        if (!type.isPrimitive() || type == boolean.class || type == char.class) {
            throw new IOException("dataset '" + dataset.getPath() + "' holds " + type.getSimpleName()
                    + " values, expected numbers");
        }
        int[] shape = checkedShape(dataset);
        DType dtype = type == float.class ? DType.FLOAT32 : DType.FLOAT64;
        if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
            return Tensor.zeros(dtype, shape);
        }
        Object flat = dataset.getDataFlat();
        if (flat instanceof float[] f) {
            return shape.length == 0 ? Tensor.scalar(dtype, f[0]) : Tensor.of(f, shape);
        }
        double[] d = toDoubles(flat, dataset);
        return shape.length == 0 ? Tensor.scalar(dtype, d[0]) : Tensor.of(d, shape);
    }

    /**
     * The shape of {@code dataset} after checking that it can be read: no negative or over-large dimension,
     * at most {@link #MAX_ELEMENTS} elements, and no more bytes than the file can hold (uncompressed data
     * cannot be larger than the file, compressed data no more than {@link #MAX_EXPANSION} times larger).
     */
    public static int[] checkedShape(Dataset dataset) throws IOException {
        DataLayout layout = dataset.getDataLayout();
        if (layout != DataLayout.CONTIGUOUS && layout != DataLayout.COMPACT && layout != DataLayout.CHUNKED) {
            throw new IOException("dataset '" + dataset.getPath() + "' has the unsupported layout " + layout);
        }
        long fileSize = dataset.getHdfFile().size();
        long maxBytes = layout == DataLayout.CHUNKED ? fileSize * MAX_EXPANSION : fileSize;
        return checkedShape("dataset '" + dataset.getPath() + "'", dataset.getDimensionsAsLong(),
                dataset.getDataType().getSize(), maxBytes);
    }

    private static int[] checkedShape(String what, long[] dims, long elementSize, long maxBytes) throws IOException {
        long count = 1;
        for (long d : dims) {
            if (d < 0 || d > MAX_ELEMENTS) {
                throw new IOException(what + " has an invalid dimension " + d + " in " + Arrays.toString(dims));
            }
            count = count == 0 || d == 0 ? 0 : multiply(what, dims, count, d);
        }
        if (count > MAX_ELEMENTS) {
            throw new IOException(what + " of shape " + Arrays.toString(dims) + " has " + count
                    + " elements, more than the limit of " + MAX_ELEMENTS);
        }
        if (elementSize <= 0 || count * elementSize > maxBytes) {
            throw new IOException(what + " of shape " + Arrays.toString(dims) + " declares " + count + " elements of "
                    + elementSize + " bytes, more than the file can hold");
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = (int) dims[i];
        }
        return shape;
    }

    private static long multiply(String what, long[] dims, long a, long b) throws IOException {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new IOException(what + " of shape " + Arrays.toString(dims) + " has too many elements");
        }
    }

    private static List<String> stringValues(Attribute a, Node node) throws IOException {
        String what = "attribute '" + a.getName() + "' of '" + node.getPath() + "'";
        long[] dims = a.getDimensionsAsLong();
        if (dims.length > 1) {
            throw new IOException(what + " has shape " + Arrays.toString(dims) + ", expected a string or a list");
        }
        // Attribute data lives in the object header, so each element takes at least a byte of the file.
        checkedShape(what, dims, 1, node.getHdfFile().size());
        if (a.getSize() == 0) {
            return List.of(); // h5py writes empty lists as float arrays of size 0
        }
        return strings(what, a.getData());
    }

    private static String stringDataset(Node node) throws IOException {
        if (!(node instanceof Dataset ds) || ds.getJavaType() != String.class) {
            throw new IOException("'" + node.getPath() + "' is not a string dataset");
        }
        int[] shape = checkedShape(ds);
        if (shape.length > 1 || (shape.length == 1 && shape[0] != 1)) {
            throw new IOException("'" + node.getPath() + "' has shape " + Arrays.toString(shape) + ", expected one string");
        }
        List<String> values = strings("dataset '" + node.getPath() + "'", ds.getData());
        return values.get(0);
    }

    private static List<String> strings(String what, Object data) throws IOException {
        if (data instanceof String s) {
            return List.of(stripNulls(s));
        }
        if (data instanceof String[] array) {
            List<String> out = new ArrayList<>(array.length);
            for (String s : array) {
                out.add(stripNulls(s));
            }
            return out;
        }
        throw new IOException(what + " holds " + (data == null ? "nothing" : data.getClass().getSimpleName())
                + ", expected strings");
    }

    /** Fixed-length strings are padded with NULs up to their declared length. */
    private static String stripNulls(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\0') {
            end--;
        }
        return s.substring(0, end);
    }

    /** jhdf reports the boxed type for scalar datasets. */
    private static Class<?> primitive(Class<?> type) {
        return type == Float.class ? float.class : type == Double.class ? double.class : type == Long.class ? long.class
                : type == Integer.class ? int.class : type == Short.class ? short.class : type == Byte.class ? byte.class : type;
    }

    private static double[] toDoubles(Object flat, Dataset dataset) throws IOException {
        if (flat instanceof double[] d) {
            return d;
        }
        int n = java.lang.reflect.Array.getLength(flat);
        double[] out = new double[n];
        if (flat instanceof long[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (flat instanceof int[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (flat instanceof short[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else if (flat instanceof byte[] v) {
            for (int i = 0; i < n; i++) {
                out[i] = v[i];
            }
        } else {
            throw new IOException("dataset '" + dataset.getPath() + "' returned " + flat.getClass().getSimpleName());
        }
        return out;
    }
}
