package io.javagrad.io.onnx;

import com.google.protobuf.ByteString;
import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.io.onnx.proto.TensorProto.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Conversions between {@link TensorProto} and Javagrad tensors. Writing uses FLOAT with little-endian
 * {@code raw_data}; reading accepts {@code raw_data} or the typed fields, and checks the declared shape
 * against the data actually present before allocating anything.
 */
public final class OnnxTensors {
    /** Most elements in one tensor (the largest Java array). */
    public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private OnnxTensors() {}

    /** A FLOAT initializer named {@code name}; float64 tensors are narrowed, as ONNX weights are float32. */
    public static TensorProto floatTensor(String name, Tensor value) {
        float[] data = value.toFloatArray();
        ByteBuffer raw = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(raw.array()));
        for (int d : value.shape()) {
            b.addDims(d);
        }
        return b.build();
    }

    /** An INT64 tensor (shapes, axes, indices) of shape {@code dims} holding {@code values}. */
    public static TensorProto int64Tensor(String name, long[] values, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("INT64 tensor '" + name + "': " + values.length + " values for shape "
                    + Arrays.toString(dims));
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(DataType.INT64_VALUE)
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long d : dims) {
            b.addDims(d);
        }
        return b.build();
    }

    /**
     * Checks that {@code t} can be read: stored in the file (not external), a known data type, valid
     * dimensions, and exactly as many values as its shape declares. Returns the shape.
     */
    public static int[] checkedShape(TensorProto t) {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new IllegalArgumentException(what(t) + " keeps its data in an external file, which is not supported");
        }
        if (t.hasSegment()) {
            throw new IllegalArgumentException(what(t) + " is a segment of a larger tensor, which is not supported");
        }
        long count = 1;
        for (long d : t.getDimsList()) {
            if (d < 0 || d > MAX_ELEMENTS) {
                throw new IllegalArgumentException(what(t) + " has an invalid dimension " + d + " in " + t.getDimsList());
            }
            count = count == 0 || d == 0 ? 0 : count * d;
            if (count > MAX_ELEMENTS) {
                throw new IllegalArgumentException(what(t) + " of shape " + t.getDimsList() + " has more than "
                        + MAX_ELEMENTS + " elements");
            }
        }
        long present = t.hasRawData() ? t.getRawData().size() / (long) elementBytes(t) : typedCount(t);
        if ((t.hasRawData() && t.getRawData().size() % elementBytes(t) != 0) || present != count) {
            throw new IllegalArgumentException(what(t) + " of shape " + t.getDimsList() + " declares " + count
                    + " elements but holds " + (t.hasRawData() ? t.getRawData().size() + " bytes of raw data" : present + " values"));
        }
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = (int) t.getDims(i);
        }
        return shape;
    }

    /** A tensor from FLOAT (as FLOAT32), DOUBLE or integer data (as FLOAT64, exact up to 2^53). */
    public static Tensor toTensor(TensorProto t) {
        int[] shape = checkedShape(t);
        DataType type = DataType.forNumber(t.getDataType());
        if (type == DataType.FLOAT) {
            float[] data = new float[Math.toIntExact(count(shape))];
            if (t.hasRawData()) {
                t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = t.getFloatData(i);
                }
            }
            return shape.length == 0 ? Tensor.scalar(DType.FLOAT32, data[0]) : Tensor.of(data, shape);
        }
        double[] data = new double[Math.toIntExact(count(shape))];
        if (type == DataType.DOUBLE) {
            if (t.hasRawData()) {
                t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
            } else {
                for (int i = 0; i < data.length; i++) {
                    data[i] = t.getDoubleData(i);
                }
            }
        } else {
            long[] values = toLongs(t);
            for (int i = 0; i < data.length; i++) {
                data[i] = values[i];
            }
        }
        return shape.length == 0 ? Tensor.scalar(DType.FLOAT64, data[0]) : Tensor.of(data, shape);
    }

    /** The values of an integer or BOOL tensor (shapes, axes, indices). */
    public static long[] toLongs(TensorProto t) {
        int[] shape = checkedShape(t);
        DataType type = DataType.forNumber(t.getDataType());
        if (!isInteger(type)) {
            throw new IllegalArgumentException(what(t) + " has data type " + type + ", expected integers");
        }
        long[] out = new long[Math.toIntExact(count(shape))];
        if (t.hasRawData()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (type) {
                    case INT64, UINT64 -> raw.getLong();
                    case INT32 -> raw.getInt();
                    case UINT32 -> raw.getInt() & 0xFFFFFFFFL;
                    case INT16 -> raw.getShort();
                    case UINT16 -> raw.getShort() & 0xFFFF;
                    case INT8 -> raw.get();
                    default -> raw.get() & 0xFF; // UINT8, BOOL
                };
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (type) {
                    case INT64 -> t.getInt64Data(i);
                    case UINT32, UINT64 -> t.getUint64Data(i);
                    default -> t.getInt32Data(i);
                };
            }
        }
        return out;
    }

    private static boolean isInteger(DataType type) {
        return type == DataType.INT64 || type == DataType.INT32 || type == DataType.INT16 || type == DataType.INT8
                || type == DataType.UINT64 || type == DataType.UINT32 || type == DataType.UINT16
                || type == DataType.UINT8 || type == DataType.BOOL;
    }

    private static int elementBytes(TensorProto t) {
        DataType type = DataType.forNumber(t.getDataType());
        if (type == null) {
            throw new IllegalArgumentException(what(t) + " has the unknown data type " + t.getDataType());
        }
        return switch (type) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64 -> 8;
            case INT16, UINT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> throw new IllegalArgumentException(what(t) + " has the unsupported data type " + type);
        };
    }

    private static long typedCount(TensorProto t) {
        DataType type = DataType.forNumber(t.getDataType());
        elementBytes(t); // rejects unknown and unsupported types
        return switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case UINT32, UINT64 -> t.getUint64DataCount();
            default -> t.getInt32DataCount();
        };
    }

    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static String what(TensorProto t) {
        return "tensor '" + t.getName() + "'";
    }
}
