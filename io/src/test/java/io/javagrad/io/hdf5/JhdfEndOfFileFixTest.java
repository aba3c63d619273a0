package io.javagrad.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JhdfEndOfFileFixTest {
    @TempDir
    Path dir;

    /** Group "a" holds a dataset in "x" and an empty group "z" that jhdf writes after it. */
    private static void datasetThenEmptyGroup(WritableGroup root) {
        WritableGroup a = root.putGroup("a");
        a.putGroup("x").putGroup("t").putDataset("data", new float[] {1, 2, 3});
        a.putGroup("z").putAttribute("note", "no datasets here");
    }

    @Test
    void emptyGroupsWrittenAfterTheLastDatasetSurvive() throws IOException {
        Path file = dir.resolve("fixed.h5");
        Hdf5Files.writeAtomically(file, JhdfEndOfFileFixTest::datasetThenEmptyGroup);
        assertEquals(5, Hdf5Files.read(file, JhdfEndOfFileFixTest::countNodes));
        assertEquals("no datasets here", Hdf5Files.read(file, h5 -> Hdf5Read.string(h5.getByPath("a/z"), "note")));
    }

    /** Fails once jhdf fixes the bug: then JhdfEndOfFileFix can go. */
    @Test
    void plainJhdfStillCorruptsSuchFiles() {
        Path file = dir.resolve("plain.h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            datasetThenEmptyGroup(h5);
        }
        assertThrows(IOException.class, () -> Hdf5Files.read(file, JhdfEndOfFileFixTest::countNodes));
    }

    private static int countNodes(Group group) {
        int n = 0;
        for (Node child : group.getChildren().values()) {
            n += 1 + (child instanceof Group g ? countNodes(g) : 0);
        }
        return n;
    }
}
