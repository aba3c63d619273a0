package io.javagrad.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files made by hand: valid raw and gzipped ones, and truncated, oversized and corrupt ones. */
class IdxReaderTest {
    @TempDir
    Path dir;

    /** An IDX file's bytes: magic (type, rank), the declared dimensions, then {@code data}. */
    static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt((type << 8) | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] pixels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 51); // 0, 51, 102, 153, 204, 255 (as unsigned)
        }
        return b;
    }

    private IOException assertRejected(Path file, String... parts) {
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, true));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
        return e;
    }

    @Test
    void readsRawAndGzippedFilesWhateverTheirName() throws IOException {
        byte[] raw = idx(0x08, new int[] {2, 1, 3}, pixels(6));
        for (Path file : new Path[] {write("images.idx", raw), write("images.gz", gzip(raw)), write("no-suffix", gzip(raw))}) {
            Tensor scaled = IdxReader.read(file, true);
            assertEquals(DType.FLOAT32, scaled.dtype());
            assertArrayEquals(new int[] {2, 1, 3}, scaled.shape());
            assertArrayEquals(new float[] {0, 0.2f, 0.4f, 0.6f, 0.8f, 1}, scaled.toFloatArray(), 1e-7f);
            assertArrayEquals(new float[] {0, 51, 102, 153, 204, 255}, IdxReader.read(file, false).toFloatArray());
        }
        Tensor labels = IdxReader.readLabels(write("labels", idx(0x08, new int[] {3}, new byte[] {7, 0, 9})));
        assertArrayEquals(new float[] {7, 0, 9}, labels.toFloatArray());
        IOException e = assertThrows(IOException.class, () -> IdxReader.readLabels(write("l2", raw)));
        assertTrue(e.getMessage().contains("1-d"), e.getMessage());
    }

    @Test
    void truncatedFilesAreRejected() throws IOException {
        byte[] raw = idx(0x08, new int[] {2, 3}, pixels(6));
        byte[] shortRaw = Arrays.copyOf(raw, raw.length - 2);
        assertRejected(write("short.idx", shortRaw), "truncated", "18 bytes", "16");
        assertRejected(write("short.gz", gzip(shortRaw)), "truncated", "found 4");
        byte[] gz = gzip(raw);
        assertRejected(write("cut.gz", Arrays.copyOf(gz, gz.length - 12)), "truncated or corrupt");
        assertRejected(write("header-only", Arrays.copyOf(raw, 6)), "truncated or corrupt");
        assertRejected(write("long.idx", Arrays.copyOf(raw, raw.length + 1)), "19");
        assertRejected(write("long.gz", gzip(Arrays.copyOf(raw, raw.length + 1))), "more data");
    }

    @Test
    void absurdDeclaredSizesFailBeforeAllocating() throws IOException {
        // 60000 x 100000 x 100000 bytes would never fit; a lying header on a tiny file
        byte[] huge = idx(0x08, new int[] {60000, 100000, 100000}, pixels(6));
        assertRejected(write("huge.idx", huge), "too many");
        // 2e9 bytes declared: fits an int, so only the file length (raw) or the data present (gzip) can refute it
        byte[] big = idx(0x08, new int[] {20000, 100000}, pixels(6));
        assertRejected(write("big.idx", big), "2000000012 bytes", "truncated");
        assertRejected(write("big.gz", gzip(big)), "truncated", "found 6");
        assertRejected(write("negative.idx", idx(0x08, new int[] {-1, 3}, pixels(6))), "dimension 0", "4294967295");
    }

    @Test
    void badMagicTypeOrRankIsRejected() throws IOException {
        assertRejected(write("text.idx", "hello world, not idx".getBytes()), "not an IDX file");
        assertRejected(write("floats.idx", idx(0x0D, new int[] {1}, new byte[4])), "0xd", "unsigned bytes");
        assertRejected(write("rank0.idx", idx(0x08, new int[0], new byte[0])), "rank 0");
        byte[] garbage = new byte[40];
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        assertRejected(write("corrupt.gz", garbage), "truncated or corrupt");
    }
}
