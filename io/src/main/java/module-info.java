/**
 * Javagrad file formats: HDF5 (Keras-compatible), ONNX and JSON.
 *
 * <p>jhdf, protobuf-java and XChart are automatic modules ({@code io.jhdf}, {@code com.google.protobuf},
 * {@code org.knowm.xchart}). Protobuf is required transitively: the exported ONNX classes extend its messages. The
 * generated ONNX classes are opened to protobuf, whose reflective field access needs it.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.javagrad.io {
    requires transitive io.javagrad.layers;
    requires io.jhdf;
    requires transitive com.google.protobuf;

    requires java.desktop;
    requires org.knowm.xchart;

    exports io.javagrad.io;
    exports io.javagrad.io.keras;
    exports io.javagrad.io.onnx;
    exports io.javagrad.io.onnx.proto;
    exports io.javagrad.io.plot;

    opens io.javagrad.io.onnx.proto to com.google.protobuf;
}
