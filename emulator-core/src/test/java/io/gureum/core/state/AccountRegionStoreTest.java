package io.gureum.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccountRegionStoreTest {

    record Scope(String account, String region) {}

    @Test
    void createsOneStorePerAccountAndRegion() {
        AtomicInteger created = new AtomicInteger();
        AccountRegionStore<Scope> store = new AccountRegionStore<>((a, r) -> {
            created.incrementAndGet();
            return new Scope(a, r);
        });
        Scope seoul = store.get("111111111111", "ap-northeast-2");
        assertSame(seoul, store.get("111111111111", "ap-northeast-2"));
        assertEquals(new Scope("111111111111", "ap-northeast-2"), seoul);
        assertNotSame(seoul, store.get("111111111111", "us-east-1"));
        assertNotSame(seoul, store.get("222222222222", "ap-northeast-2"));
        assertEquals(3, created.get());
    }

    @Test
    void forEachVisitsCreatedStoresAndClearDropsThem() {
        AccountRegionStore<Map<String, String>> store = new AccountRegionStore<>((a, r) -> new HashMap<>());
        store.get("1", "us-east-1").put("k", "v");
        store.get("2", "eu-west-1");
        Map<AccountRegionStore.Key, Map<String, String>> seen = new HashMap<>();
        store.forEach(seen::put);
        assertEquals(2, seen.size());
        assertEquals("v", seen.get(new AccountRegionStore.Key("1", "us-east-1")).get("k"));
        store.clear();
        assertEquals(Map.of(), store.get("1", "us-east-1"));
    }

    @Test
    void concurrentFirstUseCreatesOnce() throws InterruptedException {
        AtomicInteger created = new AtomicInteger();
        AccountRegionStore<Object> store = new AccountRegionStore<>((a, r) -> {
            created.incrementAndGet();
            return new Object();
        });
        Map<Object, Boolean> instances = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 64; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                instances.put(store.get("1", "us-east-1"), true);
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(1, created.get());
        assertEquals(1, instances.size());
    }

    @Test
    void accountStoreIsPerAccount() {
        AccountStore<StringBuilder> store = new AccountStore<>(a -> new StringBuilder(a));
        assertSame(store.get("111111111111"), store.get("111111111111"));
        assertNotSame(store.get("111111111111"), store.get("222222222222"));
        Map<String, String> seen = new HashMap<>();
        store.forEach((account, sb) -> seen.put(account, sb.toString()));
        assertEquals(Map.of("111111111111", "111111111111", "222222222222", "222222222222"), seen);
        StringBuilder before = store.get("111111111111");
        store.clear();
        assertNotSame(before, store.get("111111111111"));
    }
}
