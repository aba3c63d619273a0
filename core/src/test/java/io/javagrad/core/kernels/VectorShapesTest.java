package io.javagrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels use one vector shape per element type, the preferred one: on JDK 17, once a second float
 * shape runs through the Vector API's shared code, C2 stops compiling vector stores wherever its profile sees both (a
 * GEMM ran at 5 GFLOPS after a 256-bit copy; the cnn trained at 3,850 samples/s against 6,000 after a column sum
 * widened half-size float vectors). This checks every species constant of the kernel classes.
 */
@Tag("kernels")
@Tag("vectors")
class VectorShapesTest {

    @Test
    void everyKernelSpeciesIsThePreferredOneOfItsElementType() throws ReflectiveOperationException {
        assumeTrue(VectorSupport.enabled(), "the Vector API is off in this run");
        PreferredShapes.check();
    }

    /** Mentions Vector API types, so it is loaded only when the Vector API is on. */
    private static final class PreferredShapes {
        static void check() throws ReflectiveOperationException {
            List<Class<?>> kernels = new ArrayList<>(List.of(VectorElementwise.class, VectorCopies.class,
                    VectorPoolKernels.class, VectorGemmKernels.class));
            kernels.addAll(Arrays.asList(VectorGemmKernels.class.getDeclaredClasses()));
            int species = 0;
            for (Class<?> kernel : kernels) {
                for (Field field : kernel.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())
                            && VectorSpecies.class.isAssignableFrom(field.getType())) {
                        field.setAccessible(true);
                        VectorSpecies<?> actual = (VectorSpecies<?>) field.get(null);
                        assertEquals(VectorSpecies.ofPreferred(actual.elementType()), actual,
                                kernel.getSimpleName() + "." + field.getName());
                        species++;
                    }
                }
            }
            assertTrue(species >= 10, "found only " + species + " species constants in " + kernels);
        }
    }
}
