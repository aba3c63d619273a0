package io.javagrad.examples;

import static io.javagrad.examples.ExampleRuns.number;
import static io.javagrad.examples.ExampleRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CustomLoopExampleTest {

    @Test
    void handWrittenLoopLearnsMnistAndIsReproducible() throws Exception {
        String output = run(new CustomLoopExample(), "--epochs", "1");
        assertTrue(number(output, "test accuracy (\\d+\\.\\d\\d)%") > 85, output);
        assertTrue(number(output, "mean training loss (\\d+\\.\\d+)") < 1.0, output);
        assertEquals(output, run(new CustomLoopExample(), "--epochs", "1"), "same seed, same run");
    }
}
