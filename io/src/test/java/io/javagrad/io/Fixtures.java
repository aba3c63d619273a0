package io.javagrad.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared test files in {@code ../shared/fixtures/<kind>} beside the repository (files saved by real Keras
 * and PyTorch versions, not part of the project). Tests that need them are skipped when the folder is absent.
 */
public final class Fixtures {
    private Fixtures() {}

    /** The fixture folder of {@code kind} ("keras", "onnx"); skips the calling test when it is absent. */
    public static Path dir(String kind) {
        Path found = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null && found == null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("fixtures").resolve(kind);
            if (Files.isDirectory(candidate)) {
                found = candidate;
            }
        }
        assumeTrue(found != null, "skipped: no shared/fixtures/" + kind + " folder beside the repository");
        return found;
    }

    /** The fixture file {@code name} of {@code kind}; skips the calling test when it is absent. */
    public static Path file(String kind, String name) {
        Path file = dir(kind).resolve(name);
        assumeTrue(Files.isRegularFile(file), "skipped: fixture " + file + " is absent");
        return file;
    }

    /** All files of {@code kind} ending in {@code suffix}, sorted; skips the calling test when there are none. */
    public static List<Path> files(String kind, String suffix) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir(kind))) {
            files = s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "skipped: no " + suffix + " files in shared/fixtures/" + kind);
        return files;
    }
}
