package io.javagrad.io.hdf5;

import io.javagrad.io.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opening and writing HDF5 files through jhdf so that failures are always an {@link IOException} naming the
 * file, and so that a write never leaves a half-written file in place of the last good one.
 */
public final class Hdf5Files {
    private Hdf5Files() {}

    /** Reads something from an open HDF5 file. */
    @FunctionalInterface
    public interface ReadAction<T> {
        T read(HdfFile file) throws IOException;
    }

    /** Fills a new HDF5 file; jhdf writes it when the file is closed. */
    @FunctionalInterface
    public interface WriteAction {
        void write(WritableHdfFile file) throws IOException;
    }

    /**
     * Opens {@code path}, applies {@code action} and closes the file. Any failure, including jhdf's runtime
     * exceptions on damaged files and our own validation errors, becomes an {@link IOException} naming the
     * file; a missing file is a {@link NoSuchFileException}. Files up to 2 GiB are supported.
     *
     * <p>The file is memory-mapped and given to jhdf as a buffer: reading from a file channel, jhdf allocates
     * whatever size a (damaged) object header declares before noticing that the file is shorter, whereas
     * a buffer is only ever sliced.
     */
    public static <T> T read(Path path, ReadAction<T> action) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such HDF5 file");
        }
        ByteBuffer buffer = map(path);
        try (HdfFile file = HdfFile.fromByteBuffer(buffer)) {
            checkComplete(file, buffer.capacity());
            return action.read(file);
        } catch (IOException | RuntimeException | StackOverflowError e) {
            // StackOverflowError: jhdf follows links and B-tree nodes recursively, a hostile file can loop.
            throw new IOException("cannot read HDF5 file " + path + ": " + message(e), e);
        }
    }

    /**
     * Writes {@code target} atomically through {@link AtomicFiles#write(Path, AtomicFiles.ContentWriter)}: the
     * content goes to a temporary file in the same directory, which is flushed to disk and then renamed over
     * {@code target}. On failure the temporary file is deleted and {@code target} is left as it was; the
     * failure becomes an {@link IOException} naming the file.
     */
    public static void writeAtomically(Path target, WriteAction action) throws IOException {
        try {
            AtomicFiles.write(target, temp -> {
                try (WritableHdfFile file = HdfFile.write(temp)) {
                    JhdfEndOfFileFix.install(file);
                    action.write(file);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot write HDF5 file " + target + ": " + message(e), e);
        }
    }

    private static ByteBuffer map(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new IOException("cannot read HDF5 file " + path + ": " + size + " bytes, more than 2 GiB");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
    }

    /** A truncated file still has its superblock, which records where the file should end. */
    private static void checkComplete(HdfFile file, long size) throws IOException {
        Superblock superblock = file.getHdfBackingStorage().getSuperblock();
        long end = superblock.getEndOfFileAddress();
        long base = superblock.getBaseAddressByte();
        if (end < 0 || base < 0 || end > size - base) {
            throw new IOException("the file is truncated or damaged: its superblock records an end of file at byte "
                    + end + " after the base address " + base + ", the file has " + size + " bytes");
        }
    }

    /** The message of {@code e}, followed by the message of its root cause when that says more. */
    static String message(Throwable e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        Throwable root = e;
        for (int i = 0; i < 16 && root.getCause() != null; i++) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !m.contains(root.getMessage())) {
            m += " (" + root.getMessage() + ")";
        }
        return m;
    }
}
