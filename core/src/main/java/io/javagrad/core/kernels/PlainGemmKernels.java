package io.javagrad.core.kernels;

/**
 * Plain-Java GEMM micro-kernels, used when the Vector API is not available: a 4 x 4 tile of C held in
 * 16 local accumulators, updated with {@link Math#fma} once per step of the depth loop (4 loads of A,
 * 4 loads of B, 16 fused multiply-adds). The float and double versions differ only in their types.
 */
final class PlainGemmKernels {
    private static final int MR = 4;
    private static final int NR = 4;
    private static final int KC = 256;

    private PlainGemmKernels() {}

    static GemmKernel forFloat() {
        return new F32();
    }

    static GemmKernel forDouble() {
        return new F64();
    }

    private static final class F32 extends GemmKernel.OfFloat {
        F32() {
            super(MR, NR, KC, 32, 256);
        }

        @Override
        void tile(int depth, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc, boolean load) {
            int c0 = ci, c1 = ci + ldc, c2 = ci + 2 * ldc, c3 = ci + 3 * ldc;
            float s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            float s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
            if (load) {
                s00 = c[c0]; s01 = c[c0 + 1]; s02 = c[c0 + 2]; s03 = c[c0 + 3];
                s10 = c[c1]; s11 = c[c1 + 1]; s12 = c[c1 + 2]; s13 = c[c1 + 3];
                s20 = c[c2]; s21 = c[c2 + 1]; s22 = c[c2 + 2]; s23 = c[c2 + 3];
                s30 = c[c3]; s31 = c[c3 + 1]; s32 = c[c3 + 2]; s33 = c[c3 + 3];
            }
            for (int p = 0; p < depth; p++, ai += MR, bi += NR) {
                float a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3];
                float b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
                s00 = Math.fma(a0, b0, s00); s01 = Math.fma(a0, b1, s01);
                s02 = Math.fma(a0, b2, s02); s03 = Math.fma(a0, b3, s03);
                s10 = Math.fma(a1, b0, s10); s11 = Math.fma(a1, b1, s11);
                s12 = Math.fma(a1, b2, s12); s13 = Math.fma(a1, b3, s13);
                s20 = Math.fma(a2, b0, s20); s21 = Math.fma(a2, b1, s21);
                s22 = Math.fma(a2, b2, s22); s23 = Math.fma(a2, b3, s23);
                s30 = Math.fma(a3, b0, s30); s31 = Math.fma(a3, b1, s31);
                s32 = Math.fma(a3, b2, s32); s33 = Math.fma(a3, b3, s33);
            }
            c[c0] = s00; c[c0 + 1] = s01; c[c0 + 2] = s02; c[c0 + 3] = s03;
            c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
            c[c2] = s20; c[c2 + 1] = s21; c[c2 + 2] = s22; c[c2 + 3] = s23;
            c[c3] = s30; c[c3 + 1] = s31; c[c3 + 2] = s32; c[c3 + 3] = s33;
        }
    }

    private static final class F64 extends GemmKernel.OfDouble {
        F64() {
            super(MR, NR, KC, 32, 128);
        }

        @Override
        void tile(int depth, double[] a, int ai, double[] b, int bi, double[] c, int ci, int ldc, boolean load) {
            int c0 = ci, c1 = ci + ldc, c2 = ci + 2 * ldc, c3 = ci + 3 * ldc;
            double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
            double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
            if (load) {
                s00 = c[c0]; s01 = c[c0 + 1]; s02 = c[c0 + 2]; s03 = c[c0 + 3];
                s10 = c[c1]; s11 = c[c1 + 1]; s12 = c[c1 + 2]; s13 = c[c1 + 3];
                s20 = c[c2]; s21 = c[c2 + 1]; s22 = c[c2 + 2]; s23 = c[c2 + 3];
                s30 = c[c3]; s31 = c[c3 + 1]; s32 = c[c3 + 2]; s33 = c[c3 + 3];
            }
            for (int p = 0; p < depth; p++, ai += MR, bi += NR) {
                double a0 = a[ai], a1 = a[ai + 1], a2 = a[ai + 2], a3 = a[ai + 3];
                double b0 = b[bi], b1 = b[bi + 1], b2 = b[bi + 2], b3 = b[bi + 3];
                s00 = Math.fma(a0, b0, s00); s01 = Math.fma(a0, b1, s01);
                s02 = Math.fma(a0, b2, s02); s03 = Math.fma(a0, b3, s03);
                s10 = Math.fma(a1, b0, s10); s11 = Math.fma(a1, b1, s11);
                s12 = Math.fma(a1, b2, s12); s13 = Math.fma(a1, b3, s13);
                s20 = Math.fma(a2, b0, s20); s21 = Math.fma(a2, b1, s21);
                s22 = Math.fma(a2, b2, s22); s23 = Math.fma(a2, b3, s23);
                s30 = Math.fma(a3, b0, s30); s31 = Math.fma(a3, b1, s31);
                s32 = Math.fma(a3, b2, s32); s33 = Math.fma(a3, b3, s33);
            }
            c[c0] = s00; c[c0 + 1] = s01; c[c0 + 2] = s02; c[c0 + 3] = s03;
            c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
            c[c2] = s20; c[c2 + 1] = s21; c[c2 + 2] = s22; c[c2 + 3] = s23;
            c[c3] = s30; c[c3 + 1] = s31; c[c3 + 2] = s32; c[c3 + 3] = s33;
        }
    }
}
