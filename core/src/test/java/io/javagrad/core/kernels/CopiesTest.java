package io.javagrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernels")
class CopiesTest {
    private static final float SENTINEL = -7f;

    /** Every length from 1 to past two 512-bit vectors, with no slack, some, and more than a vector's. */
    @Test
    void copiesTheRunAndWritesNothingOutsideTheSlack() {
        for (int length = 1; length <= 40; length++) {
            for (int slack : new int[] {0, 3, 20}) {
                for (int srcRoom : new int[] {0, 20}) {
                    float[] src = new float[5 + length + srcRoom];
                    for (int i = 0; i < src.length; i++) {
                        src[i] = i + 1;
                    }
                    float[] dst = new float[2 + length + slack + 4];
                    java.util.Arrays.fill(dst, SENTINEL);
                    int limit = 2 + length + slack;
                    Copies.run(src, 5, dst, 2, length, limit);
                    String what = "length " + length + ", slack " + slack + ", source room " + srcRoom;
                    for (int i = 0; i < length; i++) {
                        assertEquals(src[5 + i], dst[2 + i], what);
                    }
                    assertEquals(SENTINEL, dst[0], what);
                    assertEquals(SENTINEL, dst[1], what);
                    for (int i = limit; i < dst.length; i++) {
                        assertEquals(SENTINEL, dst[i], what + ", index " + i);
                    }
                }
            }
        }
    }

    @Test
    void doublesCopyTheRunAndWriteNothingOutsideTheSlack() {
        for (int length = 1; length <= 24; length++) {
            for (int slack : new int[] {0, 3, 10}) {
                double[] src = new double[3 + length + 10];
                for (int i = 0; i < src.length; i++) {
                    src[i] = i + 0.5;
                }
                double[] dst = new double[1 + length + slack + 3];
                java.util.Arrays.fill(dst, SENTINEL);
                int limit = 1 + length + slack;
                Copies.run(src, 3, dst, 1, length, limit);
                String what = "length " + length + ", slack " + slack;
                for (int i = 0; i < length; i++) {
                    assertEquals(src[3 + i], dst[1 + i], what);
                }
                assertEquals(SENTINEL, dst[0], what);
                for (int i = limit; i < dst.length; i++) {
                    assertEquals(SENTINEL, dst[i], what + ", index " + i);
                }
            }
        }
    }
}
