package io.javagrad.core;

import io.javagrad.core.kernels.Gemm;
import java.util.Arrays;

/**
 * Matrix product with NumPy semantics. 1-d operands are promoted to matrices and the added axis removed
 * again; batch axes broadcast. Transposed views are passed to the GEMM kernel as they are, without a copy.
 */
final class MatMul {
    private MatMul() {}

    private static final int[] NO_BATCH = {};

    static Tensor matmul(Tensor a, Tensor b) {
        a.checkSameDtype("matmul", b);
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul: operands must have rank >= 1, got shapes "
                    + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + " (use mul for scalars)");
        }
        if (a.rank() == 1 && b.rank() == 1) {
            return matmul(a.unsqueeze(0), b.unsqueeze(1)).reshape();
        }
        if (a.rank() == 1) {
            return matmul(a.unsqueeze(0), b).squeeze(-2);
        }
        if (b.rank() == 1) {
            return matmul(a, b.unsqueeze(1)).squeeze(-1);
        }
        return batched(a, b, null);
    }

    /**
     * {@code a b} for matrices, written into {@code out} (contiguous, of the product's shape and dtype, not
     * overlapping either operand), whose old values are ignored; unrecorded. For a backward that reuses a buffer.
     */
    static Tensor matmulInto(Tensor a, Tensor b, Tensor out) {
        if (a.rank() != 2 || b.rank() != 2 || !out.isContiguous() || out.offset != 0 || out.dtype() != a.dtype()
                || !Arrays.equals(out.shape, new int[] {a.shape[0], b.shape[1]})) {
            throw new IllegalArgumentException("matmulInto: " + Shapes.str(a.shape) + " @ " + Shapes.str(b.shape)
                    + " into " + out.dtype() + Shapes.str(out.shape));
        }
        return batched(a, b, out);
    }

    // d(A B) = G B^T dA + A^T G dB, summed over broadcast batch axes
    /** The product into {@code into} (of the right shape; see {@link #matmulInto}), or a new tensor when null. */
    private static Tensor batched(Tensor a, Tensor b, Tensor into) {
        int m = a.shape[a.rank() - 2];
        int k = a.shape[a.rank() - 1];
        int k2 = b.shape[b.rank() - 2];
        int n = b.shape[b.rank() - 1];
        if (k != k2) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + Shapes.str(a.shape) + " @ "
                    + Shapes.str(b.shape) + " (" + k + " vs " + k2 + ")");
        }
        int[] batch = a.rank() == 2 && b.rank() == 2 ? NO_BATCH : batchShape(a, b);
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = into != null ? into : Tensor.uninitialized(a.dtype(), outShape);
        Tensor ma = gemmReady(a);
        Tensor mb = gemmReady(b);
        int[] aBatchOffsets = batchOffsets(ma, batch);
        int[] bBatchOffsets = batchOffsets(mb, batch);
        boolean transA = isTransposed(ma);
        boolean transB = isTransposed(mb);
        int lda = leadingDim(ma, transA);
        int ldb = leadingDim(mb, transB);
        for (int i = 0; i < aBatchOffsets.length; i++) {
            gemm(transA, transB, m, n, k, ma, aBatchOffsets[i], lda, mb, bBatchOffsets[i], ldb, out, i * m * n, n,
                    false);
        }
        if (into != null || !Autograd.recording(a, b)) {
            return out;
        }
        long work = 2L * out.numel() * k;
        return Autograd.record("matmul", out, new Tensor[] {a, b}, new Tensor[] {a, b}, g -> {
            Tensor[] grads = new Tensor[2];
            Runnable left = () -> grads[0] = g.matmul(b.t()).sumToShape(a.shape);
            Runnable right = () -> grads[1] = a.t().matmul(g).sumToShape(b.shape);
            if (a.requiresGrad() && b.requiresGrad()) { // two products of the same size
                Autograd.bothGradients(work, left, right);
            } else if (a.requiresGrad()) {
                left.run();
            } else {
                right.run();
            }
            return grads;
        });
    }

    /** {@link Gemm#gemm} on the storage of tensors of one dtype; offsets count from the start of each storage. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, Tensor a, int aOff, int lda,
                     Tensor b, int bOff, int ldb, Tensor c, int cOff, int ldc, boolean accumulate) {
        if (c.f != null) {
            Gemm.gemm(transA, transB, m, n, k, a.f, aOff, lda, b.f, bOff, ldb, c.f, cOff, ldc, accumulate);
        } else {
            Gemm.gemm(transA, transB, m, n, k, a.d, aOff, lda, b.d, bOff, ldb, c.d, cOff, ldc, accumulate);
        }
    }

    /** The broadcast of the batch axes (all but the last two) of both operands. */
    private static int[] batchShape(Tensor a, Tensor b) {
        try {
            return Shapes.broadcast("matmul", Arrays.copyOf(a.shape, a.rank() - 2), Arrays.copyOf(b.shape, b.rank() - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch axes of " + Shapes.str(a.shape) + " @ "
                    + Shapes.str(b.shape) + " do not broadcast (" + e.getMessage() + ")", e);
        }
    }

    /** The operand itself when its last two axes are row-major or transposed row-major; else a contiguous copy. */
    private static Tensor gemmReady(Tensor t) {
        int r = t.rank();
        return isRowMajor(t, r - 2, r - 1) || isRowMajor(t, r - 1, r - 2) ? t : t.copy();
    }

    /** Whether {@code t} read with rows along axis {@code row} and columns along {@code col} is row-major. */
    private static boolean isRowMajor(Tensor t, int row, int col) {
        int rows = t.shape[row];
        int cols = t.shape[col];
        return (cols == 1 || t.strides[col] == 1) && (rows == 1 || t.strides[row] >= cols);
    }

    /** Whether each row of the last two axes is contiguous and rows do not overlap. */
    private static boolean isRowMajor(Tensor t) {
        return isRowMajor(t, t.rank() - 2, t.rank() - 1);
    }

    private static boolean isTransposed(Tensor t) {
        return !isRowMajor(t);
    }

    private static int leadingDim(Tensor t, boolean transposed) {
        int r = t.rank();
        int rows = t.shape[r - 2];
        int cols = t.shape[r - 1];
        if (rows == 0 || cols == 0) {
            return Math.max(transposed ? rows : cols, 1); // the GEMM wants a leading dimension >= 1, even when empty
        }
        if (transposed) {
            return cols == 1 ? rows : t.strides[r - 1];
        }
        return rows == 1 ? cols : t.strides[r - 2];
    }

    /** Storage offset of each matrix of {@code t} for every index of the broadcast {@code batch} shape. */
    private static int[] batchOffsets(Tensor t, int[] batch) {
        int count = Shapes.numel(batch);
        int[] offsets = new int[count];
        int tb = t.rank() - 2;
        int shift = batch.length - tb;
        int[] idx = new int[batch.length];
        for (int i = 0; i < count; i++) {
            int off = t.offset;
            for (int dim = 0; dim < batch.length; dim++) {
                int td = dim - shift;
                if (td >= 0 && t.shape[td] != 1) {
                    off += idx[dim] * t.strides[td];
                }
            }
            offsets[i] = off;
            for (int dim = batch.length - 1; dim >= 0; dim--) {
                if (++idx[dim] < batch[dim]) {
                    break;
                }
                idx[dim] = 0;
            }
        }
        return offsets;
    }
}
