package io.javagrad.io.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HistogramBinsTest {

    @Test
    void countsValuesIntoEqualWidthBinsWithTheMaximumInTheLastBin() {
        HistogramBins h = HistogramBins.of(new double[] {0, 1, 1.99, 2, 5, 9.5, 10, 3, 4.5}, 5);
        assertArrayEquals(new long[] {3, 2, 2, 0, 2}, h.counts());
        assertEquals(0, h.edge(0));
        assertEquals(2, h.edge(1));
        assertEquals(10, h.edge(5));
        assertEquals(0, h.skipped());
    }

    @Test
    void leavesOutNonFiniteValuesAndCountsThem() {
        HistogramBins h = HistogramBins.of(new double[] {-1, Double.NaN, 1, Double.POSITIVE_INFINITY, 0}, 2);
        assertArrayEquals(new long[] {1, 2}, h.counts());
        assertEquals(2, h.skipped());
        assertEquals(-1, h.edge(0));
        assertEquals(1, h.edge(2));
    }

    @Test
    void equalValuesGetAUnitRangeAroundThem() {
        HistogramBins h = HistogramBins.of(new double[] {3, 3, 3}, 4);
        assertEquals(2.5, h.edge(0));
        assertEquals(3.5, h.edge(4));
        assertArrayEquals(new long[] {0, 0, 3, 0}, h.counts());
    }

    @Test
    void rejectsNoValuesAndNoBins() {
        assertThrows(IllegalArgumentException.class, () -> HistogramBins.of(new double[0], 3));
        assertThrows(IllegalArgumentException.class, () -> HistogramBins.of(new double[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> HistogramBins.of(new double[] {1}, 2).edge(3));
    }
}
