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
 * row ({@code kc} groups of {@code nr} values). Both are made by one of two routines: {@code copy}, when
 * a group (fixed depth p) lies contiguously in the source (A transposed, B not), and {@code transpose},
 * when each of the {@code mr} or {@code nr} lines lies contiguously along the depth (A not transposed,
 * B transposed).
 */
abstract class GemmKernel {
    /** Micro-tile rows and columns. */
    final int mr;
    final int nr;
    /** Cache blocking: depth of a packed panel, rows of a packed A block, columns of a packed B panel. */
    final int kc;
    final int mc;
    final int nc;

    GemmKernel(int mr, int nr, int kc, int mcPanels, int ncPanels) {
        this.mr = mr;
        this.nr = nr;
        this.kc = kc;
        this.mc = mcPanels * mr;
        this.nc = ncPanels * nr;
    }

    /** Packs rows {@code i0 .. i0+rows} and depth {@code p0 .. p0+depth} of op(A) into {@code dst}. */
    final void packA(boolean transA, Object a, int aOff, int lda, int i0, int rows, int p0, int depth, Object dst) {
        if (transA) { // A(i, p) = a[p * lda + i]
            copy(a, aOff + p0 * lda + i0, lda, mr, rows, depth, dst);
        } else { // A(i, p) = a[i * lda + p]
            transpose(a, aOff + i0 * lda + p0, lda, mr, rows, depth, dst);
        }
    }

    /**
     * Packs depth {@code p0 .. p0+depth} and columns {@code j0 .. j0+cols} of op(B) into {@code dst}, in
     * micro-panels {@code width} wide ({@code nr}, or {@code nr/2} for {@link #narrowTile}).
     */
    final void packB(boolean transB, Object b, int bOff, int ldb, int p0, int depth, int j0, int cols, int width,
                     Object dst) {
        if (transB) { // B(p, j) = b[j * ldb + p]
            transpose(b, bOff + j0 * ldb + p0, ldb, width, cols, depth, dst);
        } else { // B(p, j) = b[p * ldb + j]
            copy(b, bOff + p0 * ldb + j0, ldb, width, cols, depth, dst);
        }
    }

    /**
     * Packs {@code count} lines into micro-panels of {@code width}, where the {@code count} values of
     * depth p lie at {@code src[s + p * ld ..]}: panel q, depth p is {@code dst[(q * depth + p) * width ..]}.
     */
    abstract void copy(Object src, int s, int ld, int width, int count, int depth, Object dst);

    /**
     * Like {@link #copy}, but line r, depth p is at {@code src[s + r * ld + p]}: each micro-panel is the transpose of
     * its lines ({@link #transposeCopy}), a last partial one zero-padded.
     */
    final void transpose(Object src, int s, int ld, int width, int count, int depth, Object dst) {
        for (int q = 0, at = 0; q < count; q += width, at += depth * width) {
            int w = Math.min(width, count - q);
            if (w < width) {
                zero(dst, at, at + depth * width);
            }
            transposeCopy(src, s + q * ld, ld, w, depth, dst, at, width);
        }
    }

    /** Sets {@code dst[from .. to]} to zero (a packed panel's padding). */
    abstract void zero(Object dst, int from, int to);

    /**
     * Full micro-tile: {@code C[0..mr, 0..nr] = (load ? C : 0) + Apanel * Bpanel} over {@code depth}.
     */
    abstract void tile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc,
                       boolean load);

    /** Partial micro-tile at the bottom or right edge of C: only {@code rows x cols} are read and written. */
    abstract void edgeTile(int depth, Object ap, int apOff, Object bp, int bpOff, Object c, int cOff, int ldc,
                           boolean load, int rows, int cols, Object scratch);

    /**
     * Full micro-tile from {@code mr} rows of A read in place, element (r, p) at {@code a[ai + r * lda + p]}, and a
     * packed B micro-panel: {@code C[0..mr, 0..nr] = (load ? C : 0) + A * Bpanel}.
     */
    abstract void rowsTile(int depth, Object a, int ai, int lda, Object bp, int bpOff, Object c, int cOff, int ldc,
                           boolean load);

    /**
     * A tile of {@code rows x cols} (at most {@code mr x nr/2}) of C from A read in place, element
     * (r, p) at {@code a[ai + r * rowStride + p * depthStride]} for all {@code mr} rows, and the B
     * micro-panel at the start of {@code bp}, packed {@code nr/2} wide; computed in {@code scratch}, then
     * copied to C.
     */
    abstract void narrowTile(int depth, Object a, int ai, int rowStride, int depthStride, Object bp,
                             Object c, int cOff, int ldc, boolean load, int rows, int cols, Object scratch);

    /**
     * {@code dst = src^T}: {@code dst[dOff + j * ldd + i] = src[sOff + i * lds + j]} for the {@code rows x cols}
     * matrix src.
     */
    abstract void transposeCopy(Object src, int sOff, int lds, int rows, int cols, Object dst, int dOff, int ldd);

    /** {@code dst[rows x cols] += src[rows x cols]}, both row-major with the given leading dimensions. */
    abstract void addTo(Object src, int lds, int rows, int cols, Object dst, int dOff, int ldd);

    /** The array of this kernel's element type for {@code role} in {@code scratch}, at least {@code length} long. */
    abstract Object array(Scratch scratch, Scratch.Role role, int length);

    /** This thread's packing buffers, at least the given sizes, and its tile for edges ({@link Scratch}). */
    final Buffers buffers(int aLength, int bLength) {
        Scratch scratch = Scratch.mine();
        return new Buffers(array(scratch, Scratch.Role.PACKED_A, aLength),
                array(scratch, Scratch.Role.PACKED_B, bLength), array(scratch, Scratch.Role.TILE, mr * nr));
    }

    /** A GEMM's working arrays, of the kernel's element type. */
    record Buffers(Object packedA, Object packedB, Object tile) {}

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
            if (load) {
                toScratch(cc, cOff, ldc, rows, cols, t);
            }
            tile(depth, (float[]) ap, apOff, (float[]) bp, bpOff, t, 0, nr, load);
            fromScratch(t, rows, cols, cc, cOff, ldc);
        }

        /**
         * The micro-kernel behind {@code rowsTile}: {@code C[0..mr, 0..nr] = (load ? C : 0) + A * Bpanel}, C's tile at
         * {@code c[ci ..]}, A's element (r, p) at {@code a[ai + r * lda + p]}. This plain loop is the reference; a
         * faster kernel overrides it.
         */
        void rowsTile(int depth, float[] a, int ai, int lda, float[] b, int bi, float[] c, int ci, int ldc,
                      boolean load) {
            for (int r = 0; r < mr; r++) {
                int cr = ci + r * ldc;
                if (!load) {
                    Arrays.fill(c, cr, cr + nr, 0f);
                }
                for (int p = 0, bp = bi; p < depth; p++, bp += nr) {
                    float av = a[ai + r * lda + p];
                    for (int j = 0; j < nr; j++) {
                        c[cr + j] = Math.fma(av, b[bp + j], c[cr + j]);
                    }
                }
            }
        }

        @Override
        final void rowsTile(int depth, Object a, int ai, int lda, Object bp, int bpOff, Object c, int cOff, int ldc,
                            boolean load) {
            rowsTile(depth, (float[]) a, ai, lda, (float[]) bp, bpOff, (float[]) c, cOff, ldc, load);
        }

        /**
         * The half-width micro-kernel behind {@link #narrowTile}: {@code C[0..mr, 0..nr/2] = (load ? C : 0)
         * + A * Bpanel}. This plain loop is the reference; a faster kernel overrides it.
         */
        void narrow(int depth, float[] a, int ai, int rowStride, int depthStride, float[] b, float[] c, int ldc,
                    boolean load) {
            for (int r = 0; r < mr; r++) {
                for (int j = 0; j < nr / 2; j++) {
                    float s = load ? c[r * ldc + j] : 0f;
                    for (int p = 0; p < depth; p++) {
                        s = Math.fma(a[ai + r * rowStride + p * depthStride], b[p * (nr / 2) + j], s);
                    }
                    c[r * ldc + j] = s;
                }
            }
        }

        @Override
        final void narrowTile(int depth, Object a, int ai, int rowStride, int depthStride, Object bp,
                              Object c, int cOff, int ldc, boolean load, int rows, int cols, Object scratch) {
            float[] cc = (float[]) c;
            float[] t = (float[]) scratch;
            if (load) {
                toScratch(cc, cOff, ldc, rows, cols, t);
            }
            narrow(depth, (float[]) a, ai, rowStride, depthStride, (float[]) bp, t, nr, load);
            fromScratch(t, rows, cols, cc, cOff, ldc);
        }

        /** Copies the {@code rows x cols} corner of C into the scratch tile (row stride {@code nr}). */
        private void toScratch(float[] c, int cOff, int ldc, int rows, int cols, float[] t) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, cOff + r * ldc, t, r * nr, cols);
            }
        }

        /** Copies the {@code rows x cols} corner of the scratch tile back into C. */
        private void fromScratch(float[] t, int rows, int cols, float[] c, int cOff, int ldc) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(t, r * nr, c, cOff + r * ldc, cols);
            }
        }

        @Override
        final void copy(Object src, int s, int ld, int width, int count, int depth, Object dst) {
            float[] a = (float[]) src;
            float[] d = (float[]) dst;
            int at = 0;
            for (int q = 0; q < count; q += width, s += width) {
                int w = Math.min(width, count - q);
                if (w < width) {
                    zero(d, at, at + depth * width);
                }
                for (int p = 0, sp = s; p < depth; p++, sp += ld, at += width) {
                    System.arraycopy(a, sp, d, at, w);
                }
            }
        }

        @Override
        final void zero(Object dst, int from, int to) {
            Arrays.fill((float[]) dst, from, to, 0f);
        }

        @Override
        final void transposeCopy(Object src, int sOff, int lds, int rows, int cols, Object dst, int dOff, int ldd) {
            float[] a = (float[]) src;
            float[] d = (float[]) dst;
            int i = 0;
            for (; i + 4 <= rows; i += 4) { // four rows at a time: four read streams, four adjacent values written
                int s0 = sOff + i * lds, s1 = s0 + lds, s2 = s1 + lds, s3 = s2 + lds;
                for (int j = 0, t = dOff + i; j < cols; j++, t += ldd) {
                    d[t] = a[s0 + j];
                    d[t + 1] = a[s1 + j];
                    d[t + 2] = a[s2 + j];
                    d[t + 3] = a[s3 + j];
                }
            }
            for (; i < rows; i++) {
                for (int j = 0, si = sOff + i * lds, t = dOff + i; j < cols; j++, t += ldd) {
                    d[t] = a[si + j];
                }
            }
        }

        @Override
        final void addTo(Object src, int lds, int rows, int cols, Object dst, int dOff, int ldd) {
            for (int r = 0; r < rows; r++) {
                Elementwise.addInto((float[]) src, r * lds, (float[]) dst, dOff + r * ldd, cols);
            }
        }

        @Override
        final Object array(Scratch scratch, Scratch.Role role, int length) {
            return scratch.floats(role, length);
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
            if (load) {
                toScratch(cc, cOff, ldc, rows, cols, t);
            }
            tile(depth, (double[]) ap, apOff, (double[]) bp, bpOff, t, 0, nr, load);
            fromScratch(t, rows, cols, cc, cOff, ldc);
        }

        /**
         * The micro-kernel behind {@code rowsTile}: {@code C[0..mr, 0..nr] = (load ? C : 0) + A * Bpanel}, C's tile at
         * {@code c[ci ..]}, A's element (r, p) at {@code a[ai + r * lda + p]}. This plain loop is the reference; a
         * faster kernel overrides it.
         */
        void rowsTile(int depth, double[] a, int ai, int lda, double[] b, int bi, double[] c, int ci, int ldc,
                      boolean load) {
            for (int r = 0; r < mr; r++) {
                int cr = ci + r * ldc;
                if (!load) {
                    Arrays.fill(c, cr, cr + nr, 0.0);
                }
                for (int p = 0, bp = bi; p < depth; p++, bp += nr) {
                    double av = a[ai + r * lda + p];
                    for (int j = 0; j < nr; j++) {
                        c[cr + j] = Math.fma(av, b[bp + j], c[cr + j]);
                    }
                }
            }
        }

        @Override
        final void rowsTile(int depth, Object a, int ai, int lda, Object bp, int bpOff, Object c, int cOff, int ldc,
                            boolean load) {
            rowsTile(depth, (double[]) a, ai, lda, (double[]) bp, bpOff, (double[]) c, cOff, ldc, load);
        }

        /**
         * The half-width micro-kernel behind {@link #narrowTile}: {@code C[0..mr, 0..nr/2] = (load ? C : 0)
         * + A * Bpanel}. This plain loop is the reference; a faster kernel overrides it.
         */
        void narrow(int depth, double[] a, int ai, int rowStride, int depthStride, double[] b, double[] c, int ldc,
                    boolean load) {
            for (int r = 0; r < mr; r++) {
                for (int j = 0; j < nr / 2; j++) {
                    double s = load ? c[r * ldc + j] : 0.0;
                    for (int p = 0; p < depth; p++) {
                        s = Math.fma(a[ai + r * rowStride + p * depthStride], b[p * (nr / 2) + j], s);
                    }
                    c[r * ldc + j] = s;
                }
            }
        }

        @Override
        final void narrowTile(int depth, Object a, int ai, int rowStride, int depthStride, Object bp,
                              Object c, int cOff, int ldc, boolean load, int rows, int cols, Object scratch) {
            double[] cc = (double[]) c;
            double[] t = (double[]) scratch;
            if (load) {
                toScratch(cc, cOff, ldc, rows, cols, t);
            }
            narrow(depth, (double[]) a, ai, rowStride, depthStride, (double[]) bp, t, nr, load);
            fromScratch(t, rows, cols, cc, cOff, ldc);
        }

        /** Copies the {@code rows x cols} corner of C into the scratch tile (row stride {@code nr}). */
        private void toScratch(double[] c, int cOff, int ldc, int rows, int cols, double[] t) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, cOff + r * ldc, t, r * nr, cols);
            }
        }

        /** Copies the {@code rows x cols} corner of the scratch tile back into C. */
        private void fromScratch(double[] t, int rows, int cols, double[] c, int cOff, int ldc) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(t, r * nr, c, cOff + r * ldc, cols);
            }
        }

        @Override
        final void copy(Object src, int s, int ld, int width, int count, int depth, Object dst) {
            double[] a = (double[]) src;
            double[] d = (double[]) dst;
            int at = 0;
            for (int q = 0; q < count; q += width, s += width) {
                int w = Math.min(width, count - q);
                if (w < width) {
                    zero(d, at, at + depth * width);
                }
                for (int p = 0, sp = s; p < depth; p++, sp += ld, at += width) {
                    System.arraycopy(a, sp, d, at, w);
                }
            }
        }

        @Override
        final void zero(Object dst, int from, int to) {
            Arrays.fill((double[]) dst, from, to, 0.0);
        }

        @Override
        final void transposeCopy(Object src, int sOff, int lds, int rows, int cols, Object dst, int dOff, int ldd) {
            double[] a = (double[]) src;
            double[] d = (double[]) dst;
            int i = 0;
            for (; i + 4 <= rows; i += 4) { // four rows at a time: four read streams, four adjacent values written
                int s0 = sOff + i * lds, s1 = s0 + lds, s2 = s1 + lds, s3 = s2 + lds;
                for (int j = 0, t = dOff + i; j < cols; j++, t += ldd) {
                    d[t] = a[s0 + j];
                    d[t + 1] = a[s1 + j];
                    d[t + 2] = a[s2 + j];
                    d[t + 3] = a[s3 + j];
                }
            }
            for (; i < rows; i++) {
                for (int j = 0, si = sOff + i * lds, t = dOff + i; j < cols; j++, t += ldd) {
                    d[t] = a[si + j];
                }
            }
        }

        @Override
        final void addTo(Object src, int lds, int rows, int cols, Object dst, int dOff, int ldd) {
            for (int r = 0; r < rows; r++) {
                Elementwise.addInto((double[]) src, r * lds, (double[]) dst, dOff + r * ldd, cols);
            }
        }

        @Override
        final Object array(Scratch scratch, Scratch.Role role, int length) {
            return scratch.doubles(role, length);
        }
    }
}
