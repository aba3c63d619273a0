/** Javagrad file formats: HDF5 (Keras-compatible), ONNX and JSON. */
module io.javagrad.io {
    requires transitive io.javagrad.layers;
}
