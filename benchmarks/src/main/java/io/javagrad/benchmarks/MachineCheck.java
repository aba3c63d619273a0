package io.javagrad.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far apart the machine has placed two threads, measured next to a benchmark so that a slow two-thread figure can
 * be told apart from a slow placement of the machine's CPUs.
 *
 * <p>{@link #roundTripNanos()} times a counter passed back and forth between the calling thread and a second one, each
 * spinning until the other has written its turn: the time a cache line takes to go to the other core and back. On the
 * 2-vCPU virtual machine of the README the host moves its vCPUs over time, within one process too: a round trip took
 * 70-150 ns in some stretches and 230-490 ns in others, and two-thread mlp training ran at 111,000-124,000 samples/s
 * in the first and at 82,000-91,000 in the second, runs alternating with the check in one process. The machine's
 * other two-thread figures did not tell the two apart: a loop of vector fused multiply-adds scaled by 1.93-1.97
 * throughout, and streaming through 8 MB per thread by 1.65-1.8 in both.
 */
final class MachineCheck {
    /** Round trips per check at most: 20-100 ms on the machine of the README... */
    private static final int ROUND_TRIPS = 200_000;
    /** ...and no longer than this, however slowly the other thread gets its turns. */
    private static final long MAX_NANOS = 200_000_000;
    /**
     * Round trips between two looks at the clock: often enough that a machine with one CPU, where each turn waits for
     * the scheduler to switch threads (milliseconds), still stops near {@link #MAX_NANOS}.
     */
    private static final int CLOCK_EVERY = 64;
    /** The turn that tells the other thread to stop. */
    private static final long STOP = -1;

    private MachineCheck() {}

    /** The mean time, in nanoseconds, of a round trip of a counter between two threads (see the class comment). */
    static double roundTripNanos() throws InterruptedException {
        return roundTripNanos(ROUND_TRIPS);
    }

    /** {@link #roundTripNanos()} over at most {@code roundTrips} round trips. */
    static double roundTripNanos(int roundTrips) throws InterruptedException {
        AtomicLong turn = new AtomicLong();
        Thread other = new Thread(() -> {
            for (long mine = 1; ; mine += 2) {
                if (!awaitTurn(turn, mine)) {
                    return;
                }
                turn.set(mine + 1);
            }
        }, "machine-check");
        other.start();
        long start = System.nanoTime();
        long mine = 0;
        for (; mine < 2L * roundTrips; mine += 2) {
            awaitTurn(turn, mine);
            if (mine % (2 * CLOCK_EVERY) == 0 && System.nanoTime() - start > MAX_NANOS) {
                break;
            }
            turn.set(mine + 1);
        }
        long elapsed = System.nanoTime() - start;
        // Stop on our own turn, while the other thread waits for its next one: written any earlier, STOP could be
        // overwritten by the other thread's last turn, which would then wait forever.
        awaitTurn(turn, mine);
        turn.set(STOP);
        other.join();
        return (double) elapsed / Math.max(1, mine / 2);
    }

    /** Spins until {@code turn} is {@code mine} (returns true) or {@link #STOP} (returns false). */
    private static boolean awaitTurn(AtomicLong turn, long mine) {
        for (long t; (t = turn.get()) != mine; ) {
            if (t == STOP) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
