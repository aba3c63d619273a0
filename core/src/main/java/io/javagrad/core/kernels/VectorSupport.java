package io.javagrad.core.kernels;

import org.slf4j.LoggerFactory;

/**
 * Whether the kernels may use the JDK Vector API ({@code jdk.incubator.vector}).
 *
 * <p>A class that mentions Vector API types must only be loaded after {@link #enabled()} returned
 * {@code true}; reach it through a method whose declared types are plain Java, as {@link Gemm} does.
 * When the module is absent this class logs once how to turn the fast path on.
 */
public final class VectorSupport {
    private static final boolean ENABLED = detect();

    private VectorSupport() {}

    /** True when the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    public static boolean enabled() {
        return ENABLED;
    }

    private static boolean detect() {
        boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!present) {
            LoggerFactory.getLogger(VectorSupport.class).warn(
                    "Javagrad uses its plain-Java kernels; start the JVM with "
                            + "--add-modules jdk.incubator.vector to turn on the faster Vector API kernels");
        }
        return present;
    }
}
