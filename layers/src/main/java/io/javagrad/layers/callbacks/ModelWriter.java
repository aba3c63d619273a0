package io.javagrad.layers.callbacks;

import io.javagrad.layers.Model;
import java.io.IOException;
import java.nio.file.Path;

/** Saves a model to a file; {@link ModelCheckpoint} writes through it (the io module provides HDF5 writers). */
@FunctionalInterface
public interface ModelWriter {
    /** Writes {@code model} (or its weights) to {@code path}. */
    void write(Model model, Path path) throws IOException;
}
