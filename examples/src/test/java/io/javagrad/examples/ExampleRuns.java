package io.javagrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers of the example tests: run an example into a string, read numbers from its output, check PNG files. */
final class ExampleRuns {
    private ExampleRuns() {}

    /** Runs {@code example} with the command-line {@code args} and returns what it printed. */
    static String run(Example example, String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.run(ExampleOptions.parse(args, 0), out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The number captured by the first group of {@code regex} in {@code output}; fails when it does not occur. */
    static double number(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + output);
        return Double.parseDouble(m.group(1));
    }

    /** Asserts that {@code file} starts with the PNG signature. */
    static void assertPng(Path file) throws IOException {
        byte[] head = new byte[4];
        System.arraycopy(Files.readAllBytes(file), 0, head, 0, 4);
        assertEquals("\u0089PNG", new String(head, StandardCharsets.ISO_8859_1), file + " is not a PNG");
    }
}
