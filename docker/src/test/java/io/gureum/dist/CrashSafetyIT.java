package io.gureum.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gureum.core.testing.AwsClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A child server on a data directory under mixed load (SQS send and delete, DynamoDB put and delete, S3
 * put), killed with SIGKILL at random moments, 12 times ({@code -Dgureum.crashRounds} for more): after each
 * restart every acknowledged write is there, and each unacknowledged one is either wholly there or not at all. A
 * small compaction threshold makes kills land during compactions too. The server runs from the test class path,
 * like {@link JvmOptionsIT}. The test prints which writes each kill caught in flight; a failure after a restart
 * carries the output of the server that failed and of the killed one before it (an InternalFailure's stack trace).
 */
class CrashSafetyIT {
    /**
     * Each round is one child start, one kill and one check of everything written so far. Every kill lands amid
     * three workers' writes of all five kinds, so 12 kills catch each kind in flight several times (one run's
     * printed tally: DynamoDB puts 11, deletes 3, S3 puts 6, SQS sends 5, receives and deletes 11); the 20 rounds
     * of before cost two thirds more for the same cases.
     */
    private static final int ROUNDS = Integer.getInteger("gureum.crashRounds", 12);
    private static final int WORKERS = 3;
    private static final String ABSENT = "<absent>";

    @TempDir
    Path dataDir;

    /** What one key may hold after a crash: the last acknowledged value, or any attempted since. */
    private static final class Key {
        String committed = ABSENT;
        final Set<String> inDoubt = new HashSet<>();
    }

    private final Map<String, Key> items = new ConcurrentHashMap<>();
    private final Map<String, Key> objects = new ConcurrentHashMap<>();
    private final Set<String> sentAcked = ConcurrentHashMap.newKeySet();
    private final Set<String> sentTried = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedAcked = ConcurrentHashMap.newKeySet();
    private final Set<String> deletedTried = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
    /** Per kind of write, how many a kill caught in flight (the call failed because the server was gone). */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> caughtInFlight = new ConcurrentHashMap<>();

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Random random = new Random(15);
        String queueUrl = null;
        String previousOutput = "";
        for (int round = 0; round <= ROUNDS; round++) {
            ChildServer server = startServer(dataDir);
            try (SqsClient sqs = AwsClients.client(SqsClient.builder(), server.endpoint, "test", "us-east-1");
                    DynamoDbClient ddb = AwsClients.client(DynamoDbClient.builder(), server.endpoint, "test",
                            "us-east-1");
                    S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), server.endpoint, "test",
                            "us-east-1")) {
                if (round == 0) {
                    queueUrl = sqs.createQueue(b -> b.queueName("crash")).queueUrl();
                    s3.createBucket(b -> b.bucket("crash-bucket"));
                    ddb.createTable(b -> b.tableName("crash").billingMode("PAY_PER_REQUEST")
                            .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
                } else {
                    try {
                        queueUrl = sqs.getQueueUrl(b -> b.queueName("crash")).queueUrl();
                        verify(round, server, sqs, ddb, s3, queueUrl);
                    } catch (AssertionError | RuntimeException e) {
                        // What the server logged (an InternalFailure's stack trace) is the evidence: kept with the failure.
                        throw new AssertionError("round " + round + " after a restart: " + e + "\nThe server's output:\n"
                                + server.output() + "\nThe killed server's output before it:\n" + previousOutput, e);
                    }
                }
                if (round == ROUNDS) {
                    server.stop();
                    break;
                }
                String url = queueUrl;
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> workers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    int worker = w;
                    int r = round;
                    Thread t = new Thread(() -> load(r, worker, stop, sqs, ddb, s3, url), "load-" + w);
                    workers.add(t);
                    t.start();
                }
                // Killed at a random moment measured in acknowledged writes rather than in time, so a busy
                // machine still puts load on every round.
                int target = acknowledged.get() + 10 + random.nextInt(150);
                long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
                while (acknowledged.get() < target && System.nanoTime() < giveUp) {
                    Thread.sleep(10);
                }
                server.kill();
                stop.set(true);
                for (Thread t : workers) {
                    t.join(120_000);
                }
            } finally {
                server.kill();
                previousOutput = server.output();
            }
        }
        assertTrue(acknowledged.get() > ROUNDS * 10, "too little load to prove anything: " + acknowledged);
        System.out.println("CrashSafetyIT: " + ROUNDS + " kills, " + acknowledged + " acknowledged writes; writes in"
                + " flight at a kill: " + new java.util.TreeMap<>(caughtInFlight));
        try (var files = Files.list(dataDir.resolve("state"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("snapshot-")),
                    "the journal was compacted at least once under load");
        }
    }

    /** One worker's share: its own keys, so each key's operations are sequential. */
    private void load(int round, int worker, AtomicBoolean stop, SqsClient sqs, DynamoDbClient ddb, S3Client s3,
            String queueUrl) {
        Random random = new Random(round * 31L + worker);
        int n = 0;
        String kind = null;
        while (!stop.get()) {
            n++;
            try {
                switch (random.nextInt(5)) {
                    case 0 -> {
                        kind = "sqs-send";
                        String body = "m-" + round + "-" + worker + "-" + n;
                        sentTried.add(body);
                        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
                        sentAcked.add(body);
                        acknowledged.incrementAndGet();
                    }
                    case 1 -> {
                        kind = "sqs-receive-delete";
                        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                                .visibilityTimeout(600)).messages();
                        for (Message m : got) {
                            deletedTried.add(m.body());
                            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                            deletedAcked.add(m.body());
                        }
                    }
                    case 2, 3 -> {
                        String id = "k-" + worker + "-" + random.nextInt(20);
                        Key k = items.computeIfAbsent(id, x -> new Key());
                        if (random.nextInt(4) == 0) {
                            kind = "dynamodb-delete";
                            k.inDoubt.add(ABSENT);
                            ddb.deleteItem(b -> b.tableName("crash").key(Map.of("id", AttributeValue.fromS(id))));
                            settle(k, ABSENT);
                        } else {
                            kind = "dynamodb-put";
                            String v = round + "." + n;
                            k.inDoubt.add(v);
                            ddb.putItem(b -> b.tableName("crash").item(Map.of("id", AttributeValue.fromS(id),
                                    "v", AttributeValue.fromS(v), "copy", AttributeValue.fromS(v))));
                            settle(k, v);
                        }
                    }
                    default -> {
                        kind = "s3-put";
                        String key = "o-" + worker + "-" + random.nextInt(10);
                        Key k = objects.computeIfAbsent(key, x -> new Key());
                        String v = round + "." + n + ":" + "x".repeat(1000 + random.nextInt(3000));
                        k.inDoubt.add(v);
                        s3.putObject(b -> b.bucket("crash-bucket").key(key), RequestBody.fromString(v));
                        settle(k, v);
                    }
                }
            } catch (RuntimeException killed) {
                caughtInFlight.computeIfAbsent(kind, x -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet();
                return; // the server is gone: what this call did is in doubt
            }
        }
    }

    private void settle(Key k, String value) {
        acknowledged.incrementAndGet();
        settleQuietly(k, value);
    }

    private static void settleQuietly(Key k, String value) {
        k.committed = value;
        k.inDoubt.clear();
    }

    private void verify(int round, ChildServer server, SqsClient sqs, DynamoDbClient ddb, S3Client s3, String queueUrl)
            throws Exception {
        // DynamoDB: each item is its last acknowledged value or one tried since, never a mix of two.
        Map<String, String> stored = new HashMap<>();
        ddb.scanPaginator(b -> b.tableName("crash")).items().forEach(item -> {
            assertEquals(item.get("v").s(), item.get("copy").s(), "round " + round + ": a half-applied item");
            stored.put(item.get("id").s(), item.get("v").s());
        });
        for (Map.Entry<String, Key> e : items.entrySet()) {
            check(round, "item " + e.getKey(), e.getValue(), stored.getOrDefault(e.getKey(), ABSENT));
        }
        for (String id : stored.keySet()) {
            assertTrue(items.containsKey(id), "round " + round + ": an item nobody wrote: " + id);
        }
        // S3: each object whole, as last acknowledged or as tried since.
        for (Map.Entry<String, Key> e : objects.entrySet()) {
            String actual;
            try {
                actual = s3.getObjectAsBytes(b -> b.bucket("crash-bucket").key(e.getKey())).asUtf8String();
            } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException missing) {
                actual = ABSENT;
            }
            check(round, "object " + e.getKey(), e.getValue(), actual);
        }
        // SQS: every acknowledged send not (possibly) deleted is there; nothing acknowledged as deleted is.
        advanceClock(server, 700); // messages received before the kill become visible again
        Set<String> present = new HashSet<>();
        for (int empty = 0; empty < 2;) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(600)).messages();
            if (got.isEmpty()) {
                empty++;
                continue;
            }
            for (Message m : got) {
                present.add(m.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        for (String body : sentAcked) {
            if (!deletedTried.contains(body)) {
                assertTrue(present.contains(body), "round " + round + ": acknowledged message lost: " + body);
            }
        }
        for (String body : present) {
            assertTrue(sentTried.contains(body), "round " + round + ": a message nobody sent: " + body);
            assertTrue(!deletedAcked.contains(body), "round " + round + ": a deleted message is back: " + body);
        }
        // Everything present was just deleted with an acknowledgement: the next round starts from an empty queue.
        sentAcked.clear();
        sentTried.clear();
        deletedAcked.clear();
        deletedTried.clear();
    }

    private static void check(int round, String what, Key k, String actual) {
        if (!actual.equals(k.committed) && !k.inDoubt.contains(actual)) {
            fail("round " + round + ": " + what + " is " + abbreviate(actual) + ", expected "
                    + abbreviate(k.committed) + " or one of " + k.inDoubt.size() + " unacknowledged writes");
        }
        settleQuietly(k, actual);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static void advanceClock(ChildServer server, int seconds) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                server.endpoint.resolve("/_gureum/clock")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"advanceSeconds\": " + seconds + "}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void aSigtermStopKeepsEverything() throws Exception {
        ChildServer server = startServer(dataDir);
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), server.endpoint, "test",
                "us-east-1")) {
            s3.createBucket(b -> b.bucket("term-bucket"));
            s3.putObject(b -> b.bucket("term-bucket").key("k"), RequestBody.fromString("kept"));
        }
        server.stop();
        try (var files = Files.list(dataDir.resolve("s3"))) {
            assertEquals(1, files.count(), "the object's file stays after SIGTERM");
        }
        ChildServer again = startServer(dataDir);
        try (S3Client s3 = AwsClients.client(S3Client.builder().forcePathStyle(true), again.endpoint, "test",
                "us-east-1")) {
            assertEquals("kept", s3.getObjectAsBytes(b -> b.bucket("term-bucket").key("k")).asUtf8String());
        } finally {
            again.stop();
        }
    }

    /**
     * A child server on the data directory, compacting after 32 KiB of journal; its start-up classes come from
     * a class-data archive ({@link ChildServer#sharedArchive}): 16 starts, each on about half the CPU.
     */
    private static ChildServer startServer(Path dataDir) throws Exception {
        List<String> options = new ArrayList<>(ChildServer.SMALL);
        options.add("-Dgureum.compactBytes=32768");
        options.addAll(ChildServer.sharedArchive(options, "--services", "sqs,s3,dynamodb"));
        return ChildServer.start(options, "--services", "sqs,s3,dynamodb", "--data-dir", dataDir.toString());
    }
}
