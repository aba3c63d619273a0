package io.javagrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MachineCheckTest {
    /**
     * Many short checks in a row each end, with a positive time: the other thread must see the stop whatever turn
     * it was about to take (a stop written before its last turn used to be overwritten, and the check then hung).
     */
    @Test
    void everyCheckEndsWithAPositiveTime() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int check = 0; check < 3_000; check++) {
                double nanos = MachineCheck.roundTripNanos(1 + check % 5);
                assertTrue(nanos > 0, "check " + check + ": " + nanos + " ns");
            }
        });
    }
}
