package io.javagrad.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir
    Path dir;

    /** shared/data/mnist in this directory or one of its parents, or {@code null}. */
    static Path sharedMnist() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/mnist");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @Test
    void loadsTheSharedSubset() throws IOException {
        Path mnist = sharedMnist();
        Assumptions.assumeTrue(mnist != null,
                "shared/data/mnist not found in the working directory or its parents: skipping the real MNIST test");
        Mnist.Data data = Mnist.load(mnist);
        assertArrayEquals(new int[] {8000, 1, 28, 28}, data.train().x().shape());
        assertArrayEquals(new int[] {2000, 1, 28, 28}, data.test().x().shape());
        assertArrayEquals(new int[] {8000}, data.train().y().shape());
        int[] counts = new int[10];
        for (Dataset d : new Dataset[] {data.train(), data.test()}) {
            for (double label : d.y().toDoubleArray()) {
                counts[(int) label]++;
            }
            Tensor x = d.x();
            assertEquals(0, x.amin(new int[] {0, 1, 2, 3}, false).item());
            assertEquals(1, x.amax(new int[] {0, 1, 2, 3}, false).item());
        }
        // the class counts of the 10,000 digits given in the data's README
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, counts);
        assertArrayEquals(new int[] {2000, 784}, Mnist.load(mnist, Mnist.Layout.FLAT).test().x().shape());
    }

    private void writeSet(String prefix, int images, byte[] labels) throws IOException {
        byte[] pixels = new byte[images * 4 * 4];
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                IdxReaderTest.gzip(IdxReaderTest.idx(0x08, new int[] {images, 4, 4}, pixels)));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), IdxReaderTest.idx(0x08, new int[] {labels.length}, labels));
    }

    @Test
    void smallHandMadeFolderLoadsAndIsChecked() throws IOException {
        writeSet("train", 3, new byte[] {1, 2, 3});
        writeSet("t10k", 2, new byte[] {9, 0});
        Mnist.Data data = Mnist.load(dir);
        assertArrayEquals(new int[] {3, 1, 4, 4}, data.train().x().shape());
        assertArrayEquals(new float[] {9, 0}, data.test().y().toFloatArray());
        assertArrayEquals(new int[] {3, 16}, Mnist.load(dir, Mnist.Layout.FLAT).train().x().shape());

        writeSet("t10k", 2, new byte[] {9, 0, 1});
        IOException e = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("2 images") && e.getMessage().contains("3 labels"), e.getMessage());
        writeSet("t10k", 2, new byte[] {9, 12});
        e = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("label 12"), e.getMessage());
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte"));
        e = assertThrows(IOException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte"), e.getMessage());
    }
}
