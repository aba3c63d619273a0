package io.javagrad.io.onnx;

import io.javagrad.layers.Layer;
import java.util.List;

/**
 * Translates one layer type into ONNX nodes. Register one per layer class name with
 * {@link OnnxExporters#register}; the built-in layers are registered the same way.
 *
 * <pre>{@code
 * OnnxExporters.register("Scale", Scale.class, (ctx, layer, in) ->
 *         ctx.node("Mul", List.of(in.get(0).name(), ctx.scalar("factor", layer.factor()))));
 * }</pre>
 *
 * @param <L> the layer class
 */
@FunctionalInterface
public interface OnnxLayerExporter<L extends Layer> {
    /**
     * Adds the nodes computing {@code layer}'s output from {@code inputs} (inference mode) through {@code ctx},
     * and returns the name of the value holding the output (which may be an input, for identity layers).
     */
    String export(OnnxExportContext ctx, L layer, List<OnnxValue> inputs);
}
