package io.javagrad.io.hdf5;

import io.jhdf.Superblock;
import io.jhdf.WritableHdfFile;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Works around a jhdf 0.13.0 writer bug that corrupts files. On close jhdf writes the tree (object headers
 * at explicit positions, dataset data sequentially after setting the channel position), then appends an
 * information string with a plain sequential write. That write lands at the end of the last dataset's data,
 * which is not the end of the file when group headers were written after it (a group without datasets that
 * comes after the last dataset, such as a Keras layer without weights): their first bytes are overwritten
 * and the file cannot be read. This fix swaps the writer's channel for one that moves the channel position
 * to the end of the file after every positional write, so the string lands at the end.
 */
final class JhdfEndOfFileFix {
    private JhdfEndOfFileFix() {}

    /** Installs the fix on a freshly created writer, before anything is written. */
    static void install(WritableHdfFile file) {
        try {
            Field field = WritableHdfFile.class.getDeclaredField("hdfFileChannel");
            field.setAccessible(true);
            HdfFileChannel original = (HdfFileChannel) field.get(file);
            field.set(file, new EndTrackingChannel(original.getFileChannel(), original.getSuperblock()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("jhdf internals changed (WritableHdfFile.hdfFileChannel): check whether"
                    + " its end-of-file bug is fixed and remove JhdfEndOfFileFix", e);
        }
    }

    private static final class EndTrackingChannel extends HdfFileChannel {
        EndTrackingChannel(FileChannel channel, Superblock superblock) {
            super(channel, superblock);
        }

        @Override
        public int write(ByteBuffer buffer, long position) {
            int written = super.write(buffer, position);
            try {
                position(getFileChannel().size()); // sequential data writes set their position first
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return written;
        }
    }
}
