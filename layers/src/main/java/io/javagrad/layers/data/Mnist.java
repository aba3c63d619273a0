package io.javagrad.layers.data;

import io.javagrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads MNIST from a folder holding the four standard IDX files ({@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw
 * or with {@code .gz}). Pixels are scaled to [0, 1]; labels are float class indices 0..9.
 */
public final class Mnist {
    private Mnist() {}

    /** How images are shaped. */
    public enum Layout {
        /** {@code [N, 1, 28, 28]}, for convolutional networks (NCHW). */
        IMAGES,
        /** {@code [N, 784]}, for dense networks. */
        FLAT
    }

    /** The training and test sets. */
    public record Data(Dataset train, Dataset test) {}

    /** Both sets with images as {@code [N, 1, 28, 28]}. */
    public static Data load(Path dir) throws IOException {
        return load(dir, Layout.IMAGES);
    }

    /** Both sets with the given image layout. */
    public static Data load(Path dir, Layout layout) throws IOException {
        return new Data(load(dir, "train", layout), load(dir, "t10k", layout));
    }

    private static Dataset load(Path dir, String prefix, Layout layout) throws IOException {
        Path imagesFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
        Tensor images = IdxReader.read(imagesFile, true);
        Tensor labels = IdxReader.readLabels(labelsFile);
        int[] s = images.shape();
        if (s.length != 3) {
            throw new IOException(imagesFile + ": images must be [N, rows, cols], got shape " + Arrays.toString(s));
        }
        if (s[0] != labels.shape(0)) {
            throw new IOException(imagesFile + " holds " + s[0] + " images but " + labelsFile + " holds "
                    + labels.shape(0) + " labels");
        }
        double[] values = labels.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (values[i] > 9) {
                throw new IOException(labelsFile + ": label " + (int) values[i] + " at index " + i + " is not a digit");
            }
        }
        Tensor x = layout == Layout.FLAT ? images.reshape(s[0], s[1] * s[2]) : images.reshape(s[0], 1, s[1], s[2]);
        return new Dataset(x, labels);
    }

    private static Path find(Path dir, String name) throws IOException {
        for (Path p : new Path[] {dir.resolve(name + ".gz"), dir.resolve(name)}) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException("MNIST: neither " + name + ".gz nor " + name + " in " + dir);
    }
}
