package io.javagrad.io.onnx;

import io.javagrad.layers.Layer;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ONNX exporters of layer types, keyed by {@link Layer#className()} like the {@code LayerRegistry} that
 * rebuilds layers from configs. The library's layers are registered on first use; users add their own layer
 * types with {@link #register}.
 */
public final class OnnxExporters {
    private static final Map<String, Entry<?>> EXPORTERS = new ConcurrentHashMap<>();

    static {
        BuiltinOnnxExporters.registerAll();
    }

    private OnnxExporters() {}

    private record Entry<L extends Layer>(Class<L> type, OnnxLayerExporter<L> exporter) {
        String export(OnnxExportContext ctx, Layer layer, java.util.List<OnnxValue> inputs) {
            return exporter.export(ctx, type.cast(layer), inputs);
        }
    }

    /**
     * Registers (or replaces) the exporter of layers whose {@link Layer#className()} is {@code className};
     * they must be instances of {@code type}.
     */
    public static <L extends Layer> void register(String className, Class<L> type, OnnxLayerExporter<L> exporter) {
        EXPORTERS.put(className, new Entry<>(type, exporter));
    }

    /** Whether an exporter is registered for {@code className}. */
    public static boolean isRegistered(String className) {
        return EXPORTERS.containsKey(className);
    }

    /** The class names that can be exported, sorted. */
    public static Set<String> classNames() {
        return new TreeSet<>(EXPORTERS.keySet());
    }

    /** Runs the exporter of {@code layer}'s class; an error names the layer and its class when there is none. */
    static String export(OnnxExportContext ctx, Layer layer, java.util.List<OnnxValue> inputs) {
        Entry<?> entry = EXPORTERS.get(layer.className());
        if (entry == null) {
            throw new IllegalArgumentException("ONNX export: layer '" + layer.name() + "' of class " + layer.className()
                    + " (" + layer.getClass().getName() + ") has no ONNX exporter; register one with"
                    + " OnnxExporters.register. Exportable classes: " + classNames());
        }
        if (!entry.type().isInstance(layer)) {
            throw new IllegalArgumentException("ONNX export: layer '" + layer.name() + "' has class name "
                    + layer.className() + ", whose exporter handles " + entry.type().getName() + ", but it is a "
                    + layer.getClass().getName());
        }
        return entry.export(ctx, layer, inputs);
    }
}
