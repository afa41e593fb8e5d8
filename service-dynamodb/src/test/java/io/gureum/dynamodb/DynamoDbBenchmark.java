package io.gureum.dynamodb;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * PutItem, GetItem and Query against a table of 1,000,000 items (10,000 partitions of 100 items),
 * through the real SDK over HTTP to an in-process server. Not a test; run by hand:
 * <pre>
 * mvn -q -o -pl service-dynamodb -am test-compile
 * java -Xmx3g -cp "$(cat service-dynamodb/target/bench.classpath):service-dynamodb/target/classes:service-dynamodb/target/test-classes:emulator-core/target/classes:emulator-core/target/test-classes" \
 *   io.gureum.dynamodb.DynamoDbBenchmark [items] [secondsPerPhase] [threads]
 * </pre>
 */
public final class DynamoDbBenchmark {
    private DynamoDbBenchmark() {
    }

    private static AttributeValue s(String v) {
        return AttributeValue.builder().s(v).build();
    }

    private static AttributeValue n(long v) {
        return AttributeValue.builder().n(Long.toString(v)).build();
    }

    public static void main(String[] args) throws Exception {
        int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int perPartition = 100;
        int partitions = Math.max(1, items / perPartition);
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).build());
                DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), gureum)) {
            ddb.createTable(b -> b.tableName("bench").billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE)));
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            AtomicLong loaded = new AtomicLong();
            run(threads, partitions, p -> {
                List<WriteRequest> batch = new ArrayList<>(25);
                for (int i = 0; i < perPartition; i++) {
                    int k = i;
                    batch.add(WriteRequest.builder().putRequest(r -> r.item(Map.of("pk", s("user#" + p), "sk", n(k),
                            "payload", s("item " + p + "/" + k)))).build());
                    if (batch.size() == 25) {
                        List<WriteRequest> send = batch;
                        ddb.batchWriteItem(b -> b.requestItems(Map.of("bench", send)));
                        batch = new ArrayList<>(25);
                    }
                }
                if (!batch.isEmpty()) {
                    List<WriteRequest> send = batch;
                    ddb.batchWriteItem(b -> b.requestItems(Map.of("bench", send)));
                }
                loaded.addAndGet(perPartition);
            });
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long heapAfter = usedHeap();
            System.out.printf("load      %,d items in %.1f s (%,.0f items/s via BatchWriteItem)%n", loaded.get(), loadSeconds,
                    loaded.get() / loadSeconds);
            System.out.printf("memory    %,d MB heap for %,d items (%,d bytes/item)%n", (heapAfter - heapBefore) >> 20,
                    loaded.get(), (heapAfter - heapBefore) / Math.max(1, loaded.get()));
            phase("PutItem", seconds, threads, () -> {
                int p = ThreadLocalRandom.current().nextInt(partitions);
                int k = ThreadLocalRandom.current().nextInt(perPartition);
                ddb.putItem(b -> b.tableName("bench").item(Map.of("pk", s("user#" + p), "sk", n(k), "payload", s("updated"))));
            });
            phase("GetItem", seconds, threads, () -> {
                int p = ThreadLocalRandom.current().nextInt(partitions);
                int k = ThreadLocalRandom.current().nextInt(perPartition);
                ddb.getItem(b -> b.tableName("bench").key(Map.of("pk", s("user#" + p), "sk", n(k))));
            });
            phase("Query(10)", seconds, threads, () -> {
                int p = ThreadLocalRandom.current().nextInt(partitions);
                int k = ThreadLocalRandom.current().nextInt(perPartition - 10);
                ddb.query(b -> b.tableName("bench").keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                        .expressionAttributeValues(Map.of(":p", s("user#" + p), ":a", n(k), ":b", n(k + 9))));
            });
            System.out.printf("memory    %,d MB heap in use at the end%n", usedHeap() >> 20);
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void run(int threads, int partitions, IntConsumer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                long p;
                while ((p = next.getAndIncrement()) < partitions) {
                    body.accept((int) p);
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    private static void phase(String name, int seconds, int threads, Runnable op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    op.run();
                    count.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        System.out.printf("%-9s %,.0f ops/s (%d threads, %d s)%n", name, count.get() / (double) seconds, threads, seconds);
    }
}
