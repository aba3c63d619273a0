package io.javagrad.core.kernels;

import io.javagrad.core.Parallelism;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("kernels")
class ParallelForTest {
    private final int saved = Parallelism.threads();

    @AfterEach
    void restoreThreads() {
        Parallelism.setThreads(saved);
    }

    @Test
    void everyIndexRunsExactlyOnce() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallelism.setThreads(threads);
            for (int n : new int[] {0, 1, 2, 5, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                ParallelFor.run(n, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " of " + n + " with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void aChunkWhoseWorkerHasNotStartedIsRunByTheCallerOnce() throws InterruptedException {
        Parallelism.setThreads(2);
        int loops = 200;
        int stolen = 0;
        for (int loop = 0; loop < loops; loop++) {
            Thread.sleep(2); // longer than a worker spins: it parks, and waking it takes longer than the empty chunk 0
            Thread caller = Thread.currentThread();
            AtomicIntegerArray hits = new AtomicIntegerArray(2);
            boolean[] ranOnCaller = new boolean[1];
            ParallelFor.run(2, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> {
                for (int i = from; i < to; i++) {
                    hits.incrementAndGet(i);
                    if (i == 1) {
                        ranOnCaller[0] = Thread.currentThread() == caller;
                    }
                }
            });
            assertEquals(1, hits.get(0), "loop " + loop);
            assertEquals(1, hits.get(1), "loop " + loop);
            stolen += ranOnCaller[0] ? 1 : 0;
        }
        assertTrue(stolen > 0, "the caller never ran the parked worker's chunk in " + loops + " loops");
    }

    @Test
    void aFailingChunkIsRethrown() {
        Parallelism.setThreads(2);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ParallelFor.run(10, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> {
                    if (from > 0) {
                        throw new IllegalStateException("chunk " + from);
                    }
                }));
        assertEquals("chunk 5", e.getMessage());
    }

    @Test
    void loopsFromSeveralCallersAtOnceEachRunEveryIndexOnce() throws InterruptedException {
        Parallelism.setThreads(2);
        int callers = 4;
        int n = 10_000;
        AtomicIntegerArray hits = new AtomicIntegerArray(callers * n);
        Thread[] threads = new Thread[callers];
        for (int c = 0; c < callers; c++) {
            int base = c * n;
            threads[c] = new Thread(() -> {
                for (int round = 0; round < 200; round++) {
                    ParallelFor.run(n, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(base + i);
                        }
                    });
                }
            });
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < callers * n; i++) {
            assertEquals(200, hits.get(i), "index " + i);
        }
    }

    @Test
    void withOneThreadABackgroundTaskRunsOnceOnTheThreadThatAsksForIt() {
        Parallelism.setThreads(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Supplier<String> result = ParallelFor.inBackground(() -> {
            runs.incrementAndGet();
            ranOn.set(Thread.currentThread());
            return "done";
        });
        assertEquals(0, runs.get(), "ran before get");
        assertEquals("done", result.get());
        assertEquals("done", result.get());
        assertEquals(1, runs.get());
        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void anIdleWorkerRunsABackgroundTaskWhileAParallelLoopStillRunsEveryIndexOnce() throws InterruptedException {
        Parallelism.setThreads(2);
        ParallelFor.run(2, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> { }); // makes the pool of one worker
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Supplier<Integer> result = ParallelFor.inBackground(() -> {
            ranOn.set(Thread.currentThread());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return 42;
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "no worker started the task");
        assertNotSame(Thread.currentThread(), ranOn.get());
        // The worker is busy with the task: the caller runs the whole loop, each index once.
        int n = 1000;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        ParallelFor.run(n, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i);
        }
        release.countDown();
        assertEquals(42, result.get());
    }

    @Test
    void aBackgroundTaskThatYieldsLetsTheWorkerRunItsChunkOfALoopFirst() throws InterruptedException {
        Parallelism.setThreads(2);
        ParallelFor.run(2, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> { }); // makes the pool of one worker
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        Supplier<Thread> task = ParallelFor.inBackground(() -> {
            started.countDown();
            while (!stop.get()) {
                ParallelFor.yieldToLoop();
            }
            return Thread.currentThread();
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "no worker started the task");
        // Chunk 0 (the caller's) waits until chunk 1 has run: only the worker, inside its task, can run it then.
        CountDownLatch secondRan = new CountDownLatch(1);
        AtomicReference<Thread> secondOn = new AtomicReference<>();
        boolean[] waited = new boolean[1];
        ParallelFor.run(2, ParallelFor.MIN_PARALLEL_WORK, (from, to) -> {
            if (from == 0) {
                try {
                    waited[0] = secondRan.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            } else {
                secondOn.set(Thread.currentThread());
                secondRan.countDown();
            }
        });
        stop.set(true);
        assertTrue(waited[0], "the worker did not run its chunk while in the background task");
        assertSame(task.get(), secondOn.get());
        assertNotSame(Thread.currentThread(), secondOn.get());
        ParallelFor.yieldToLoop(); // off the pool: nothing to do
    }

    @Test
    void bothRunsEachTaskOnceWhateverTheThreads() {
        for (int threads = 1; threads <= 3; threads++) {
            Parallelism.setThreads(threads);
            for (long work : new long[] {1, ParallelFor.MIN_PARALLEL_WORK}) {
                AtomicInteger first = new AtomicInteger();
                AtomicInteger second = new AtomicInteger();
                ParallelFor.both(work, first::incrementAndGet, second::incrementAndGet);
                assertEquals(1, first.get(), threads + " threads, work " + work);
                assertEquals(1, second.get(), threads + " threads, work " + work);
            }
        }
    }

    @Test
    void withTwoThreadsBothRunsTheTasksAtOnce() throws InterruptedException {
        Parallelism.setThreads(2);
        // The first task waits for the second to start: one after the other, it would time out.
        CountDownLatch secondStarted = new CountDownLatch(1);
        boolean[] overlapped = new boolean[1];
        ParallelFor.both(ParallelFor.MIN_PARALLEL_WORK, () -> {
            try {
                overlapped[0] = secondStarted.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, secondStarted::countDown);
        assertTrue(overlapped[0], "the second task did not run while the first did");
    }

    @Test
    void aBackgroundTaskFailureIsRethrownByGet() {
        for (int threads = 1; threads <= 2; threads++) {
            Parallelism.setThreads(threads);
            Supplier<Object> result = ParallelFor.inBackground(() -> {
                throw new IllegalArgumentException("bad batch");
            });
            assertEquals("bad batch", assertThrows(IllegalArgumentException.class, result::get).getMessage(),
                    threads + " threads");
            Supplier<Object> error = ParallelFor.inBackground(() -> {
                throw new AssertionError("broken");
            });
            assertEquals("broken", assertThrows(AssertionError.class, error::get).getMessage());
        }
        // The worker survived the failures.
        Parallelism.setThreads(2);
        assertEquals(7, ParallelFor.inBackground(() -> 7).get());
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> Parallelism.setThreads(0));
    }
}
