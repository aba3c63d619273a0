package io.javagrad.core.kernels;

import java.util.Arrays;

/**
 * The primitives {@link BlockedGemm} needs for one element type: packing of A and B into panels, and
 * a micro-kernel that multiplies one packed A micro-panel ({@code mr} rows) by one packed B
 * micro-panel ({@code nr} columns). Arrays are passed as {@code Object} so that the blocking loops are
 * written once for both types; {@link OfFloat} and {@link OfDouble} are the two typed halves, kept side
 * by side in this file.
 *
 * <p>Every implementation computes each element of C as one chain of fused multiply-adds over
 * {@code p = 0 .. k-1} in order, starting from the old C (when accumulating) or from zero. Results
 * therefore do not depend on the blocking, the micro-kernel or the thread count.
 *
 * <p>Packed layouts (zero-padded to whole micro-panels): A block {@code mc x kc} as consecutive
 * micro-panels of {@code mr} rows, each stored column by column ({@code kc} groups of {@code mr}
 * values); B panel {@code kc x nc} as consecutive micro-panels of {@code nr} columns, each stored row by
 * row ({@code kc} groups of {@code nr} values).
 */
abstract class GemmKernel {
    /** Micro-tile rows and columns. */
    final int mr;
    final int nr;
    /** Cache blocking: depth of a packed panel, rows of a packed A block, columns of a packed B panel. */
    final int kc;
    final int mc;
    final int nc;

    private final ThreadLocal<Workspace> workspace = ThreadLocal.withInitial(Workspace::new);

    GemmKernel(int mr, int nr, int kc, int mcPanels, int ncPanels) {
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = mcPanels * mr;
        this.nc = ncPanels * nr;
    }

    /** Packs rows {@code i0 .. i0+rows} and depth {@code p0 .. p0+depth} of op(A) into {@code dst}. */
    abstract void packA(boolean transA, Object a, int aOff, int lda, int i0, int rows, int p0, int depth, Object dst);

    /** Packs depth {@code p0 .. p0+depth} and columns {@code j0 .. j0+cols} of op(B) into {@code dst}. */
    abstract void packB(boolean transB, Object b, int bOff, int ldb, int p0, int depth, int j0, int cols, Object dst);

    /**
     * Full micro-tile: {@code C[0..mr, 0..nr] = (load ? C : 0) + Apanel * Bpanel} over {@code depth}.
     */
    abstract void tile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc, boolean load);

    /** Partial micro-tile at the bottom or right edge of C: only {@code rows x cols} are read and written. */
    abstract void edgeTile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc,
                           boolean load, int rows, int cols, Object scratch);

    abstract Object newArray(int length);

    abstract int length(Object array);

    /** This thread's packing buffers, grown to at least the given sizes. */
    final Workspace workspace(int aLength, int bLength) {
        Workspace w = workspace.get();
        if (w.packedA == null || length(w.packedA) < aLength) {
            w.packedA = newArray(aLength);
        }
        if (w.packedB == null || length(w.packedB) < bLength) {
            w.packedB = newArray(bLength);
        }
        if (w.scratch == null) {
            w.scratch = newArray(mr * nr);
        }
        return w;
    }

    static final class Workspace {
        Object packedA;
        Object packedB;
        Object scratch;
    }

    /** float32 packing and edge handling; subclasses provide the micro-kernel. */
    abstract static class OfFloat extends GemmKernel {
        OfFloat(int mr, int nr, int kc, int mcPanels, int ncPanels) {
            super(mr, nr, kc, mcPanels, ncPanels);
        }

        abstract void tile(int depth, float[] ap, int apOff, float[] bp, int bpOff, float[] c, int cOff, int ldc,
                           boolean load);

        @Override
        final void tile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc,
                        boolean load) {
            tile(depth, (float[]) ap, apOff, (float[]) bp, bpOff, (float[]) c, cOff, ldc, load);
        }

        @Override
        final void edgeTile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc,
                            boolean load, int rows, int cols, Object scratch) {
            float[] cc = (float[]) c;
            float[] t = (float[]) scratch;
            Arrays.fill(t, 0f);
            if (load) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(cc, cOff + r * ldc, t, r * nr, cols);
                }
            }
            tile(depth, (float[]) ap, apOff, (float[]) bp, bpOff, t, 0, nr, true);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(t, r * nr, cc, cOff + r * ldc, cols);
            }
        }

        @Override
        final void packA(boolean transA, Object a, int aOff, int lda, int i0, int rows, int p0, int depth,
                         Object dst) {
            float[] src = (float[]) a;
            float[] d = (float[]) dst;
            int at = 0;
            for (int ir = 0; ir < rows; ir += mr) {
                int h = Math.min(mr, rows - ir);
                if (transA) { // A(i, p) = a[p * lda + i]: each group of mr is contiguous in a
                    for (int p = 0; p < depth; p++, at += mr) {
                        int s = aOff + (p0 + p) * lda + i0 + ir;
                        System.arraycopy(src, s, d, at, h);
                        Arrays.fill(d, at + h, at + mr, 0f);
                    }
                } else { // A(i, p) = a[i * lda + p]: read each row contiguously, write with stride mr
                    for (int r = 0; r < mr; r++) {
                        if (r < h) {
                            int s = aOff + (i0 + ir + r) * lda + p0;
                            for (int p = 0; p < depth; p++) {
                                d[at + p * mr + r] = src[s + p];
                            }
                        } else {
                            for (int p = 0; p < depth; p++) {
                                d[at + p * mr + r] = 0f;
                            }
                        }
                    }
                    at += depth * mr;
                }
            }
        }

        @Override
        final void packB(boolean transB, Object b, int bOff, int ldb, int p0, int depth, int j0, int cols,
                         Object dst) {
            float[] src = (float[]) b;
            float[] d = (float[]) dst;
            int at = 0;
            for (int jr = 0; jr < cols; jr += nr) {
                int w = Math.min(nr, cols - jr);
                if (!transB) { // B(p, j) = b[p * ldb + j]: each group of nr is contiguous in b
                    for (int p = 0; p < depth; p++, at += nr) {
                        System.arraycopy(src, bOff + (p0 + p) * ldb + j0 + jr, d, at, w);
                        Arrays.fill(d, at + w, at + nr, 0f);
                    }
                } else { // B(p, j) = b[j * ldb + p]: read each column of op(B) contiguously
                    for (int c = 0; c < nr; c++) {
                        if (c < w) {
                            int s = bOff + (j0 + jr + c) * ldb + p0;
                            for (int p = 0; p < depth; p++) {
                                d[at + p * nr + c] = src[s + p];
                            }
                        } else {
                            for (int p = 0; p < depth; p++) {
                                d[at + p * nr + c] = 0f;
                            }
                        }
                    }
                    at += depth * nr;
                }
            }
        }

        @Override
        final Object newArray(int length) {
            return new float[length];
        }

        @Override
        final int length(Object array) {
            return ((float[]) array).length;
        }
    }

    /** float64 packing and edge handling; subclasses provide the micro-kernel. Mirrors {@link OfFloat}. */
    abstract static class OfDouble extends GemmKernel {
        OfDouble(int mr, int nr, int kc, int mcPanels, int ncPanels) {
            super(mr, nr, kc, mcPanels, ncPanels);
        }

        abstract void tile(int depth, double[] ap, int apOff, double[] bp, int bpOff, double[] c, int cOff, int ldc,
                           boolean load);

        @Override
        final void tile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc,
                        boolean load) {
            tile(depth, (double[]) ap, apOff, (double[]) bp, bpOff, (double[]) c, cOff, ldc, load);
        }

        @Override
        final void edgeTile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc,
                            boolean load, int rows, int cols, Object scratch) {
            double[] cc = (double[]) c;
            double[] t = (double[]) scratch;
            Arrays.fill(t, 0.0);
            if (load) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(cc, cOff + r * ldc, t, r * nr, cols);
                }
            }
            tile(depth, (double[]) ap, apOff, (double[]) bp, bpOff, t, 0, nr, true);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(t, r * nr, cc, cOff + r * ldc, cols);
            }
        }

        @Override
        final void packA(boolean transA, Object a, int aOff, int lda, int i0, int rows, int p0, int depth,
                         Object dst) {
            double[] src = (double[]) a;
            double[] d = (double[]) dst;
            int at = 0;
            for (int ir = 0; ir < rows; ir += mr) {
                int h = Math.min(mr, rows - ir);
                if (transA) {
                    for (int p = 0; p < depth; p++, at += mr) {
                        int s = aOff + (p0 + p) * lda + i0 + ir;
                        System.arraycopy(src, s, d, at, h);
                        Arrays.fill(d, at + h, at + mr, 0.0);
                    }
                } else {
                    for (int r = 0; r < mr; r++) {
                        if (r < h) {
                            int s = aOff + (i0 + ir + r) * lda + p0;
                            for (int p = 0; p < depth; p++) {
                                d[at + p * mr + r] = src[s + p];
                            }
                        } else {
                            for (int p = 0; p < depth; p++) {
                                d[at + p * mr + r] = 0.0;
                            }
                        }
                    }
                    at += depth * mr;
                }
            }
        }

        @Override
        final void packB(boolean transB, Object b, int bOff, int ldb, int p0, int depth, int j0, int cols,
                         Object dst) {
            double[] src = (double[]) b;
            double[] d = (double[]) dst;
            int at = 0;
            for (int jr = 0; jr < cols; jr += nr) {
                int w = Math.min(nr, cols - jr);
                if (!transB) {
                    for (int p = 0; p < depth; p++, at += nr) {
                        System.arraycopy(src, bOff + (p0 + p) * ldb + j0 + jr, d, at, w);
                        Arrays.fill(d, at + w, at + nr, 0.0);
                    }
                } else {
                    for (int c = 0; c < nr; c++) {
                        if (c < w) {
                            int s = bOff + (j0 + jr + c) * ldb + p0;
                            for (int p = 0; p < depth; p++) {
                                d[at + p * nr + c] = src[s + p];
                            }
                        } else {
                            for (int p = 0; p < depth; p++) {
                                d[at + p * nr + c] = 0.0;
                            }
                        }
                    }
                    at += depth * nr;
                }
            }
        }

        @Override
        final Object newArray(int length) {
            return new double[length];
        }

        @Override
        final int length(Object array) {
            return ((double[]) array).length;
        }
    }
}
