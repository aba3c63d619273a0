package io.javagrad.layers;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Maps Keras class names to factories that rebuild a layer from its config. Loaders use only this registry:
 * no class is ever instantiated from a name read from a file. Users register their own layer types here.
 */
public final class LayerRegistry {
    private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = new ConcurrentHashMap<>();

    private LayerRegistry() {}

    /** Registers (or replaces) the factory for {@code className}. */
    public static void register(String className, Function<Map<String, Object>, Layer> factory) {
        FACTORIES.put(className, factory);
    }

    /** Whether a factory is known for {@code className}. */
    public static boolean isRegistered(String className) {
        BuiltinLayers.ensureRegistered();
        return FACTORIES.containsKey(className);
    }

    /** The registered class names, sorted. */
    public static Set<String> classNames() {
        BuiltinLayers.ensureRegistered();
        return new TreeSet<>(FACTORIES.keySet());
    }

    /** Rebuilds a layer of {@code className} from {@code config}; unknown names are an error listing the known ones. */
    public static Layer create(String className, Map<String, Object> config) {
        BuiltinLayers.ensureRegistered();
        Function<Map<String, Object>, Layer> f = FACTORIES.get(className);
        if (f == null) {
            throw new IllegalArgumentException("unknown layer class '" + className + "'; known: " + classNames()
                    + ". Register custom layers with LayerRegistry.register");
        }
        return f.apply(config);
    }
}
