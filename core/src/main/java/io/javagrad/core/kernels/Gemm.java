package io.javagrad.core.kernels;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) * op(B)}, or {@code C += op(A) * op(B)}
 * when {@code accumulate} is set. {@code op(A)} is {@code m x k} and {@code op(B)} is {@code k x n}.
 *
 * <p>Row-major with leading dimensions: element (i, p) of A is {@code a[aOff + i * lda + p]}, or
 * {@code a[aOff + p * lda + i]} when {@code transA} is set (A is then stored as k x m), and likewise for B.
 */
public final class Gemm {
    private Gemm() {}

    /** float32 GEMM; see the class comment for the layout. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c[cOff + i * ldc + j] : 0f;
                for (int p = 0; p < k; p++) {
                    float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }

    /** float64 GEMM; see the class comment for the layout. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    s += av * bv;
                }
                c[cOff + i * ldc + j] = s;
            }
        }
    }
}
