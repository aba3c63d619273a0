package io.javagrad.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs {@code examples/jshell/tour.jsh} in the JDK's jshell, as a reader would, against this build's classes. */
class TourScriptTest {

    @Test
    void tourRunsWithoutErrors() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assumeTrue(Files.isExecutable(jshell), "no jshell in " + jshell.getParent());
        List<String> classPath = new ArrayList<>();
        for (String key : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(key);
            if (value != null && !value.isEmpty()) {
                classPath.add(value);
            }
        }
        Process process = new ProcessBuilder(jshell.toString(), "--add-modules", "jdk.incubator.vector",
                "--class-path", String.join(File.pathSeparator, classPath), Path.of("jshell", "tour.jsh").toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.lines().noneMatch(l -> l.startsWith("|")), "jshell reported a problem:\n" + output);
        assertEquals(2, output.lines().filter(l -> l.contains("gradient check passed")).count(), output);
        assertTrue(output.contains("d/du sum(3u^2) = 6u = tensor([6., 12., 18.]"), output);
        assertTrue(output.contains("predictions for 00 01 10 11"), output);
    }
}
