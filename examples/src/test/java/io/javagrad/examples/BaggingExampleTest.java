package io.javagrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Parallelism;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaggingExampleTest {

    @Test
    void printsMemberAndEnsembleAccuraciesAndWritesTheConfusionMatrix(@TempDir Path dir) throws Exception {
        int threads = Parallelism.threads();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new BaggingExample().run(ExampleOptions.parse(new String[] {"--epochs", "1", "--out", dir.toString()}, 0),
                    out);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(5, output.lines().filter(l -> l.matches("member \\d: test accuracy \\d+\\.\\d\\d%")).count(),
                output);
        Matcher m = Pattern.compile("ensemble accuracy (\\d+\\.\\d\\d)%").matcher(output);
        assertTrue(m.find(), output);
        assertTrue(Double.parseDouble(m.group(1)) > 80, output);
        assertTrue(Files.size(dir.resolve("bagging-confusion.png")) > 5_000);
        assertEquals(threads, Parallelism.threads(), "the kernel thread count is restored");
    }
}
