package io.javagrad.layers.data;

import io.javagrad.core.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST format), raw or gzipped (recognised by the gzip magic bytes,
 * whatever the file name).
 *
 * <p>The file is trusted in nothing: the magic number, the element type and every dimension are checked, and
 * the declared size is compared with the data actually present (with the file length for raw files, before
 * anything is allocated; for gzipped ones the data is read in chunks, so a lying header never allocates more
 * than the file holds). A truncated, oversized or corrupt file gives an {@link IOException} naming the file.
 */
public final class IdxReader {
    private IdxReader() {}

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_RANK = 8;

    /**
     * The values as a float32 tensor of the declared shape; {@code scale} maps 0..255 to [0, 1] (for images),
     * otherwise the values are kept as whole numbers (for labels).
     */
    public static Tensor read(Path file, boolean scale) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            boolean gzipped = isGzip(raw);
            DataInputStream in = new DataInputStream(gzipped ? new GZIPInputStream(raw) : raw);
            int[] shape = readHeader(file, in);
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (count > Integer.MAX_VALUE - 8) {
                throw new IOException(file + ": declared shape " + Arrays.toString(shape) + " holds " + count
                        + " values, too many for one tensor");
            }
            if (!gzipped) {
                long expected = 4L + 4L * shape.length + count;
                long actual = Files.size(file);
                if (actual != expected) {
                    throw new IOException(file + ": declared shape " + Arrays.toString(shape) + " needs " + expected
                            + " bytes, but the file has " + actual + (actual < expected ? " (truncated)" : ""));
                }
            }
            byte[] data = in.readNBytes((int) count);
            if (data.length < count) {
                throw new IOException(file + ": truncated: declared shape " + Arrays.toString(shape) + " needs " + count
                        + " data bytes, found " + data.length);
            }
            if (in.read() != -1) {
                throw new IOException(file + ": more data than its declared shape " + Arrays.toString(shape) + " holds");
            }
            float[] values = new float[data.length];
            float factor = scale ? 1f / 255 : 1f;
            for (int i = 0; i < data.length; i++) {
                values[i] = (data[i] & 0xFF) * factor;
            }
            return Tensor.of(values, shape);
        } catch (EOFException | ZipException e) {
            throw new IOException(file + ": truncated or corrupt (" + e.getMessage() + ")", e);
        }
    }

    /** A 1-d IDX file of class labels, as a float32 tensor of whole numbers. */
    public static Tensor readLabels(Path file) throws IOException {
        Tensor t = read(file, false);
        if (t.rank() != 1) {
            throw new IOException(file + ": labels must be 1-d, got shape " + Arrays.toString(t.shape()));
        }
        return t;
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    private static int[] readHeader(Path file, DataInputStream in) throws IOException {
        int magic = in.readInt();
        if ((magic >>> 16) != 0) {
            throw new IOException(file + ": not an IDX file (magic number 0x" + Integer.toHexString(magic)
                    + " does not start with two zero bytes)");
        }
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if (type != UNSIGNED_BYTE) {
            throw new IOException(file + ": IDX element type 0x" + Integer.toHexString(type)
                    + " is not supported; only unsigned bytes (0x08)");
        }
        if (rank < 1 || rank > MAX_RANK) {
            throw new IOException(file + ": IDX rank " + rank + " is outside [1, " + MAX_RANK + "]");
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) {
            shape[i] = in.readInt();
            if (shape[i] < 0) {
                throw new IOException(file + ": dimension " + i + " is negative or absurd: "
                        + Integer.toUnsignedString(shape[i]));
            }
        }
        return shape;
    }
}
