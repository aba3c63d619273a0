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
}
