package io.javagrad.core.kernels;

import java.util.Objects;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API GEMM micro-kernels. Load this class only when {@link VectorSupport#enabled()}.
 *
 * <p>With 512-bit vectors (AVX-512, 32 vector registers) the micro-kernel keeps a 8 x (2 vectors) tile of C in 16
 * registers (8 x 32 floats or 8 x 16 doubles). Each step of the depth loop loads one row of the packed B micro-panel
 * as two vectors, broadcasts each of the 8 packed A values of that step in turn, and does 16 fused multiply-adds, so
 * every loaded value is used 2 or 8 times from registers. The tile is loaded from C (or zeroed) once before the loop
 * and stored once after it. A half-width variant (8 x 1 vector) reads A in place for narrow C. With narrower vectors
 * (AVX2, 16 registers) the tile has 6 rows ({@link F32SixRows}). The float and double versions differ only in their
 * types.
 *
 * <p>With 512-bit vectors ({@link #WIDE_VECTORS}) the tile starts from a load of C under a mask that is all set
 * when the kernel accumulates and all clear (giving zeros) when it does not, rather than from a branch between a load
 * and zeros. C2 compiled the branch according to the profile: in a process whose products never accumulated (any
 * product of depth at most {@value #KC}), the float 256 x 256 product ran at 88-90 GFLOPS in 6 processes of 10 and at
 * 102-104 in the others. With the mask, 23 processes of 23 ran at 101-103, and the other shapes did not change.
 *
 * <p>The full-tile kernels check the range of the whole B micro-panel once before the depth loop. The loop's own
 * checks remain, but C2 compiles a faster loop with it: measured (float32, one thread), the in-place {@code rowsTile}
 * ran at 80-85 GFLOPS without it and 90-95 with it in a 64x256x784 product, and the packed {@code tile} 1-3% faster.
 */
final class VectorGemmKernels {
    private static final int MR = 8;
    /**
     * Depth of a packed panel. Measured on AVX-512 (32K L1, 1M L2): 256 to 512 are within noise of each
     * other, 128 is clearly slower; with 384 a B micro-panel is 48K and an A block (192 float or 96
     * double rows) 288K, in either type.
     */
    private static final int KC = 384;
    /**
     * Whether the vectors are 512 bits wide (AVX-512, with 32 registers): the 8-row kernels then, starting each tile
     * from a masked load of C (see the class comment), else the 6-row ones. With 256-bit vectors (AVX2, whose 16
     * registers cannot hold the 8-row tile, the two B vectors and the A value at once; measured with
     * {@code -XX:UseAVX=2}), the masked start had made the float 256 x 256 product 10% slower (53.9-54.7 against
     * 60.3-60.6 GFLOPS, 5 processes each), and a branch between a load and zeros showed no slow processes there.
     */
    private static final boolean WIDE_VECTORS = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

    private VectorGemmKernels() {}

    static GemmKernel forFloat() {
        return WIDE_VECTORS ? new F32() : new F32SixRows();
    }

    static GemmKernel forDouble() {
        return WIDE_VECTORS ? new F64() : new F64SixRows();
    }

    private static final class F32 extends GemmKernel.OfFloat {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int L = S.length();

        F32() {
            super(MR, 2 * L, KC, 24, 2048 / L);
        }

        @Override
        void narrow(int depth, float[] a, int ai, int rowStride, int depthStride, float[] b, float[] c, int ldc,
                    boolean load) {
            FloatVector r0, r1, r2, r3, r4, r5, r6, r7;
            VectorMask<Float> m = S.maskAll(load);
            r0 = FloatVector.fromArray(S, c, 0 * ldc, m); r1 = FloatVector.fromArray(S, c, 1 * ldc, m);
            r2 = FloatVector.fromArray(S, c, 2 * ldc, m); r3 = FloatVector.fromArray(S, c, 3 * ldc, m);
            r4 = FloatVector.fromArray(S, c, 4 * ldc, m); r5 = FloatVector.fromArray(S, c, 5 * ldc, m);
            r6 = FloatVector.fromArray(S, c, 6 * ldc, m); r7 = FloatVector.fromArray(S, c, 7 * ldc, m);
            int o1 = rowStride, o2 = 2 * rowStride, o3 = 3 * rowStride, o4 = 4 * rowStride, o5 = 5 * rowStride,
                    o6 = 6 * rowStride, o7 = 7 * rowStride;
            for (int p = 0; p < depth; p++) {
                int ap = ai + p * depthStride;
                FloatVector bv = FloatVector.fromArray(S, b, p * L);
                r0 = FloatVector.broadcast(S, a[ap]).fma(bv, r0);
                r1 = FloatVector.broadcast(S, a[ap + o1]).fma(bv, r1);
                r2 = FloatVector.broadcast(S, a[ap + o2]).fma(bv, r2);
                r3 = FloatVector.broadcast(S, a[ap + o3]).fma(bv, r3);
                r4 = FloatVector.broadcast(S, a[ap + o4]).fma(bv, r4);
                r5 = FloatVector.broadcast(S, a[ap + o5]).fma(bv, r5);
                r6 = FloatVector.broadcast(S, a[ap + o6]).fma(bv, r6);
                r7 = FloatVector.broadcast(S, a[ap + o7]).fma(bv, r7);
            }
            r0.intoArray(c, 0 * ldc); r1.intoArray(c, 1 * ldc);
            r2.intoArray(c, 2 * ldc); r3.intoArray(c, 3 * ldc);
            r4.intoArray(c, 4 * ldc); r5.intoArray(c, 5 * ldc);
            r6.intoArray(c, 6 * ldc); r7.intoArray(c, 7 * ldc);
        }

        @Override
        void tile(int depth, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc,
                    c7 = c6 + ldc;
            FloatVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51, r60, r61, r70, r71;
            VectorMask<Float> m = S.maskAll(load);
            r00 = FloatVector.fromArray(S, c, c0, m); r01 = FloatVector.fromArray(S, c, c0 + L, m);
            r10 = FloatVector.fromArray(S, c, c1, m); r11 = FloatVector.fromArray(S, c, c1 + L, m);
            r20 = FloatVector.fromArray(S, c, c2, m); r21 = FloatVector.fromArray(S, c, c2 + L, m);
            r30 = FloatVector.fromArray(S, c, c3, m); r31 = FloatVector.fromArray(S, c, c3 + L, m);
            r40 = FloatVector.fromArray(S, c, c4, m); r41 = FloatVector.fromArray(S, c, c4 + L, m);
            r50 = FloatVector.fromArray(S, c, c5, m); r51 = FloatVector.fromArray(S, c, c5 + L, m);
            r60 = FloatVector.fromArray(S, c, c6, m); r61 = FloatVector.fromArray(S, c, c6 + L, m);
            r70 = FloatVector.fromArray(S, c, c7, m); r71 = FloatVector.fromArray(S, c, c7 + L, m);
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p * MR;
                FloatVector b0 = FloatVector.fromArray(S, b, bp);
                FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
                FloatVector av = FloatVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = FloatVector.broadcast(S, a[ap + 1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = FloatVector.broadcast(S, a[ap + 2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = FloatVector.broadcast(S, a[ap + 3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = FloatVector.broadcast(S, a[ap + 4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = FloatVector.broadcast(S, a[ap + 5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
                av = FloatVector.broadcast(S, a[ap + 6]);
                r60 = av.fma(b0, r60); r61 = av.fma(b1, r61);
                av = FloatVector.broadcast(S, a[ap + 7]);
                r70 = av.fma(b0, r70); r71 = av.fma(b1, r71);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
            r60.intoArray(c, c6); r61.intoArray(c, c6 + L); r70.intoArray(c, c7); r71.intoArray(c, c7 + L);
        }

        @Override
        void rowsTile(int depth, float[] a, int ai, int lda, float[] b, int bi, float[] c, int ci, int ldc,
                      boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc,
                    c7 = c6 + ldc;
            FloatVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51, r60, r61, r70, r71;
            VectorMask<Float> m = S.maskAll(load);
            r00 = FloatVector.fromArray(S, c, c0, m); r01 = FloatVector.fromArray(S, c, c0 + L, m);
            r10 = FloatVector.fromArray(S, c, c1, m); r11 = FloatVector.fromArray(S, c, c1 + L, m);
            r20 = FloatVector.fromArray(S, c, c2, m); r21 = FloatVector.fromArray(S, c, c2 + L, m);
            r30 = FloatVector.fromArray(S, c, c3, m); r31 = FloatVector.fromArray(S, c, c3 + L, m);
            r40 = FloatVector.fromArray(S, c, c4, m); r41 = FloatVector.fromArray(S, c, c4 + L, m);
            r50 = FloatVector.fromArray(S, c, c5, m); r51 = FloatVector.fromArray(S, c, c5 + L, m);
            r60 = FloatVector.fromArray(S, c, c6, m); r61 = FloatVector.fromArray(S, c, c6 + L, m);
            r70 = FloatVector.fromArray(S, c, c7, m); r71 = FloatVector.fromArray(S, c, c7 + L, m);
            int o1 = lda, o2 = 2 * lda, o3 = 3 * lda, o4 = 4 * lda, o5 = 5 * lda, o6 = 6 * lda, o7 = 7 * lda;
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p;
                FloatVector b0 = FloatVector.fromArray(S, b, bp);
                FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
                FloatVector av = FloatVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = FloatVector.broadcast(S, a[ap + o1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = FloatVector.broadcast(S, a[ap + o2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = FloatVector.broadcast(S, a[ap + o3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = FloatVector.broadcast(S, a[ap + o4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = FloatVector.broadcast(S, a[ap + o5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
                av = FloatVector.broadcast(S, a[ap + o6]);
                r60 = av.fma(b0, r60); r61 = av.fma(b1, r61);
                av = FloatVector.broadcast(S, a[ap + o7]);
                r70 = av.fma(b0, r70); r71 = av.fma(b1, r71);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
            r60.intoArray(c, c6); r61.intoArray(c, c6 + L); r70.intoArray(c, c7); r71.intoArray(c, c7 + L);
        }
    }

    private static final class F64 extends GemmKernel.OfDouble {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int L = S.length();

        F64() {
            super(MR, 2 * L, KC, 12, 1024 / L);
        }

        @Override
        void narrow(int depth, double[] a, int ai, int rowStride, int depthStride, double[] b, double[] c, int ldc,
                    boolean load) {
            DoubleVector r0, r1, r2, r3, r4, r5, r6, r7;
            VectorMask<Double> m = S.maskAll(load);
            r0 = DoubleVector.fromArray(S, c, 0 * ldc, m); r1 = DoubleVector.fromArray(S, c, 1 * ldc, m);
            r2 = DoubleVector.fromArray(S, c, 2 * ldc, m); r3 = DoubleVector.fromArray(S, c, 3 * ldc, m);
            r4 = DoubleVector.fromArray(S, c, 4 * ldc, m); r5 = DoubleVector.fromArray(S, c, 5 * ldc, m);
            r6 = DoubleVector.fromArray(S, c, 6 * ldc, m); r7 = DoubleVector.fromArray(S, c, 7 * ldc, m);
            int o1 = rowStride, o2 = 2 * rowStride, o3 = 3 * rowStride, o4 = 4 * rowStride, o5 = 5 * rowStride,
                    o6 = 6 * rowStride, o7 = 7 * rowStride;
            for (int p = 0; p < depth; p++) {
                int ap = ai + p * depthStride;
                DoubleVector bv = DoubleVector.fromArray(S, b, p * L);
                r0 = DoubleVector.broadcast(S, a[ap]).fma(bv, r0);
                r1 = DoubleVector.broadcast(S, a[ap + o1]).fma(bv, r1);
                r2 = DoubleVector.broadcast(S, a[ap + o2]).fma(bv, r2);
                r3 = DoubleVector.broadcast(S, a[ap + o3]).fma(bv, r3);
                r4 = DoubleVector.broadcast(S, a[ap + o4]).fma(bv, r4);
                r5 = DoubleVector.broadcast(S, a[ap + o5]).fma(bv, r5);
                r6 = DoubleVector.broadcast(S, a[ap + o6]).fma(bv, r6);
                r7 = DoubleVector.broadcast(S, a[ap + o7]).fma(bv, r7);
            }
            r0.intoArray(c, 0 * ldc); r1.intoArray(c, 1 * ldc);
            r2.intoArray(c, 2 * ldc); r3.intoArray(c, 3 * ldc);
            r4.intoArray(c, 4 * ldc); r5.intoArray(c, 5 * ldc);
            r6.intoArray(c, 6 * ldc); r7.intoArray(c, 7 * ldc);
        }

        @Override
        void tile(int depth, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc, boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc,
                    c7 = c6 + ldc;
            DoubleVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51, r60, r61, r70, r71;
            VectorMask<Double> m = S.maskAll(load);
            r00 = DoubleVector.fromArray(S, c, c0, m); r01 = DoubleVector.fromArray(S, c, c0 + L, m);
            r10 = DoubleVector.fromArray(S, c, c1, m); r11 = DoubleVector.fromArray(S, c, c1 + L, m);
            r20 = DoubleVector.fromArray(S, c, c2, m); r21 = DoubleVector.fromArray(S, c, c2 + L, m);
            r30 = DoubleVector.fromArray(S, c, c3, m); r31 = DoubleVector.fromArray(S, c, c3 + L, m);
            r40 = DoubleVector.fromArray(S, c, c4, m); r41 = DoubleVector.fromArray(S, c, c4 + L, m);
            r50 = DoubleVector.fromArray(S, c, c5, m); r51 = DoubleVector.fromArray(S, c, c5 + L, m);
            r60 = DoubleVector.fromArray(S, c, c6, m); r61 = DoubleVector.fromArray(S, c, c6 + L, m);
            r70 = DoubleVector.fromArray(S, c, c7, m); r71 = DoubleVector.fromArray(S, c, c7 + L, m);
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p * MR;
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                DoubleVector av = DoubleVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = DoubleVector.broadcast(S, a[ap + 1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = DoubleVector.broadcast(S, a[ap + 2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = DoubleVector.broadcast(S, a[ap + 3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = DoubleVector.broadcast(S, a[ap + 4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = DoubleVector.broadcast(S, a[ap + 5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
                av = DoubleVector.broadcast(S, a[ap + 6]);
                r60 = av.fma(b0, r60); r61 = av.fma(b1, r61);
                av = DoubleVector.broadcast(S, a[ap + 7]);
                r70 = av.fma(b0, r70); r71 = av.fma(b1, r71);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
            r60.intoArray(c, c6); r61.intoArray(c, c6 + L); r70.intoArray(c, c7); r71.intoArray(c, c7 + L);
        }

        @Override
        void rowsTile(int depth, double[] a, int ai, int lda, double[] b, int bi, double[] c, int ci, int ldc,
                      boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc, c6 = c5 + ldc,
                    c7 = c6 + ldc;
            DoubleVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51, r60, r61, r70, r71;
            VectorMask<Double> m = S.maskAll(load);
            r00 = DoubleVector.fromArray(S, c, c0, m); r01 = DoubleVector.fromArray(S, c, c0 + L, m);
            r10 = DoubleVector.fromArray(S, c, c1, m); r11 = DoubleVector.fromArray(S, c, c1 + L, m);
            r20 = DoubleVector.fromArray(S, c, c2, m); r21 = DoubleVector.fromArray(S, c, c2 + L, m);
            r30 = DoubleVector.fromArray(S, c, c3, m); r31 = DoubleVector.fromArray(S, c, c3 + L, m);
            r40 = DoubleVector.fromArray(S, c, c4, m); r41 = DoubleVector.fromArray(S, c, c4 + L, m);
            r50 = DoubleVector.fromArray(S, c, c5, m); r51 = DoubleVector.fromArray(S, c, c5 + L, m);
            r60 = DoubleVector.fromArray(S, c, c6, m); r61 = DoubleVector.fromArray(S, c, c6 + L, m);
            r70 = DoubleVector.fromArray(S, c, c7, m); r71 = DoubleVector.fromArray(S, c, c7 + L, m);
            int o1 = lda, o2 = 2 * lda, o3 = 3 * lda, o4 = 4 * lda, o5 = 5 * lda, o6 = 6 * lda, o7 = 7 * lda;
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p;
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                DoubleVector av = DoubleVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = DoubleVector.broadcast(S, a[ap + o1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = DoubleVector.broadcast(S, a[ap + o2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = DoubleVector.broadcast(S, a[ap + o3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = DoubleVector.broadcast(S, a[ap + o4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = DoubleVector.broadcast(S, a[ap + o5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
                av = DoubleVector.broadcast(S, a[ap + o6]);
                r60 = av.fma(b0, r60); r61 = av.fma(b1, r61);
                av = DoubleVector.broadcast(S, a[ap + o7]);
                r70 = av.fma(b0, r70); r71 = av.fma(b1, r71);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
            r60.intoArray(c, c6); r61.intoArray(c, c6 + L); r70.intoArray(c, c7); r71.intoArray(c, c7 + L);
        }
    }

    /**
     * The 6 x (2 vectors) micro-kernels for vectors narrower than 512 bits, whose instruction sets (AVX2) have 16
     * vector registers: 12 accumulators, the two B vectors and the broadcast A value fit, where the 8-row tile spilled.
     * Measured with {@code -XX:UseAVX=2} on the AVX-512 machine of the README (one thread, against the 8-row tile):
     * float32 at N = 256 to 1024, 80-82 GFLOPS against 59-60; float64, 40 against 30; 64x784 by 784x256, 69 against
     * 52 (A^T 66 against 51, B^T 62 against 50); the bench command's mlp, 57,360 against 44,301 samples/s, and its
     * cnn 2,872 against 2,436. The packed tile addresses A at constant offsets from one index: with row and depth
     * strides as arguments, as in {@code rowsTile}, the float32 squares ran at 63-72 GFLOPS.
     */
    private static final class F32SixRows extends GemmKernel.OfFloat {
        private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
        private static final int L = S.length();
        private static final int ROWS = 6;

        F32SixRows() {
            super(ROWS, 2 * L, KC, 32, 2048 / L);
        }

        @Override
        void narrow(int depth, float[] a, int ai, int rowStride, int depthStride, float[] b, float[] c, int ldc,
                    boolean load) {
            FloatVector r0, r1, r2, r3, r4, r5;
            if (load) {
                r0 = FloatVector.fromArray(S, c, 0); r1 = FloatVector.fromArray(S, c, ldc);
                r2 = FloatVector.fromArray(S, c, 2 * ldc); r3 = FloatVector.fromArray(S, c, 3 * ldc);
                r4 = FloatVector.fromArray(S, c, 4 * ldc); r5 = FloatVector.fromArray(S, c, 5 * ldc);
            } else {
                FloatVector z = FloatVector.zero(S);
                r0 = z; r1 = z; r2 = z; r3 = z; r4 = z; r5 = z;
            }
            int o1 = rowStride, o2 = 2 * rowStride, o3 = 3 * rowStride, o4 = 4 * rowStride, o5 = 5 * rowStride;
            for (int p = 0; p < depth; p++) {
                int ap = ai + p * depthStride;
                FloatVector bv = FloatVector.fromArray(S, b, p * L);
                r0 = FloatVector.broadcast(S, a[ap]).fma(bv, r0);
                r1 = FloatVector.broadcast(S, a[ap + o1]).fma(bv, r1);
                r2 = FloatVector.broadcast(S, a[ap + o2]).fma(bv, r2);
                r3 = FloatVector.broadcast(S, a[ap + o3]).fma(bv, r3);
                r4 = FloatVector.broadcast(S, a[ap + o4]).fma(bv, r4);
                r5 = FloatVector.broadcast(S, a[ap + o5]).fma(bv, r5);
            }
            r0.intoArray(c, 0); r1.intoArray(c, ldc); r2.intoArray(c, 2 * ldc);
            r3.intoArray(c, 3 * ldc); r4.intoArray(c, 4 * ldc); r5.intoArray(c, 5 * ldc);
        }

        @Override
        void tile(int depth, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
            FloatVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51;
            if (load) {
                r00 = FloatVector.fromArray(S, c, c0); r01 = FloatVector.fromArray(S, c, c0 + L);
                r10 = FloatVector.fromArray(S, c, c1); r11 = FloatVector.fromArray(S, c, c1 + L);
                r20 = FloatVector.fromArray(S, c, c2); r21 = FloatVector.fromArray(S, c, c2 + L);
                r30 = FloatVector.fromArray(S, c, c3); r31 = FloatVector.fromArray(S, c, c3 + L);
                r40 = FloatVector.fromArray(S, c, c4); r41 = FloatVector.fromArray(S, c, c4 + L);
                r50 = FloatVector.fromArray(S, c, c5); r51 = FloatVector.fromArray(S, c, c5 + L);
            } else {
                FloatVector z = FloatVector.zero(S);
                r00 = z; r01 = z; r10 = z; r11 = z; r20 = z; r21 = z; r30 = z; r31 = z; r40 = z; r41 = z; r50 = z;
                r51 = z;
            }
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p * ROWS;
                FloatVector b0 = FloatVector.fromArray(S, b, bp);
                FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
                FloatVector av = FloatVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = FloatVector.broadcast(S, a[ap + 1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = FloatVector.broadcast(S, a[ap + 2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = FloatVector.broadcast(S, a[ap + 3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = FloatVector.broadcast(S, a[ap + 4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = FloatVector.broadcast(S, a[ap + 5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
        }

        @Override
        void rowsTile(int depth, float[] a, int ai, int lda, float[] b, int bi, float[] c, int ci, int ldc,
                      boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
            FloatVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51;
            if (load) {
                r00 = FloatVector.fromArray(S, c, c0); r01 = FloatVector.fromArray(S, c, c0 + L);
                r10 = FloatVector.fromArray(S, c, c1); r11 = FloatVector.fromArray(S, c, c1 + L);
                r20 = FloatVector.fromArray(S, c, c2); r21 = FloatVector.fromArray(S, c, c2 + L);
                r30 = FloatVector.fromArray(S, c, c3); r31 = FloatVector.fromArray(S, c, c3 + L);
                r40 = FloatVector.fromArray(S, c, c4); r41 = FloatVector.fromArray(S, c, c4 + L);
                r50 = FloatVector.fromArray(S, c, c5); r51 = FloatVector.fromArray(S, c, c5 + L);
            } else {
                FloatVector z = FloatVector.zero(S);
                r00 = z; r01 = z; r10 = z; r11 = z; r20 = z; r21 = z; r30 = z; r31 = z; r40 = z; r41 = z; r50 = z;
                r51 = z;
            }
            int o1 = lda, o2 = 2 * lda, o3 = 3 * lda, o4 = 4 * lda, o5 = 5 * lda;
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p;
                FloatVector b0 = FloatVector.fromArray(S, b, bp);
                FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
                FloatVector av = FloatVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = FloatVector.broadcast(S, a[ap + o1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = FloatVector.broadcast(S, a[ap + o2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = FloatVector.broadcast(S, a[ap + o3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = FloatVector.broadcast(S, a[ap + o4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = FloatVector.broadcast(S, a[ap + o5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
        }
    }

    /** float64 twin of {@link F32SixRows}. */
    private static final class F64SixRows extends GemmKernel.OfDouble {
        private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
        private static final int L = S.length();
        private static final int ROWS = 6;

        F64SixRows() {
            super(ROWS, 2 * L, KC, 16, 1024 / L);
        }

        @Override
        void narrow(int depth, double[] a, int ai, int rowStride, int depthStride, double[] b, double[] c, int ldc,
                    boolean load) {
            DoubleVector r0, r1, r2, r3, r4, r5;
            if (load) {
                r0 = DoubleVector.fromArray(S, c, 0); r1 = DoubleVector.fromArray(S, c, ldc);
                r2 = DoubleVector.fromArray(S, c, 2 * ldc); r3 = DoubleVector.fromArray(S, c, 3 * ldc);
                r4 = DoubleVector.fromArray(S, c, 4 * ldc); r5 = DoubleVector.fromArray(S, c, 5 * ldc);
            } else {
                DoubleVector z = DoubleVector.zero(S);
                r0 = z; r1 = z; r2 = z; r3 = z; r4 = z; r5 = z;
            }
            int o1 = rowStride, o2 = 2 * rowStride, o3 = 3 * rowStride, o4 = 4 * rowStride, o5 = 5 * rowStride;
            for (int p = 0; p < depth; p++) {
                int ap = ai + p * depthStride;
                DoubleVector bv = DoubleVector.fromArray(S, b, p * L);
                r0 = DoubleVector.broadcast(S, a[ap]).fma(bv, r0);
                r1 = DoubleVector.broadcast(S, a[ap + o1]).fma(bv, r1);
                r2 = DoubleVector.broadcast(S, a[ap + o2]).fma(bv, r2);
                r3 = DoubleVector.broadcast(S, a[ap + o3]).fma(bv, r3);
                r4 = DoubleVector.broadcast(S, a[ap + o4]).fma(bv, r4);
                r5 = DoubleVector.broadcast(S, a[ap + o5]).fma(bv, r5);
            }
            r0.intoArray(c, 0); r1.intoArray(c, ldc); r2.intoArray(c, 2 * ldc);
            r3.intoArray(c, 3 * ldc); r4.intoArray(c, 4 * ldc); r5.intoArray(c, 5 * ldc);
        }

        @Override
        void tile(int depth, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc, boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
            DoubleVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51;
            if (load) {
                r00 = DoubleVector.fromArray(S, c, c0); r01 = DoubleVector.fromArray(S, c, c0 + L);
                r10 = DoubleVector.fromArray(S, c, c1); r11 = DoubleVector.fromArray(S, c, c1 + L);
                r20 = DoubleVector.fromArray(S, c, c2); r21 = DoubleVector.fromArray(S, c, c2 + L);
                r30 = DoubleVector.fromArray(S, c, c3); r31 = DoubleVector.fromArray(S, c, c3 + L);
                r40 = DoubleVector.fromArray(S, c, c4); r41 = DoubleVector.fromArray(S, c, c4 + L);
                r50 = DoubleVector.fromArray(S, c, c5); r51 = DoubleVector.fromArray(S, c, c5 + L);
            } else {
                DoubleVector z = DoubleVector.zero(S);
                r00 = z; r01 = z; r10 = z; r11 = z; r20 = z; r21 = z; r30 = z; r31 = z; r40 = z; r41 = z; r50 = z;
                r51 = z;
            }
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p * ROWS;
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                DoubleVector av = DoubleVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = DoubleVector.broadcast(S, a[ap + 1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = DoubleVector.broadcast(S, a[ap + 2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = DoubleVector.broadcast(S, a[ap + 3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = DoubleVector.broadcast(S, a[ap + 4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = DoubleVector.broadcast(S, a[ap + 5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
        }

        @Override
        void rowsTile(int depth, double[] a, int ai, int lda, double[] b, int bi, double[] c, int ci, int ldc,
                      boolean load) {
            int c0 = ci, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc;
            DoubleVector r00, r01, r10, r11, r20, r21, r30, r31, r40, r41, r50, r51;
            if (load) {
                r00 = DoubleVector.fromArray(S, c, c0); r01 = DoubleVector.fromArray(S, c, c0 + L);
                r10 = DoubleVector.fromArray(S, c, c1); r11 = DoubleVector.fromArray(S, c, c1 + L);
                r20 = DoubleVector.fromArray(S, c, c2); r21 = DoubleVector.fromArray(S, c, c2 + L);
                r30 = DoubleVector.fromArray(S, c, c3); r31 = DoubleVector.fromArray(S, c, c3 + L);
                r40 = DoubleVector.fromArray(S, c, c4); r41 = DoubleVector.fromArray(S, c, c4 + L);
                r50 = DoubleVector.fromArray(S, c, c5); r51 = DoubleVector.fromArray(S, c, c5 + L);
            } else {
                DoubleVector z = DoubleVector.zero(S);
                r00 = z; r01 = z; r10 = z; r11 = z; r20 = z; r21 = z; r30 = z; r31 = z; r40 = z; r41 = z; r50 = z;
                r51 = z;
            }
            int o1 = lda, o2 = 2 * lda, o3 = 3 * lda, o4 = 4 * lda, o5 = 5 * lda;
            Objects.checkFromIndexSize(bi, depth * 2 * L, b.length);
            for (int p = 0; p < depth; p++) {
                int bp = bi + p * 2 * L;
                int ap = ai + p;
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                DoubleVector av = DoubleVector.broadcast(S, a[ap]);
                r00 = av.fma(b0, r00); r01 = av.fma(b1, r01);
                av = DoubleVector.broadcast(S, a[ap + o1]);
                r10 = av.fma(b0, r10); r11 = av.fma(b1, r11);
                av = DoubleVector.broadcast(S, a[ap + o2]);
                r20 = av.fma(b0, r20); r21 = av.fma(b1, r21);
                av = DoubleVector.broadcast(S, a[ap + o3]);
                r30 = av.fma(b0, r30); r31 = av.fma(b1, r31);
                av = DoubleVector.broadcast(S, a[ap + o4]);
                r40 = av.fma(b0, r40); r41 = av.fma(b1, r41);
                av = DoubleVector.broadcast(S, a[ap + o5]);
                r50 = av.fma(b0, r50); r51 = av.fma(b1, r51);
            }
            r00.intoArray(c, c0); r01.intoArray(c, c0 + L); r10.intoArray(c, c1); r11.intoArray(c, c1 + L);
            r20.intoArray(c, c2); r21.intoArray(c, c2 + L); r30.intoArray(c, c3); r31.intoArray(c, c3 + L);
            r40.intoArray(c, c4); r41.intoArray(c, c4 + L); r50.intoArray(c, c5); r51.intoArray(c, c5 + L);
        }
    }
}
