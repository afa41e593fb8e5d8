package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Readers racing writers on one key always see one whole version; racing conditional creates: one wins. */
class ConcurrencyIT extends S3Fixture {

    @Test
    void readersSeeWholeVersionsWhileTheKeyIsOverwritten() throws Exception {
        String bucket = newBucket();
        s3.putObject(b -> b.bucket(bucket).key("hot"), RequestBody.fromString("v-0".repeat(1000)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                tasks.add(pool.submit(() -> {
                    for (int i = 1; i <= 25; i++) {
                        String v = "v-" + (writer * 100 + i);
                        s3.putObject(b -> b.bucket(bucket).key("hot"), RequestBody.fromString(v.repeat(1000)));
                    }
                }));
            }
            for (int r = 0; r < 4; r++) {
                tasks.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        String body = s3.getObjectAsBytes(b -> b.bucket(bucket).key("hot")).asUtf8String();
                        String unit = body.substring(0, body.length() / 1000);
                        assertEquals(unit.repeat(1000), body, "a torn read");
                        seen.add(unit);
                    }
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
            assertTrue(seen.size() >= 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofRacingCreateIfAbsentWritesExactlyOneWins() throws Exception {
        String bucket = newBucket();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger won = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int n = i;
                tasks.add(pool.submit(() -> {
                    try {
                        s3.putObject(b -> b.bucket(bucket).key("lock").ifNoneMatch("*"), RequestBody.fromString("" + n));
                        won.incrementAndGet();
                    } catch (S3Exception e) {
                        assertEquals(412, e.statusCode());
                        refused.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : tasks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, won.get());
        assertEquals(15, refused.get());
    }
}
