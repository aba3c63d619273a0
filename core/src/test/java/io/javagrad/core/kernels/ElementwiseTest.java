package io.javagrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernels")
class ElementwiseTest {

    @Test
    void fastTanhIsAccurateFarBeyondFloatPrecision() {
        Random random = new Random(3);
        int floatMismatches = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = random.nextGaussian() * Math.pow(10, random.nextInt(7) - 4);
            double exact = Math.tanh(x);
            double fast = Elementwise.tanh(x);
            assertTrue(Math.abs(fast - exact) <= 1e-14 * Math.abs(exact), "tanh(" + x + ") = " + fast + ", exact " + exact);
            floatMismatches += (float) fast == (float) exact ? 0 : 1;
        }
        assertTrue(floatMismatches < 20, floatMismatches + " float roundings differ from Math.tanh");
    }

    @Test
    void fastTanhEdgeValues() {
        assertEquals(0.0, Elementwise.tanh(0.0));
        assertEquals(-0.0, Elementwise.tanh(-0.0));
        assertEquals(1.0, Elementwise.tanh(800));
        assertEquals(-1.0, Elementwise.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Elementwise.tanh(Double.NaN)));
        assertEquals(Math.tanh(0x1p-5), Elementwise.tanh(0x1p-5), 1e-14 * 0x1p-5);
        assertEquals(Math.tanh(0x1p-5 - 1e-12), Elementwise.tanh(0x1p-5 - 1e-12), 1e-14 * 0x1p-5);
    }

    @Test
    void comparisonsWithAScalarMatchTheGenericOpInBothTypes() {
        float[] xf = {-1f, -0f, 0f, 0.1f, 0.5f, 1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 2f};
        double[] xd = new double[xf.length];
        for (int i = 0; i < xf.length; i++) {
            xd[i] = xf[i];
        }
        double[] constants = {0.0, -0.0, 0.5, 0.1, (float) 0.1, Double.NaN, Double.POSITIVE_INFINITY};
        Elementwise.Binary[] comparisons = {Elementwise.Binary.GT, Elementwise.Binary.GE, Elementwise.Binary.LT,
                Elementwise.Binary.LE, Elementwise.Binary.EQ, Elementwise.Binary.NE};
        for (Elementwise.Binary op : comparisons) {
            for (double c : constants) {
                float[] outF = new float[xf.length + 1];
                double[] outD = new double[xd.length + 1];
                Elementwise.withScalar(op, xf, 0, 1, c, outF, 1, xf.length);
                Elementwise.withScalar(op, xd, 0, 1, c, outD, 1, xd.length);
                for (int i = 0; i < xf.length; i++) {
                    String what = op + "(" + xf[i] + ", " + c + ")";
                    assertEquals((float) op.apply(xf[i], c), outF[i + 1], what);
                    assertEquals(op.apply(xd[i], c), outD[i + 1], what);
                }
            }
        }
    }

    @Test
    void reluLoopsMatchTheGenericOpBitForBitInBothTypes() {
        float[] special = {-1f, -0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 0.1f, Float.NaN, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, 3f};
        Random random = new Random(5);
        for (int n : new int[] {1, 15, 16, 17, 64, 77}) {
            float[] xf = new float[n + 3];
            float[] gf = new float[n + 2];
            for (int i = 0; i < xf.length; i++) {
                xf[i] = i % 4 == 0 ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
            }
            for (int i = 0; i < gf.length; i++) {
                gf[i] = i % 5 == 0 ? special[random.nextInt(special.length)] : (float) random.nextGaussian();
            }
            double[] xd = toDouble(xf);
            double[] gd = toDouble(gf);
            float[] reluF = new float[n + 1];
            double[] reluD = new double[n + 1];
            Elementwise.unary(Elementwise.Unary.RELU, xf, 3, 1, reluF, 1, n);
            Elementwise.unary(Elementwise.Unary.RELU, xd, 3, 1, reluD, 1, n);
            float[] backF = new float[n];
            double[] backD = new double[n];
            Elementwise.binary(Elementwise.Binary.RELU_BACKWARD, gf, 2, 1, xf, 3, 1, backF, 0, n);
            Elementwise.binary(Elementwise.Binary.RELU_BACKWARD, gd, 2, 1, xd, 3, 1, backD, 0, n);
            for (int i = 0; i < n; i++) {
                String what = "n=" + n + ", element " + i + ": x=" + xf[i + 3] + ", g=" + gf[i + 2];
                assertEquals(Float.floatToRawIntBits((float) Elementwise.Unary.RELU.apply(xf[i + 3])),
                        Float.floatToRawIntBits(reluF[i + 1]), what);
                assertEquals(Double.doubleToRawLongBits(Elementwise.Unary.RELU.apply(xd[i + 3])),
                        Double.doubleToRawLongBits(reluD[i + 1]), what);
                assertEquals(Float.floatToRawIntBits((float) Elementwise.Binary.RELU_BACKWARD.apply(gf[i + 2], xf[i + 3])),
                        Float.floatToRawIntBits(backF[i]), what);
                assertEquals(Double.doubleToRawLongBits(Elementwise.Binary.RELU_BACKWARD.apply(gd[i + 2], xd[i + 3])),
                        Double.doubleToRawLongBits(backD[i]), what);
            }
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }
}
