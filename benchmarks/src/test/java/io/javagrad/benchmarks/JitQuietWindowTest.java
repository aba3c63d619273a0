package io.javagrad.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JitQuietWindowTest {
    @Test
    void oneQuietRunShorterThanTheWindowIsNotEnough() {
        JitQuietWindow w = new JitQuietWindow(2, 100);
        assertFalse(w.add(0.5, 0.2));
        assertFalse(w.add(0.5, 0)); // quiet, but 1 s is not 2
        assertFalse(w.add(0.5, 0));
        assertFalse(w.add(0.5, 0)); // 2 s, but the first run compiled 0.2 s
        assertTrue(w.add(0.5, 0)); // the first run has left the window
    }

    @Test
    void compilingIsSummedOverTheWindow() {
        JitQuietWindow w = new JitQuietWindow(2, 100);
        for (int i = 0; i < 4; i++) {
            assertFalse(w.add(0.5, 0.006)); // 24 ms over 2 s is more than 1%
        }
        JitQuietWindow v = new JitQuietWindow(2, 100);
        for (int i = 0; i < 3; i++) {
            assertFalse(v.add(0.5, 0.004));
        }
        assertTrue(v.add(0.5, 0.004)); // 16 ms over 2 s
    }

    @Test
    void aLongRunFillsTheWindowAlone() {
        JitQuietWindow w = new JitQuietWindow(2, 100);
        assertFalse(w.add(0.1, 0.05));
        assertFalse(w.add(2.6, 0.03)); // the window is this run alone: 30 ms over 2.6 s
        assertTrue(w.add(2.6, 0.01)); // 10 ms over 2.6 s
        assertFalse(w.add(2.6, 0.1));
    }
}
