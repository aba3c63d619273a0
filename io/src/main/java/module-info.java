/**
 * Javagrad file formats: HDF5 (Keras-compatible), ONNX and JSON.
 *
 * <p>jhdf and protobuf-java are automatic modules ({@code io.jhdf}, {@code com.google.protobuf}). The
 * generated ONNX classes are opened to protobuf, whose reflective field access needs it.
 */
module io.javagrad.io {
    requires transitive io.javagrad.layers;
    requires io.jhdf;
    requires com.google.protobuf;

    exports io.javagrad.io;
    exports io.javagrad.io.onnx;
    exports io.javagrad.io.onnx.proto;

    opens io.javagrad.io.onnx.proto to com.google.protobuf;
}
