package io.javagrad.core.kernels;

/**
 * The cache-blocked GEMM loop nest in the GotoBLAS/BLIS manner, written once for both element types.
 *
 * <pre>
 * for jc in steps of nc:            B panel  (kc x nc, packed; stays in L3)
 *   for pc in steps of kc:
 *     pack B[pc.., jc..]
 *     for ic in steps of mc:        A block  (mc x kc, packed; stays in L2)
 *       pack A[ic.., pc..]
 *       for jr in steps of nr:      B micro-panel (kc x nr; stays in L1)
 *         for ir in steps of mr:    micro-kernel: C[ir.., jr..] += A micro-panel * B micro-panel
 * </pre>
 *
 * Threads take disjoint stripes of C (rows or columns, whichever has more micro-tiles) and each runs
 * the whole loop nest on its stripe, with its own packing buffers. A C with few rows times a transposed
 * B takes the transposed path ({@link #transposed}) where that pays ({@link #takesTransposedPath}), split by
 * columns. A C at most half a micro-tile wide takes a shorter path ({@link #narrow}); one or two whole micro-tiles
 * wide, with A not transposed, the loop nest reads A in place instead of packing it ({@link #readsAInPlace}). A
 * product much deeper than wide, as in a Dense layer's forward pass, is computed in two halves of its depth
 * ({@link #depthSplit}).
 */
final class BlockedGemm {
    /** The widest C, in micro-tiles, whose A {@link #serial} reads in place (see {@link #readsAInPlace}). */
    private static final int IN_PLACE_A_TILES = 2;

    /** The least depth {@link #depthSplit} splits. */
    static final int MIN_SPLIT_DEPTH = 256;

    private BlockedGemm() {}

    static void gemm(GemmKernel kern, boolean transA, boolean transB, int m, int n, int k,
                     Object a, int aOff, int lda, Object b, int bOff, int ldb,
                     Object c, int cOff, int ldc, boolean accumulate) {
        long work = (long) m * n * k;
        int half = depthSplit(transA, transB, m, n, k);
        if (half < k) {
            inDepthHalves(kern, m, n, k, half, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int rowTiles = (m + kern.mr - 1) / kern.mr;
        int colTiles = (n + kern.nr - 1) / kern.nr;
        if (takesTransposedPath(kern, transB, m, n, k)) {
            ParallelFor.run((n + kern.mr - 1) / kern.mr, work, (from, to) -> {
                int j0 = from * kern.mr;
                int j1 = Math.min(n, to * kern.mr);
                transposed(kern, transA, m, j1 - j0, k, a, aOff, lda,
                        b, bOff + j0 * ldb, ldb, c, cOff + j0, ldc, accumulate);
            });
        } else if (colTiles >= rowTiles) {
            ParallelFor.run(colTiles, work, (from, to) -> {
                int j0 = from * kern.nr;
                int j1 = Math.min(n, to * kern.nr);
                serial(kern, transA, transB, m, j1 - j0, k, a, aOff, lda,
                        b, bOff + (transB ? j0 * ldb : j0), ldb, c, cOff + j0, ldc, accumulate);
            });
        } else {
            ParallelFor.run(rowTiles, work, (from, to) -> {
                int i0 = from * kern.mr;
                int i1 = Math.min(m, to * kern.mr);
                serial(kern, transA, transB, i1 - i0, n, k, a, aOff + (transA ? i0 : i0 * lda), lda,
                        b, bOff, ldb, c, cOff + i0 * ldc, ldc, accumulate);
            });
        }
    }

    /**
     * The depth of the first half when a product is computed in two halves of its depth, else {@code k}: for A and B
     * not transposed, C no taller than wide ({@code m <= n}), and a depth of at least {@value #MIN_SPLIT_DEPTH} and
     * twice C's width, such as a Dense layer's forward pass, 64 x 784 by 784 x 256. Split by columns, every thread
     * would pack all of A, which is then larger than C; split by depth, each thread packs half of A and reads half of
     * B's rows, and only C's partial sum is extra. In training, B is a weight matrix that the optimizer updates split
     * by rows, so each thread also reads the rows it has just written. Measured (float32, two threads): 64 x 784 by
     * 784 x 256 alone ran at 175 against 136 GFLOPS; with its weight gradient and the Adam step on its weights,
     * 317-329 us against 336-350. Splitting from a depth of 256 rather than 512 (which adds the mlp's 64 x 256 by
     * 256 x 128, 5% slower alone on one thread) made that workload's two-thread training 6% faster again; its
     * one-thread training runs 1-3% slower than without any split. The split depends on the shape alone, so results
     * do not depend on the thread count.
     */
    static int depthSplit(boolean transA, boolean transB, int m, int n, int k) {
        boolean split = !transA && !transB && m <= n && k >= MIN_SPLIT_DEPTH && k >= 2L * n;
        return split ? k / 2 : k;
    }

    /**
     * {@code C = (C or 0) + A[:, 0..half] B[0..half, :]}, then {@code C += A[:, half..k] B[half..k, :]}, the second
     * product computed separately into a scratch array: two independent products, split between threads as one loop
     * over the column micro-tiles of both (with two threads, one product each).
     */
    private static void inDepthHalves(GemmKernel kern, int m, int n, int k, int half, Object a, int aOff, int lda,
                                      Object b, int bOff, int ldb, Object c, int cOff, int ldc, boolean accumulate) {
        Object second = kern.array(Scratch.mine(), Scratch.Role.DEPTH_HALF, m * n);
        int colTiles = (n + kern.nr - 1) / kern.nr;
        ParallelFor.run(2 * colTiles, (long) m * n * k, (from, to) -> {
            int firstTo = Math.min(to, colTiles);
            int secondFrom = Math.max(from, colTiles) - colTiles;
            if (from < firstTo) {
                int j0 = from * kern.nr;
                int j1 = Math.min(n, firstTo * kern.nr);
                serial(kern, false, false, m, j1 - j0, half, a, aOff, lda, b, bOff + j0, ldb, c, cOff + j0, ldc,
                        accumulate);
            }
            if (secondFrom < to - colTiles) {
                int j0 = secondFrom * kern.nr;
                int j1 = Math.min(n, (to - colTiles) * kern.nr);
                serial(kern, false, false, m, j1 - j0, k - half, a, aOff + half, lda, b, bOff + half * ldb + j0, ldb,
                        second, j0, n, false);
            }
        });
        kern.addTo(second, n, m, n, c, cOff, ldc);
    }

    private static void serial(GemmKernel kern, boolean transA, boolean transB, int m, int n, int k,
                               Object a, int aOff, int lda, Object b, int bOff, int ldb,
                               Object c, int cOff, int ldc, boolean accumulate) {
        if (n <= kern.nr / 2) {
            narrow(kern, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        int mr = kern.mr;
        int nr = kern.nr;
        // Blocks of near-equal size, so no thin last block (k = 784 is 4 x 196 rather than 3 x 256 + 16).
        int kcMax = evenBlock(k, kern.kc, 1);
        int mcMax = evenBlock(m, kern.mc, mr);
        int ncMax = evenBlock(n, kern.nc, nr);
        GemmKernel.Buffers ws = kern.buffers(mcMax * kcMax, kcMax * ncMax);
        boolean aInPlace = readsAInPlace(kern, transA, n);
        for (int jc = 0; jc < n; jc += ncMax) {
            int nc = Math.min(ncMax, n - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean load = accumulate || pc > 0;
                kern.packB(transB, b, bOff, ldb, pc, kc, jc, nc, nr, ws.packedB());
                for (int ic = 0; ic < m; ic += mcMax) {
                    int mc = Math.min(mcMax, m - ic);
                    // in place, only the last rows, fewer than mr, are packed (from the start of the buffer)
                    int packedFrom = aInPlace ? mc / mr * mr : 0;
                    if (packedFrom < mc) {
                        kern.packA(transA, a, aOff, lda, ic + packedFrom, mc - packedFrom, pc, kc, ws.packedA());
                    }
                    for (int jr = 0; jr < nc; jr += nr) {
                        int cols = Math.min(nr, nc - jr);
                        int bp = jr * kc;
                        for (int ir = 0; ir < mc; ir += mr) {
                            int rows = Math.min(mr, mc - ir);
                            int ap = (ir - packedFrom) * kc;
                            int ct = cOff + (ic + ir) * ldc + jc + jr;
                            if (ir < packedFrom) {
                                kern.rowsTile(kc, a, aOff + (ic + ir) * lda + pc, lda, ws.packedB(), bp, c, ct, ldc,
                                        load);
                            } else if (rows == mr && cols == nr) {
                                kern.tile(kc, ws.packedA(), ap, ws.packedB(), bp, c, ct, ldc, load);
                            } else {
                                kern.edgeTile(kc, ws.packedA(), ap, ws.packedB(), bp, c, ct, ldc, load, rows, cols,
                                        ws.tile());
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Whether {@link #serial} reads A's full micro-panels in place rather than packing them: A not transposed (so
     * that packing would transpose it) and C at most {@value #IN_PLACE_A_TILES} micro-tiles wide with no partial
     * one, so that each packed value would be used only once or twice. Measured (float32, one thread): a
     * convolution's weight gradient, {@code col dy^T} of 288 x 968 by 968 x 64, runs at 74-83 GFLOPS in place
     * against 67-74 packed; at 8 tiles (64 x 784 by 784 x 256) reading in place lost, 71-75 against 80-87.
     */
    private static boolean readsAInPlace(GemmKernel kern, boolean transA, int n) {
        return !transA && n % kern.nr == 0 && n <= IN_PLACE_A_TILES * kern.nr;
    }

    /**
     * Whether {@link #transposed} computes the product: B transposed, C one or two packed micro-panels tall and
     * wider than tall, and either deep enough ({@code k >= 2m}) that the final transpose of C costs less than packing
     * B would, or ending in a narrow column edge tile on the usual path. Measured (float32, one thread, GFLOPS,
     * transposed against usual): 64x256x784 93 against 80, 32x256x784 95 against 55, 64x256x128 85 against 83,
     * 64x128x96 about even, 64x128x64 64 against 74, 64x128x10 27 against 50; 64x784x256 92 against 76.
     */
    private static boolean takesTransposedPath(GemmKernel kern, boolean transB, int m, int n, int k) {
        return transB && m % kern.nr == 0 && m <= 2 * kern.nr && m < n && (k >= 2 * m || n % kern.nr != 0);
    }

    /**
     * C with few rows and B transposed, computed as its transpose {@code C^T = B op(A)^T} into a scratch array and
     * then transposed into C (from C first, when accumulating): the micro-kernel reads {@code mr} of B's rows at a time
     * in place, and op(A)^T, which is small, is the packed panel; so the large operand is never transposed while
     * packing, which costs about as much as the multiply when m is this small. The last rows of B, fewer than
     * {@code mr}, are copied into a buffer first so that the micro-kernel reads no further; the rows of C^T they fill
     * beyond n are not copied out. Used up to two micro-panels of op(A)^T, as measured (float64 at m = 64 is faster
     * packed). B's rows are taken in blocks of at most {@code nc}, so the scratch array stays within {@code nc x m}
     * however wide C is.
     */
    private static void transposed(GemmKernel kern, boolean transA, int m, int n, int k,
                                   Object a, int aOff, int lda, Object b, int bOff, int ldb,
                                   Object c, int cOff, int ldc, boolean accumulate) {
        int ncMax = evenBlock(n, kern.nc, kern.mr);
        for (int j0 = 0; j0 < n; j0 += ncMax) {
            transposedBlock(kern, transA, m, Math.min(ncMax, n - j0), k, a, aOff, lda, b, bOff + j0 * ldb, ldb,
                    c, cOff + j0, ldc, accumulate);
        }
    }

    /** {@link #transposed} for at most {@code nc} rows of B. */
    private static void transposedBlock(GemmKernel kern, boolean transA, int m, int n, int k,
                                        Object a, int aOff, int lda, Object b, int bOff, int ldb,
                                        Object c, int cOff, int ldc, boolean accumulate) {
        int mr = kern.mr;
        int nr = kern.nr;
        int kcMax = evenBlock(k, kern.kc, 1);
        GemmKernel.Buffers ws = kern.buffers(mr * kcMax, kcMax * roundUp(m, nr));
        Object ct = kern.array(Scratch.mine(), Scratch.Role.TRANSPOSED_PRODUCT, roundUp(n, mr) * m);
        if (accumulate) {
            kern.transposeCopy(c, cOff, ldc, m, n, ct, 0, m);
        }
        int full = n / mr * mr;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            boolean load = accumulate || pc > 0;
            kern.packB(!transA, a, aOff, lda, pc, kc, 0, m, nr, ws.packedB());
            if (full < n) {
                kern.copy(b, bOff + full * ldb + pc, ldb, kc, kc, n - full, ws.packedA());
            }
            for (int jr = 0; jr < n; jr += mr) { // each block of B's rows is read once, for all packed micro-panels
                boolean inPlace = jr < full;
                Object rows = inPlace ? b : ws.packedA();
                int ri = inPlace ? bOff + jr * ldb + pc : 0;
                int ld = inPlace ? ldb : kc;
                for (int ir = 0; ir < m; ir += nr) {
                    kern.rowsTile(kc, rows, ri, ld, ws.packedB(), ir * kc, ct, jr * m + ir, m, load);
                }
            }
        }
        kern.transposeCopy(ct, 0, m, n, m, c, cOff, ldc);
    }

    /**
     * C at most half a micro-tile wide (such as a 3x3 convolution's weight gradient, n = 9): each
     * element of A is used only n times, so reading A in place beats packing it, and a half-width
     * micro-kernel wastes half as much of its work on padding. Only the bottom edge of A, fewer than
     * {@code mr} rows, is packed (zero-padded), so the micro-kernel never reads past A.
     */
    private static void narrow(GemmKernel kern, boolean transA, boolean transB, int m, int n, int k,
                               Object a, int aOff, int lda, Object b, int bOff, int ldb,
                               Object c, int cOff, int ldc, boolean accumulate) {
        int mr = kern.mr;
        int kcMax = evenBlock(k, kern.kc, 1);
        GemmKernel.Buffers ws = kern.buffers(mr * kcMax, kcMax * kern.nr);
        int rowStride = transA ? 1 : lda;
        int depthStride = transA ? lda : 1;
        for (int pc = 0; pc < k; pc += kcMax) {
            int kc = Math.min(kcMax, k - pc);
            boolean load = accumulate || pc > 0;
            kern.packB(transB, b, bOff, ldb, pc, kc, 0, n, kern.nr / 2, ws.packedB());
            for (int ir = 0; ir < m; ir += mr) {
                int rows = Math.min(mr, m - ir);
                int ct = cOff + ir * ldc;
                if (rows == mr) {
                    kern.narrowTile(kc, a, aOff + ir * rowStride + pc * depthStride, rowStride, depthStride,
                            ws.packedB(), c, ct, ldc, load, rows, n, ws.tile());
                } else {
                    kern.packA(transA, a, aOff, lda, ir, rows, pc, kc, ws.packedA());
                    kern.narrowTile(kc, ws.packedA(), 0, 1, mr, ws.packedB(), c, ct, ldc, load, rows, n, ws.tile());
                }
            }
        }
    }

    /**
     * The size of each of the fewest blocks of at most {@code max} that cover {@code x}, a multiple of {@code unit}.
     */
    private static int evenBlock(int x, int max, int unit) {
        int blocks = Math.max(1, (x + max - 1) / max);
        return roundUp((x + blocks - 1) / blocks, unit);
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
