package io.javagrad.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writing a file so that a crash never leaves a half-written file in place of the last good one: the content
 * goes to a temporary file beside the target, is flushed to disk, and is then renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a new file at the path given (which exists and is empty). */
    @FunctionalInterface
    public interface ContentWriter {
        void write(Path file) throws IOException;
    }

    /** Writes {@code bytes} to {@code target} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, temp -> Files.write(temp, bytes));
    }

    /**
     * Lets {@code writer} fill a temporary file in {@code target}'s directory, flushes it and renames it over
     * {@code target}. On failure the temporary file is deleted, {@code target} is left as it was, and the
     * exception is passed on.
     */
    public static void write(Path target, ContentWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = createTemporary(absolute);
        try {
            writer.write(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * A new empty file beside {@code target}. Unlike {@code Files.createTempFile} (always owner-only), it gets
     * the permissions a new file gets, or those of the file it replaces.
     */
    private static Path createTemporary(Path target) throws IOException {
        for (int attempt = 0;; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
            try {
                Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 16) {
                    continue;
                }
                throw e;
            }
            if (Files.exists(target) && Files.getFileStore(target).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(target));
            }
            return temp;
        }
    }
}
