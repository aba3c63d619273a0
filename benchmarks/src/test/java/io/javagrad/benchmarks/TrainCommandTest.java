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
        String line = trainTiny("1");
        assertTrue(line.matches("train model=tiny threads=1 samples_per_sec=\\d+ test_accuracy=0\\.\\d{4} "
                + "seconds=\\d+\\.\\d{2} warmup_runs=1"), line);
    }

    @Test
    void aTwoThreadLineEndsWithTheCoresRoundTrip() throws Exception {
        String line = trainTiny("2");
        assertTrue(line.matches("train model=tiny threads=2 samples_per_sec=\\d+ test_accuracy=0\\.\\d{4} "
                + "seconds=\\d+\\.\\d{2} warmup_runs=1 core_round_trip_ns=\\d+"), line);
        assertTrue(Long.parseLong(line.substring(line.lastIndexOf('=') + 1)) > 0, line);
    }

    /** The line of a one-epoch tiny run with one warm-up and three timed runs at {@code threads}. */
    private static String trainTiny(String threads) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            new TrainCommand().run(new String[] {"--model", "tiny", "--threads", threads, "--epochs", "1",
                    "--warmup", "1", "--runs", "3"});
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void rejectsAnUnknownModelAndABadRunCount() {
        assertThrows(IllegalArgumentException.class, () -> new TrainCommand().run(new String[] {"--model", "vgg"}));
        assertThrows(IllegalArgumentException.class,
                () -> new TrainCommand().run(new String[] {"--model", "tiny", "--runs", "0"}));
    }
}
