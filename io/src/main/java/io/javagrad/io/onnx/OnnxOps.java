package io.javagrad.io.onnx;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** The ONNX ops of the default domain that the importer runs, by op type. */
final class OnnxOps {
    private static final Map<String, Function<OnnxNode, OnnxKernel>> OPS = new TreeMap<>();

    static {
        OnnxMathOps.register(OPS);
        OnnxNnOps.register(OPS);
        OnnxShapeOps.register(OPS);
    }

    private OnnxOps() {}

    /** The supported op types, sorted. */
    static Set<String> supported() {
        return Collections.unmodifiableSet(OPS.keySet());
    }

    /** Whether {@code opType} is supported. */
    static boolean isSupported(String opType) {
        return OPS.containsKey(opType);
    }

    /** Reads and checks the node's attributes now; the kernel computes its output later. */
    static OnnxKernel compile(OnnxNode node) {
        return OPS.get(node.opType()).apply(node);
    }
}
