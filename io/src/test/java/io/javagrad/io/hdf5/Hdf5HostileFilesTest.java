package io.javagrad.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.javagrad.core.Tensor;
import io.javagrad.io.Fixtures;
import io.jhdf.checksum.ChecksumUtils;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and hostile files give an IOException naming the file: never another exception, an Error or a hang. */
class Hdf5HostileFilesTest {
    @TempDir
    Path dir;

    @Test
    void truncatedFilesFailWithAnIOExceptionNamingTheFile() throws IOException {
        byte[] good = writtenModel();
        for (int length : new int[] {0, 1, 7, 8, 47, 48, 100, good.length / 4, good.length / 2, good.length - 100,
                good.length - 1}) {
            Path file = dir.resolve("truncated_" + length + ".h5");
            Files.write(file, java.util.Arrays.copyOf(good, length));
            IOException e = assertThrows(IOException.class, () -> KerasH5.read(file), "length " + length);
            assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        }
    }

    @Test
    void truncatedFixturesFailCleanly() throws IOException {
        for (Path fixture : Fixtures.files("keras", ".h5")) {
            byte[] good = Files.readAllBytes(fixture);
            for (int length : new int[] {100, good.length / 3, good.length * 2 / 3, good.length - 8}) {
                Path file = dir.resolve("cut.h5");
                Files.write(file, java.util.Arrays.copyOf(good, length));
                assertReadsOrFailsCleanly(file, fixture + " cut at " + length);
            }
        }
    }

    @Test
    void flippedHeaderBytesFailCleanly() throws IOException {
        byte[] good = writtenModel();
        Path file = dir.resolve("flipped.h5");
        // The superblock and the root group's object header: every byte flipped in turn.
        for (int i = 0; i < 400; i++) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) 0xFF;
            Files.write(file, bad);
            assertReadsOrFailsCleanly(file, "byte " + i + " flipped");
        }
    }

    @Test
    void randomlyDamagedFilesFailCleanly() throws IOException {
        byte[] good = writtenModel();
        Random random = new Random(42);
        Path file = dir.resolve("damaged.h5");
        for (int trial = 0; trial < 300; trial++) {
            byte[] bad = good.clone();
            for (int k = 0; k < 4; k++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            Files.write(file, bad);
            assertReadsOrFailsCleanly(file, "trial " + trial);
        }
    }

    @Test
    void hugeDeclaredDatasetShapesAreRejectedBeforeReading() throws IOException {
        Path file = dir.resolve("dims.h5");
        Hdf5Files.writeAtomically(file, h5 -> Hdf5Write.tensor(h5, "w", Tensor.zeros(37, 41)));
        byte[] good = Files.readAllBytes(file);
        int at = indexOfDims(good, 37, 41);
        for (long[] dims : new long[][] {{1L << 20, 41}, {1L << 40, 1L << 40}, {-1, 41}, {Integer.MAX_VALUE, 2}}) {
            byte[] bad = good.clone();
            ByteBuffer.wrap(bad, at, 16).order(ByteOrder.LITTLE_ENDIAN).putLong(dims[0]).putLong(dims[1]);
            fixObjectHeaderChecksum(bad, at);
            Files.write(file, bad);
            IOException e = assertThrows(IOException.class,
                    () -> Hdf5Files.read(file, h5 -> Hdf5Read.tensor(h5.getDatasetByPath("w"))), java.util.Arrays.toString(dims));
            String m = e.getMessage();
            assertTrue(m.contains(file.toString()) && m.contains("dataset '/w' ") && (m.contains("more than the file can hold")
                    || m.contains("too many elements") || m.contains("invalid dimension")), m);
        }
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> KerasH5.read(dir.resolve("absent.h5")));
    }

    @Test
    void notAnHdf5FileIsAnIOException() throws IOException {
        Path file = dir.resolve("text.h5");
        Files.writeString(file, "{\"class_name\": \"Sequential\"}".repeat(10));
        IOException e = assertThrows(IOException.class, () -> KerasH5.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    private byte[] writtenModel() throws IOException {
        Path file = dir.resolve("good.h5");
        KerasH5.write(file, KerasH5RoundTripTest.sampleModel(KerasH5RoundTripTest.sampleConfig(2)));
        assertEquals(3, KerasH5.read(file).layers().size());
        return Files.readAllBytes(file);
    }

    /** The dataspace message stores the dimensions as consecutive little-endian 8-byte lengths. */
    private static int indexOfDims(byte[] bytes, long d0, long d1) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 16 <= bytes.length; i++) {
            if (b.getLong(i) == d0 && b.getLong(i + 8) == d1) {
                return i;
            }
        }
        throw new AssertionError("dimensions not found");
    }

    /**
     * Recomputes the checksum of the version 2 object header around {@code offset}: "OHDR", version, flags,
     * optional times (flag bit 5) and attribute phase change values (bit 4), the chunk size in 1 << (flags & 3)
     * bytes, the messages, then a Jenkins lookup3 checksum of everything before it.
     */
    private static void fixObjectHeaderChecksum(byte[] bytes, int offset) {
        int start = offset;
        while (!(bytes[start] == 'O' && bytes[start + 1] == 'H' && bytes[start + 2] == 'D' && bytes[start + 3] == 'R')) {
            start--;
        }
        int flags = bytes[start + 5];
        int pos = start + 6 + ((flags & 0x20) != 0 ? 16 : 0) + ((flags & 0x10) != 0 ? 4 : 0);
        int sizeBytes = 1 << (flags & 3);
        long chunkSize = 0;
        for (int i = 0; i < sizeBytes; i++) {
            chunkSize |= (bytes[pos + i] & 0xFFL) << (8 * i);
        }
        int end = pos + sizeBytes + (int) chunkSize;
        int checksum = ChecksumUtils.checksum(java.util.Arrays.copyOfRange(bytes, start, end));
        ByteBuffer.wrap(bytes, end, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(checksum);
    }

    private static void assertReadsOrFailsCleanly(Path file, String what) {
        try {
            KerasH5.read(file);
        } catch (IOException e) {
            assertTrue(e.getMessage().contains(file.toString()), what + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
        }
    }
}
