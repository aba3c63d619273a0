package io.javagrad.core.kernels;

import java.util.Arrays;

/**
 * General matrix multiply on row-major arrays: {@code C = op(A) * op(B)}, or {@code C += op(A) * op(B)}
 * when {@code accumulate} is set. {@code op(A)} is {@code m x k} and {@code op(B)} is {@code k x n}.
 *
 * <p>Row-major with leading dimensions: element (i, p) of A is {@code a[aOff + i * lda + p]}, or
 * {@code a[aOff + p * lda + i]} when {@code transA} is set (A is then stored as k x m), and likewise for B.
 * C must not overlap A or B.
 *
 * <p>Each element of C is computed as one chain of fused multiply-adds over {@code p = 0 .. k-1} in
 * order, starting from the old value of C when accumulating and from zero otherwise; except that a product
 * much deeper than wide (A and B not transposed, {@code m <= n}, {@code k >= max(256, 2n)}) is the sum of two
 * such chains, over the first {@code k / 2} (from the old C or zero) and over the rest (from zero), so that
 * threads can share its depth. Which products are split depends on the shape alone, so the result is the
 * same, bit for bit, whatever the thread count, the problem size path taken below, and whether the Vector
 * API is enabled.
 *
 * <p>Small problems run a direct loop; larger ones a packed, cache-blocked algorithm
 * ({@link BlockedGemm}) with a Vector API micro-kernel when {@link VectorSupport#enabled()}, else a
 * plain-Java one, on {@link ParallelFor}'s threads above its work threshold.
 */
public final class Gemm {
    /**
     * Up to this many multiply-adds ({@code m * n * k}) the direct loop is used; measured, packing
     * already pays off from about 8 x 8 x 8.
     */
    static final long DIRECT_MAX_WORK = 256;

    private Gemm() {}

    /** float32 GEMM; see the class comment for the layout. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        checkArguments(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k <= DIRECT_MAX_WORK) {
            direct(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            BlockedGemm.gemm(Kernels.F32, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
                    c, cOff, ldc, accumulate);
        }
    }

    /** float64 GEMM; see the class comment for the layout. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                            double[] c, int cOff, int ldc, boolean accumulate) {
        checkArguments(transA, transB, m, n, k, a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if ((long) m * n * k <= DIRECT_MAX_WORK) {
            direct(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
        } else {
            BlockedGemm.gemm(Kernels.F64, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
                    c, cOff, ldc, accumulate);
        }
    }

    /** Direct loop for small problems: row i of C accumulates row p of op(B) scaled by A(i, p). */
    private static void direct(boolean transA, boolean transB, int m, int n, int k,
                               float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                               float[] c, int cOff, int ldc, boolean accumulate) {
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0f);
            }
            for (int p = 0; p < k; p++) {
                float av = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * bRow;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(av, b[bp + j * bCol], c[ci + j]);
                }
            }
        }
    }

    /** float64 twin of the float32 direct loop above. */
    private static void direct(boolean transA, boolean transB, int m, int n, int k,
                               double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                               double[] c, int cOff, int ldc, boolean accumulate) {
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0.0);
            }
            for (int p = 0; p < k; p++) {
                double av = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * bRow;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(av, b[bp + j * bCol], c[ci + j]);
                }
            }
        }
    }

    private static void checkArguments(boolean transA, boolean transB, int m, int n, int k,
                                       int aLength, int aOff, int lda, int bLength, int bOff, int ldb,
                                       int cLength, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm: negative size m=" + m + ", n=" + n + ", k=" + k);
        }
        checkMatrix("A", transA ? k : m, transA ? m : k, aLength, aOff, lda, m, n, k);
        checkMatrix("B", transB ? n : k, transB ? k : n, bLength, bOff, ldb, m, n, k);
        checkMatrix("C", m, n, cLength, cOff, ldc, m, n, k);
    }

    /** Checks that a stored {@code rows x cols} matrix with leading dimension {@code ld} fits its array. */
    private static void checkMatrix(String name, int rows, int cols, int length, int off, int ld,
                                    int m, int n, int k) {
        String problem = null;
        if (off < 0) {
            problem = "negative offset " + off;
        } else if (ld < Math.max(1, cols)) {
            problem = "leading dimension " + ld + " < " + cols + " columns";
        } else if (rows > 0 && cols > 0 && off + (long) (rows - 1) * ld + cols > length) {
            problem = "needs " + (off + (long) (rows - 1) * ld + cols) + " elements, array has " + length;
        }
        if (problem != null) {
            throw new IllegalArgumentException("gemm (m=" + m + ", n=" + n + ", k=" + k + "): " + name
                    + " stored as " + rows + "x" + cols + ": " + problem);
        }
    }

    /**
     * The micro-kernels, chosen once. Declared types are plain Java, so the Vector API class is only
     * loaded when {@link VectorSupport#enabled()} is true.
     */
    private static final class Kernels {
        static final GemmKernel F32 = VectorSupport.enabled()
                ? VectorGemmKernels.forFloat() : PlainGemmKernels.forFloat();
        static final GemmKernel F64 = VectorSupport.enabled()
                ? VectorGemmKernels.forDouble() : PlainGemmKernels.forDouble();
    }
}
