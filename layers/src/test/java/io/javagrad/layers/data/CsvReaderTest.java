package io.javagrad.layers.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("table.csv"), text);
    }

    private void assertRejected(CsvReader reader, Path file, String... parts) {
        IOException e = assertThrows(IOException.class, () -> reader.read(file));
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void headerAndLabelColumnByName() throws IOException {
        Path f = write("a, \"b\" ,label,c\n1,2,0,3\n\n4.5,-5,1,6e1\n");
        Dataset d = new CsvReader().header(true).labelColumns("label").read(f);
        assertEquals(2, d.size());
        assertEquals(DType.FLOAT32, d.x().dtype());
        assertArrayEquals(new float[] {1, 2, 3, 4.5f, -5, 60}, d.x().toFloatArray());
        assertArrayEquals(new int[] {2, 1}, d.y().shape());
        assertArrayEquals(new float[] {0, 1}, d.y().toFloatArray());
    }

    @Test
    void delimiterLabelIndicesAndDtype() throws IOException {
        Path f = write("1;2;3\n4;5;6\n");
        Dataset d = new CsvReader().delimiter(';').labelColumns(0, 2).dtype(DType.FLOAT64).read(f);
        assertEquals(DType.FLOAT64, d.y().dtype());
        assertArrayEquals(new double[] {2, 5}, d.x().toDoubleArray());
        assertArrayEquals(new double[] {1, 3, 4, 6}, d.y().toDoubleArray());
        Dataset all = new CsvReader().delimiter(';').read(f);
        assertArrayEquals(new int[] {2, 3}, all.x().shape());
        assertTrue(all.ys().isEmpty());
    }

    @Test
    void errorsNameTheLineAndColumn() throws IOException {
        Path f = write("x,y,z\n1,2,3\n4,oops,6\n");
        assertRejected(new CsvReader().header(true), f, "table.csv line 3, column 2 ('y')", "'oops' is not a number");
        assertRejected(new CsvReader(), f, "line 1, column 1", "'x'");
        assertRejected(new CsvReader(), write("1,2\n3\n"), "line 2", "1 cells, expected 2");
        assertRejected(new CsvReader(), write("1,,2\n"), "line 1, column 2", "'' is not a number");
        assertRejected(new CsvReader().labelColumns("y"), write("1,2\n"), "need a header");
        assertRejected(new CsvReader().header(true).labelColumns("w"), write("x,y\n1,2\n"), "no column named 'w'");
        assertRejected(new CsvReader().labelColumns(2), write("1,2\n"), "label column 2");
        assertRejected(new CsvReader().header(true), write("x,y\n"), "no data rows");
    }
}
