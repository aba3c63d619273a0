package io.javagrad.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.augment.AffineAugmentation;
import io.javagrad.layers.augment.FillMode;
import io.javagrad.layers.augment.Interpolation;
import io.javagrad.layers.augment.Range;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AugmentationLayersTest {

    private static Tensor images(DType dtype) {
        return Tensor.uniform(new Rng(1), DType.FLOAT64, 0.2, 0.8, 4, 2, 8, 8).to(dtype);
    }

    private static List<RandomImageLayer> everyLayer() {
        return List.of(new RandomFlip("horizontal"),
                new RandomRotation(0.1).fillMode(FillMode.REFLECT),
                new RandomZoom(-0.2, 0.1, -0.1, 0.3).interpolation(Interpolation.NEAREST),
                new RandomTranslation(0.2, 0.3).fillMode(FillMode.CONSTANT).fillValue(0.5),
                new RandomBrightness(-0.2, 0.2, 0, 1),
                new RandomContrast(0.3, 0.4, 0, 1),
                new RandomAffine(AffineAugmentation.builder().rotationDegrees(-15, 15).zoom(-0.1, 0.1)
                        .shift(-0.1, 0.1, -0.2, 0.2).flips(true, true).fillMode(FillMode.WRAP).build()));
    }

    @Test
    void everyLayerIsRegisteredUnderItsKerasClassName() {
        assertTrue(LayerRegistry.classNames().containsAll(List.of("RandomFlip", "RandomRotation", "RandomZoom",
                "RandomTranslation", "RandomBrightness", "RandomContrast", "RandomAffine")));
    }

    @Test
    void atInferenceEveryLayerIsTheIdentity() {
        Tensor x = images(DType.FLOAT32);
        for (RandomImageLayer layer : everyLayer()) {
            assertSame(x, layer.call(x, false), layer.className());
        }
    }

    @Test
    void inTrainingEachLayerAppliesItsAugmentationWithItsSeededGenerator() {
        Tensor x = images(DType.FLOAT32);
        for (RandomImageLayer layer : everyLayer()) {
            layer.setSeed(77);
            float[] trained = layer.call(x, true).toFloatArray();
            assertArrayEquals(layer.augmentation().apply(x, new Rng(77)).toFloatArray(), trained, layer.className());
            assertFalse(Arrays.equals(x.toFloatArray(), trained), layer.className());
            layer.setSeed(77);
            assertArrayEquals(trained, layer.call(x, true).toFloatArray(), layer.className());
            assertFalse(Arrays.equals(trained, layer.call(x, true).toFloatArray()), layer.className() + " drew anew");
        }
    }

    @Test
    void zeroFactorsGiveTheInputBackExactly() {
        Tensor x = images(DType.FLOAT64);
        List<RandomImageLayer> identities = List.of(new RandomRotation(0), new RandomZoom(0),
                new RandomTranslation(0, 0), new RandomBrightness(0), new RandomContrast(0),
                new RandomAffine(AffineAugmentation.builder().build()));
        for (RandomImageLayer layer : identities) {
            assertArrayEquals(x.toDoubleArray(), layer.call(x, true).toDoubleArray(), 0, layer.className());
        }
    }

    @Test
    void aQuarterTurnRotatesCounterClockwise() {
        Tensor x = Tensor.arange(DType.FLOAT32, 0, 9, 1).reshape(1, 1, 3, 3);
        Tensor y = new RandomRotation(0.25, 0.25).call(x, true);
        assertArrayEquals(new float[] {2, 5, 8, 1, 4, 7, 0, 3, 6}, y.toFloatArray());
    }

    @Test
    void wholePixelTranslationsMoveTheContent() {
        Tensor x = Tensor.arange(DType.FLOAT32, 1, 10, 1).reshape(1, 1, 3, 3);
        Tensor y = new RandomTranslation(-1 / 3.0, -1 / 3.0, 1 / 3.0, 1 / 3.0).call(x, true);
        assertArrayEquals(new float[] {0, 4, 5, 0, 7, 8, 0, 0, 0}, y.toFloatArray());
    }

    @Test
    void flipsMirrorWholeImages() {
        Tensor x = Tensor.arange(DType.FLOAT32, 0, 6, 1).reshape(1, 1, 2, 3).expand(8, 1, 2, 3);
        Tensor y = new RandomFlip("horizontal_and_vertical").call(x, true);
        List<float[]> allowed = List.of(new float[] {0, 1, 2, 3, 4, 5}, new float[] {2, 1, 0, 5, 4, 3},
                new float[] {3, 4, 5, 0, 1, 2}, new float[] {5, 4, 3, 2, 1, 0});
        for (int i = 0; i < 8; i++) {
            float[] image = y.select(0, i).toFloatArray();
            assertTrue(allowed.stream().anyMatch(a -> Arrays.equals(a, image)), Arrays.toString(image));
        }
    }

    @Test
    void brightnessAndContrastWorkInTheValueRange() {
        Tensor x = images(DType.FLOAT64);
        Tensor brighter = new RandomBrightness(0.5, 0.5, 0, 2).call(x, true);
        assertArrayEquals(x.add(1).toDoubleArray(), brighter.toDoubleArray(), 1e-12);
        Tensor contrasted = new RandomContrast(0.5, 0.5, -10, 10).call(x, true);
        int[] spatial = {2, 3};
        Tensor ratio = contrasted.std(spatial, false).div(x.std(spatial, false));
        assertTrue(ratio.amin(new int[] {0, 1}, false).item() >= 0.5, ratio.toString());
        assertTrue(ratio.amax(new int[] {0, 1}, false).item() <= 1.5, ratio.toString());
        assertArrayEquals(x.mean(spatial, false).toDoubleArray(), contrasted.mean(spatial, false).toDoubleArray(), 1e-12);
    }

    @Test
    void configsRoundTripThroughTheRegistry() {
        Tensor x = images(DType.FLOAT64);
        for (RandomImageLayer layer : everyLayer()) {
            Layer copy = LayerChecks.assertConfigRoundTrip(layer, x);
            layer.setSeed(5);
            copy.setSeed(5);
            assertArrayEquals(layer.call(x, true).toDoubleArray(), copy.call(x, true).toDoubleArray(), 0,
                    layer.className());
        }
    }

    @Test
    void kerasConfigsWithSingleFactorsAndDefaultsAreRead() {
        Map<String, Object> rotation = new HashMap<>(Map.of("factor", 0.2, "fill_mode", "reflect"));
        RandomRotation r = (RandomRotation) LayerRegistry.create("RandomRotation", rotation);
        assertEquals(Range.of("t", "t", -0.2, 0.2), r.factor());
        assertEquals(FillMode.REFLECT, r.augmentation().fillMode());
        RandomZoom z = (RandomZoom) LayerRegistry.create("RandomZoom", Map.of("height_factor", List.of(-0.3, 0.1)));
        assertEquals(null, z.widthFactor());
        assertEquals(Interpolation.BILINEAR, z.augmentation().interpolation());
        RandomContrast c = (RandomContrast) LayerRegistry.create("RandomContrast", Map.of("factor", 0.2));
        assertEquals(List.of(0.2, 0.2), c.getConfig().get("factor"));
        assertEquals(List.of(0.0, 255.0), c.getConfig().get("value_range"));
        assertEquals("horizontal_and_vertical", ((RandomFlip) LayerRegistry.create("RandomFlip", Map.of())).mode());
    }

    private static void assertRefused(String expectedStart, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(expectedStart), ex.getMessage());
    }

    @Test
    void badArgumentsAreRefusedNamingTheLayer() {
        assertRefused("RandomRotation: factor must be a finite number >= 0", () -> new RandomRotation(-0.1));
        assertRefused("RandomRotation: factor must be a finite range with lower <= upper",
                () -> new RandomRotation(0.2, 0.1));
        assertRefused("RandomZoom: height_factor must lie in [-1.0, 1.0]", () -> new RandomZoom(1.5));
        assertRefused("RandomZoom: width_factor must lie in [-1.0, 1.0]", () -> new RandomZoom(0, 0, -2, 0));
        assertRefused("RandomTranslation: width_factor must lie in [-1.0, 1.0]", () -> new RandomTranslation(0.1, 1.2));
        assertRefused("RandomTranslation: height_factor must be a finite number >= 0",
                () -> new RandomTranslation(-0.1, 0.2));
        assertRefused("RandomFlip: mode must be", () -> new RandomFlip("diagonal"));
        assertRefused("RandomBrightness: factor must lie in [-1.0, 1.0]", () -> new RandomBrightness(1.5));
        assertRefused("RandomBrightness: value_range", () -> new RandomBrightness(-0.1, 0.1, 1, 0));
        assertRefused("RandomContrast: factor needs lower in [0, 1]", () -> new RandomContrast(-0.1));
        assertRefused("RandomContrast: factor needs lower in [0, 1]", () -> new RandomContrast(1.2, 0.1, 0, 1));
        assertRefused("RandomRotation config: unknown fill_mode \"mirror\"", () -> LayerRegistry.create("RandomRotation",
                Map.of("factor", 0.1, "fill_mode", "mirror")));
        assertRefused("RandomZoom config: data_format must be \"channels_first\"", () -> LayerRegistry.create(
                "RandomZoom", Map.of("height_factor", 0.1, "data_format", "channels_last")));
        assertRefused("RandomFlip 'flip': expected a rank-4 input",
                () -> new RandomFlip().setName("flip").call(Tensor.zeros(2, 3, 4), true));
    }

    @Test
    void gradientsFlowThroughToTheInputInTraining() {
        Tensor x = images(DType.FLOAT64);
        for (RandomImageLayer layer : everyLayer()) {
            LayerChecks.assertLayerGradients(layer, true, () -> layer.setSeed(3), x);
        }
    }
}
