/** Javagrad file formats: HDF5 (Keras-compatible), ONNX and JSON. */
module io.javagrad.io {
    requires transitive io.javagrad.layers;
    requires java.desktop;
    requires org.knowm.xchart;

    exports io.javagrad.io.plot;
}
