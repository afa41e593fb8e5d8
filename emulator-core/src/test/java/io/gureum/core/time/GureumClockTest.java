package io.gureum.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GureumClockTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final GureumClock clock = new GureumClock(Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void startsAtBaseTimeWithZeroOffset() {
        assertEquals(T0, clock.now());
        assertEquals(0, clock.offsetSeconds());
    }

    @Test
    void advanceMovesNowAndOffset() {
        clock.advance(Duration.ofMinutes(5));
        clock.advance(Duration.ofSeconds(30));
        assertEquals(T0.plusSeconds(330), clock.now());
        assertEquals(330, clock.offsetSeconds());
    }

    @Test
    void neverGoesBackwards() {
        clock.advance(Duration.ofSeconds(10));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        assertEquals(T0.plusSeconds(10), clock.now());
    }

    @Test
    void resetReturnsToBase() {
        clock.advance(Duration.ofHours(1));
        clock.reset();
        assertEquals(T0, clock.now());
        assertEquals(0, clock.offsetSeconds());
    }

    @Test
    void listenersFireAfterEachAdvanceAndSeeTheNewTime() {
        List<Instant> seen = new ArrayList<>();
        clock.onAdvance(() -> seen.add(clock.now()));
        clock.advance(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(List.of(T0.plusSeconds(1), T0.plusSeconds(3)), seen);
    }

    @Test
    void failingListenerDoesNotStopOthers() {
        AtomicInteger calls = new AtomicInteger();
        clock.onAdvance(() -> {
            throw new IllegalStateException("boom");
        });
        clock.onAdvance(calls::incrementAndGet);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, calls.get());
        assertEquals(T0.plusSeconds(1), clock.now());
    }

    @Test
    void concurrentAdvancesAllCount() throws InterruptedException {
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int j = 0; j < 1000; j++) {
                    clock.advance(Duration.ofSeconds(1));
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(8000, clock.offsetSeconds());
    }

    @Test
    void asClockFollowsTheClock() {
        Clock view = clock.asClock();
        clock.advance(Duration.ofDays(1));
        assertEquals(T0.plus(Duration.ofDays(1)), view.instant());
        assertEquals(ZoneOffset.UTC, view.getZone());
    }

    @Test
    void noArgClockIsNearSystemTime() {
        Instant now = new GureumClock().now();
        long drift = Math.abs(Duration.between(Instant.now(), now).toMillis());
        assertTrue(drift < 5_000, "drift " + drift);
    }
}
