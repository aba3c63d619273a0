package io.javagrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainCommandTest {
    @Test
    void printsOneLineForTheMedianOfTheTimedRuns() throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new TrainCommand().run(new String[] {"--model", "tiny", "--threads", "1", "--epochs", "1", "--warmup", "1",
                    "--runs", "3"});
        } finally {
            System.setOut(out);
        }
        String line = captured.toString(StandardCharsets.UTF_8).strip();
        assertTrue(line.matches("train model=tiny threads=1 samples_per_sec=\\d+ test_accuracy=0\\.\\d{4} "
                + "seconds=\\d+\\.\\d{2} warmup_runs=1"), line);
    }

    @Test
    void rejectsAnUnknownModelAndABadRunCount() {
        assertThrows(IllegalArgumentException.class, () -> new TrainCommand().run(new String[] {"--model", "vgg"}));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainCommand().run(new String[] {"--model", "tiny", "--runs", "0"}));
    }
}
