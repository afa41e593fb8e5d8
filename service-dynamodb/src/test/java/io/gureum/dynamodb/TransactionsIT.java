package io.gureum.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.*;

class TransactionsIT extends DynamoDbTestSupport {

    @Test
    void batchWriteAndGet() {
        String t = table(null, null);
        List<WriteRequest> puts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s("k" + puts.size()), "v", n("1")))).build());
        }
        BatchWriteItemResponse w = ddb.batchWriteItem(b -> b.requestItems(Map.of(t, puts)));
        assertTrue(w.unprocessedItems().isEmpty());
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            keys.add(key("k" + i));
        }
        BatchGetItemResponse g = ddb.batchGetItem(b -> b.requestItems(Map.of(t, KeysAndAttributes.builder().keys(keys)
                .projectionExpression("pk").build())).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertEquals(25, g.responses().get(t).size());
        assertEquals(1, g.responses().get(t).get(0).size());
        assertTrue(g.unprocessedKeys().isEmpty());
        assertEquals(12.5, g.consumedCapacity().get(0).capacityUnits());
        List<WriteRequest> deletes = List.of(WriteRequest.builder().deleteRequest(d -> d.key(key("k0"))).build());
        ddb.batchWriteItem(b -> b.requestItems(Map.of(t, deletes)));
        assertFalse(ddb.getItem(b -> b.tableName(t).key(key("k0"))).hasItem());

        List<WriteRequest> tooMany = new ArrayList<>(puts);
        tooMany.add(puts.get(0));
        assertValidation("Too many items requested for the BatchWriteItem call",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, tooMany))));
        assertValidation("Provided list of item keys contains duplicates",
                () -> ddb.batchWriteItem(b -> b.requestItems(Map.of(t, List.of(puts.get(0), puts.get(0))))));
        List<Map<String, AttributeValue>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(key("x" + i));
        }
        assertValidation("Too many items requested for the BatchGetItem call",
                () -> ddb.batchGetItem(b -> b.requestItems(Map.of(t, KeysAndAttributes.builder().keys(many).build()))));
    }

    @Test
    void transactWriteIsAllOrNothing() {
        String t = table(null, null);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("acct-a"), "balance", n("100"))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("acct-b"), "balance", n("0"))));
        TransactionCanceledException e = assertThrows(TransactionCanceledException.class, () -> ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(t).key(key("acct-a")).updateExpression("SET balance = balance - :x")
                        .conditionExpression("balance >= :x").expressionAttributeValues(Map.of(":x", n("150")))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(t).key(key("acct-b")).updateExpression("SET balance = balance + :x")
                        .expressionAttributeValues(Map.of(":x", n("150")))).build())));
        assertEquals(400, e.statusCode());
        assertEquals("TransactionCanceledException", e.awsErrorDetails().errorCode());
        assertEquals(List.of("ConditionalCheckFailed", "None"), e.cancellationReasons().stream().map(CancellationReason::code).toList());
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]"));
        assertEquals("0", ddb.getItem(b -> b.tableName(t).key(key("acct-b"))).item().get("balance").n());

        ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName(t).key(key("acct-a")).updateExpression("SET balance = balance - :x")
                        .conditionExpression("balance >= :x").expressionAttributeValues(Map.of(":x", n("60")))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(t).key(key("acct-b")).updateExpression("SET balance = balance + :x")
                        .expressionAttributeValues(Map.of(":x", n("60")))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(t).item(Map.of("pk", s("log-1")))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(t).key(key("acct-z")).conditionExpression("attribute_not_exists(pk)")).build()));
        TransactGetItemsResponse got = ddb.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(t).key(key("acct-a"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(t).key(key("acct-b"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(t).key(key("missing"))).build()));
        assertEquals("40", got.responses().get(0).item().get("balance").n());
        assertEquals("60", got.responses().get(1).item().get("balance").n());
        assertFalse(got.responses().get(2).hasItem());
        assertValidation("Transaction request cannot include multiple operations on one item", () -> ddb.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(t).item(key("dup"))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(t).key(key("dup"))).build())));
    }

    @Test
    void idempotencyTokenAppliesOnce() {
        String t = table(null, null);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("c"), "n", n("0"))));
        for (int i = 0; i < 3; i++) {
            ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(TransactWriteItem.builder()
                    .update(u -> u.tableName(t).key(key("c")).updateExpression("ADD n :one")
                            .expressionAttributeValues(Map.of(":one", n("1")))).build()));
        }
        assertEquals("1", ddb.getItem(b -> b.tableName(t).key(key("c"))).item().get("n").n());
        IdempotentParameterMismatchException e = assertThrows(IdempotentParameterMismatchException.class,
                () -> ddb.transactWriteItems(b -> b.clientRequestToken("token-1").transactItems(TransactWriteItem.builder()
                        .update(u -> u.tableName(t).key(key("c")).updateExpression("ADD n :two")
                                .expressionAttributeValues(Map.of(":two", n("2")))).build())));
        assertEquals(400, e.statusCode());
    }

    /**
     * 16 threads, conditional read-modify-write with retry on conflict: the total is exact. Every success
     * costs about as many rounds as there are contenders, so the work grows with the square of the threads:
     * 16 keep it a few thousand requests, which a busy machine still finishes well inside the bound.
     */
    @Test
    void concurrentConditionalIncrementsReachTheExactTotal() throws Exception {
        String t = table(null, null);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("counter"), "n", n("0"))));
        int threads = 16;
        int perThread = 8;
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                for (int k = 0; k < perThread; k++) {
                    while (true) {
                        String current = ddb.getItem(b -> b.tableName(t).key(key("counter")).consistentRead(true)).item().get("n").n();
                        String next = Long.toString(Long.parseLong(current) + 1);
                        try {
                            ddb.updateItem(b -> b.tableName(t).key(key("counter")).updateExpression("SET n = :next")
                                    .conditionExpression("n = :current")
                                    .expressionAttributeValues(Map.of(":next", n(next), ":current", n(current))));
                            break;
                        } catch (ConditionalCheckFailedException e) {
                            conflicts.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(15, TimeUnit.MINUTES); // only a livelock would take this long
        }
        pool.shutdown();
        assertEquals(Integer.toString(threads * perThread),
                ddb.getItem(b -> b.tableName(t).key(key("counter"))).item().get("n").n());
    }

    /** Transfers between two items keep their sum constant for every concurrent reader. */
    @Test
    void concurrentTransactionsNeverExposePartialWrites() throws Exception {
        String t = table(null, null);
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("a"), "v", n("1000"))));
        ddb.putItem(b -> b.tableName(t).item(Map.of("pk", s("b"), "v", n("1000"))));
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger torn = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Future<?>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writers.add(pool.submit(() -> {
                for (int k = 0; k < 40; k++) {
                    ddb.transactWriteItems(b -> b.transactItems(
                            TransactWriteItem.builder().update(u -> u.tableName(t).key(key("a")).updateExpression("ADD v :m")
                                    .expressionAttributeValues(Map.of(":m", n("-1")))).build(),
                            TransactWriteItem.builder().update(u -> u.tableName(t).key(key("b")).updateExpression("ADD v :p")
                                    .expressionAttributeValues(Map.of(":p", n("1")))).build()));
                }
                return null;
            }));
        }
        List<Future<?>> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            readers.add(pool.submit(() -> {
                while (!done.get()) {
                    TransactGetItemsResponse r = ddb.transactGetItems(b -> b.transactItems(
                            TransactGetItem.builder().get(g -> g.tableName(t).key(key("a"))).build(),
                            TransactGetItem.builder().get(g -> g.tableName(t).key(key("b"))).build()));
                    long sum = Long.parseLong(r.responses().get(0).item().get("v").n()) + Long.parseLong(r.responses().get(1).item().get("v").n());
                    if (sum != 2000) {
                        torn.incrementAndGet();
                    }
                    Map<String, Long> scan = new HashMap<>();
                    ddb.scan(b -> b.tableName(t).consistentRead(true)).items()
                            .forEach(it -> scan.put(it.get("pk").s(), Long.parseLong(it.get("v").n())));
                    if (scan.get("a") + scan.get("b") != 2000) {
                        torn.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : writers) {
            f.get(120, TimeUnit.SECONDS);
        }
        done.set(true);
        for (Future<?> f : readers) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(0, torn.get());
        assertEquals("680", ddb.getItem(b -> b.tableName(t).key(key("a"))).item().get("v").n());
    }
}
