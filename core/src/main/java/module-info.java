/**
 * Javagrad core: n-dimensional tensors of float32 and float64, reverse-mode automatic
 * differentiation on a dynamic graph, and numerical gradient checking.
 */
module io.javagrad.core {
    requires static jdk.incubator.vector;
    requires org.slf4j;
    requires commons.math3;

    exports io.javagrad.core;
}
