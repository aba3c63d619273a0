package io.javagrad.layers.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import java.util.Arrays;
import org.joml.Matrix3x2d;
import org.junit.jupiter.api.Test;

class AffineAugmentationTest {

    /** Images whose pixels are all different: value = 1 + flat index. */
    static Tensor numbered(DType dtype, int... shape) {
        return Tensor.arange(DType.FLOAT64, 1, 1 + Arrays.stream(shape).reduce(1, (a, b) -> a * b), 1)
                .reshape(shape).to(dtype);
    }

    /** {@code t} with axis {@code axis} in reverse order. */
    static Tensor reversed(Tensor t, int axis) {
        int n = t.shape(axis);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = n - 1 - i;
        }
        return t.indexSelect(axis, order);
    }

    private static double[] row(AffineAugmentation aug, double... values) {
        return aug.apply(Tensor.of(values, 1, 1, 1, values.length), new Rng(1)).toDoubleArray();
    }

    @Test
    void identitySettingsGiveTheInputBackExactly() {
        AffineAugmentation identity = AffineAugmentation.builder().build();
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.randn(new Rng(3), DType.FLOAT64, 2, 3, 5, 7).to(dtype);
            Tensor y = identity.apply(x, new Rng(4));
            assertEquals(dtype, y.dtype());
            assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0);
        }
        Matrix3x2d m = identity.sample(new Rng(5), 5, 7);
        assertTrue(m.equals(new Matrix3x2d(), 0), m.toString());
    }

    @Test
    void aQuarterTurnOfASquareImageMovesTheTopRightCornerToTheTopLeft() {
        AffineAugmentation turn = AffineAugmentation.builder().rotationDegrees(90, 90).build();
        Tensor x = numbered(DType.FLOAT32, 2, 2, 4, 4);
        Tensor y = turn.apply(x, new Rng(1));
        // counter-clockwise as seen on screen: out[y][x] = in[x][w - 1 - y]
        Tensor expected = reversed(x.transpose(2, 3), 2);
        assertArrayEquals(expected.toFloatArray(), y.toFloatArray());
        Tensor y64 = turn.apply(x.to(DType.FLOAT64), new Rng(1));
        assertArrayEquals(expected.toDoubleArray(), y64.toDoubleArray(), 1e-12);
    }

    @Test
    void wholePixelShiftsMoveTheContentAndFillTheRest() {
        // 1 pixel down (0.25 of 4 rows), 2 pixels left (-0.4 of 5 columns)
        AffineAugmentation shift = AffineAugmentation.builder().shift(0.25, 0.25, -0.4, -0.4).build();
        Tensor x = numbered(DType.FLOAT64, 1, 1, 4, 5);
        Tensor y = shift.apply(x, new Rng(1));
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 5; c++) {
                double expected = r >= 1 && c + 2 < 5 ? x.get(0, 0, r - 1, c + 2) : 0;
                assertEquals(expected, y.get(0, 0, r, c), 0, "pixel " + r + ", " + c);
            }
        }
    }

    @Test
    void flipsMirrorSomeImagesExactlyAndLeaveTheOthers() {
        Tensor one = numbered(DType.FLOAT32, 1, 2, 3, 4);
        Tensor x = one.expand(16, 2, 3, 4);
        Tensor y = AffineAugmentation.builder().flips(true, false).build().apply(x, new Rng(9));
        Tensor mirrored = reversed(one, 3);
        int flipped = 0;
        for (int i = 0; i < 16; i++) {
            float[] image = y.slice(0, i, i + 1).toFloatArray();
            if (Arrays.equals(image, mirrored.toFloatArray())) {
                flipped++;
            } else {
                assertArrayEquals(one.toFloatArray(), image, "image " + i);
            }
        }
        assertTrue(flipped > 0 && flipped < 16, flipped + " of 16 flipped");
        Tensor upsideDown = AffineAugmentation.builder().flips(false, true).build().apply(one.expand(16, 2, 3, 4), new Rng(9));
        Tensor expectedFlip = reversed(one, 2);
        boolean any = false;
        for (int i = 0; i < 16; i++) {
            any |= Arrays.equals(upsideDown.slice(0, i, i + 1).toFloatArray(), expectedFlip.toFloatArray());
        }
        assertTrue(any);
    }

    @Test
    void zoomingOutByOneSamplesEveryOtherPixelAboutTheCentre() {
        AffineAugmentation zoomOut = AffineAugmentation.builder().zoom(0, 0, 1, 1).build();
        assertArrayEquals(new double[] {0, 1, 3, 5, 0}, row(zoomOut, 1, 2, 3, 4, 5), 0);
    }

    @Test
    void bilinearSamplingBetweenPixelsAveragesNeighbours() {
        AffineAugmentation halfPixel = AffineAugmentation.builder().shift(0, 0, 0.125, 0.125).build();
        assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, row(halfPixel, 1, 2, 3, 4), 0);
        AffineAugmentation nearest = AffineAugmentation.builder().shift(0, 0, 0.1875, 0.1875)
                .interpolation(Interpolation.NEAREST).build();
        assertArrayEquals(new double[] {0, 1, 2, 3}, row(nearest, 1, 2, 3, 4), 0);
    }

    @Test
    void fillModesResolvePixelsFromOutsideTheImage() {
        AffineAugmentation.Builder twoRight = AffineAugmentation.builder().shift(0, 0, 0.5, 0.5);
        assertArrayEquals(new double[] {7, 7, 1, 2}, row(twoRight.fillValue(7).build(), 1, 2, 3, 4), 0);
        assertArrayEquals(new double[] {1, 1, 1, 2}, row(twoRight.fillMode(FillMode.NEAREST).build(), 1, 2, 3, 4), 0);
        assertArrayEquals(new double[] {2, 1, 1, 2}, row(twoRight.fillMode(FillMode.REFLECT).build(), 1, 2, 3, 4), 0);
        assertArrayEquals(new double[] {3, 4, 1, 2}, row(twoRight.fillMode(FillMode.WRAP).build(), 1, 2, 3, 4), 0);
        AffineAugmentation farLeft = AffineAugmentation.builder().shift(0, 0, -1, -1).fillMode(FillMode.REFLECT).build();
        assertArrayEquals(new double[] {3, 2, 1}, row(farLeft, 1, 2, 3), 0);
    }

    private static AffineAugmentation everything(FillMode fillMode) {
        return AffineAugmentation.builder().rotationDegrees(-30, 30).zoom(-0.2, 0.3, -0.3, 0.2)
                .shift(-0.2, 0.2, -0.2, 0.2).flips(true, true).fillMode(fillMode).fillValue(0.5).build();
    }

    @Test
    void theSameGeneratorStateGivesBitIdenticalImages() {
        Tensor x = Tensor.rand(new Rng(2), DType.FLOAT32, 8, 3, 9, 7);
        AffineAugmentation aug = everything(FillMode.CONSTANT);
        float[] a = aug.apply(x, new Rng(42)).toFloatArray();
        assertArrayEquals(a, aug.apply(x, new Rng(42)).toFloatArray());
        assertFalse(Arrays.equals(a, aug.apply(x, new Rng(43)).toFloatArray()));
        assertFalse(Arrays.equals(a, x.toFloatArray()));
    }

    @Test
    void gradientsFlowToTheImagesThroughTheAdjoint() {
        for (FillMode mode : FillMode.values()) {
            AffineAugmentation aug = everything(mode);
            Tensor x = Tensor.randn(new Rng(5), DType.FLOAT64, 3, 2, 5, 4);
            GradCheck.assertGradients(in -> aug.apply(in[0], new Rng(11)), x.requiresGrad(true));
        }
        AffineAugmentation nearest = everything(FillMode.REFLECT).toBuilder().interpolation(Interpolation.NEAREST).build();
        GradCheck.assertGradients(in -> nearest.apply(in[0], new Rng(11)),
                Tensor.randn(new Rng(6), DType.FLOAT64, 2, 1, 4, 6).requiresGrad(true));
    }

    @Test
    void gradientsOfGradientsAndNonContiguousInputsWork() {
        AffineAugmentation aug = everything(FillMode.WRAP);
        Tensor base = Tensor.randn(new Rng(7), DType.FLOAT64, 2, 3, 6, 5).requiresGrad(true);
        GradCheck.assertGradients(in -> aug.apply(in[0].transpose(2, 3), new Rng(12)), base);
        GradCheck.assertGradGrad(in -> aug.apply(in[0], new Rng(12)).square(), base);
    }

    @Test
    void badInputsAndSettingsAreRefusedByName() {
        AffineAugmentation aug = AffineAugmentation.builder().build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> aug.apply(Tensor.zeros(2, 3, 4), new Rng(1)));
        assertTrue(e.getMessage().contains("AffineAugmentation") && e.getMessage().contains("[2, 3, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AffineAugmentation.builder().zoom(-0.5, 1.5));
        assertTrue(e.getMessage().contains("AffineAugmentation: zoom must lie in [-1.0, 1.0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AffineAugmentation.builder().rotationDegrees(10, -10));
        assertTrue(e.getMessage().contains("lower <= upper"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AffineAugmentation.builder().fillValue(Double.NaN));
    }
}
