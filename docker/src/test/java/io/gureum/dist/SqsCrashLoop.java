package io.gureum.dist;

import io.gureum.core.testing.AwsClients;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDeletedRecentlyException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * A reproduction loop run by hand, not part of the suite (its name matches neither {@code *Test} nor {@code *IT}):
 * {@code mvn -o -pl docker test -Dtest=SqsCrashLoop -Dcrash.sqs.rounds=40}. A child server is killed with SIGKILL
 * amid CreateQueue, SetQueueAttributes (redrive and access policies), TagQueue, SendMessage, ReceiveMessage,
 * DeleteMessage and DeleteQueue traffic of three workers (two queue names contested by all of them, and the clock
 * moved past the 60-second rule for re-creating a deleted name), compacting every 32 KiB; after each restart
 * GetQueueUrl of every name, ListQueues, GetQueueAttributes, ListQueueTags and ReceiveMessage must answer without a
 * server error, agree with each other and show each queue's last acknowledged VisibilityTimeout (or one tried
 * since). Every server's output is kept under {@code target/crash-sqs-logs/run-<seed>/}
 * ({@code -Dcrash.sqs.seed}, {@code -Dcrash.sqs.services}, {@code -Dcrash.sqs.compact} change the run).
 */
class SqsCrashLoop {
    private static final String ABSENT = "<absent>";
    private static final int WORKERS = 3;

    private static final class Key {
        volatile String committed = ABSENT;
        final Set<String> inDoubt = ConcurrentHashMap.newKeySet();
    }

    private final Map<String, Key> queues = new ConcurrentHashMap<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> caught = new ConcurrentHashMap<>();

    @Test
    void loop() throws Exception {
        int rounds = Integer.getInteger("crash.sqs.rounds", 20);
        long seed = Long.getLong("crash.sqs.seed", System.nanoTime());
        String services = System.getProperty("crash.sqs.services", "sqs,s3,dynamodb");
        Path logs = Path.of("target", "crash-sqs-logs", "run-" + seed);
        Files.createDirectories(logs);
        Path dataDir = Files.createTempDirectory("crash-sqs-");
        System.out.println("SqsCrashLoop: seed " + seed + ", logs " + logs.toAbsolutePath() + ", data " + dataDir);
        Random random = new Random(seed);
        List<String> options = new ArrayList<>(ChildServer.SMALL);
        options.add("-Dgureum.compactBytes=" + Integer.getInteger("crash.sqs.compact", 32768));
        options.addAll(ChildServer.sharedArchive(options, "--services", services));
        for (int round = 0; round <= rounds; round++) {
            ChildServer server = ChildServer.start(options, "--services", services, "--data-dir", dataDir.toString());
            int problemsBefore = problems.size();
            try (SqsClient sqs = AwsClients.client(SqsClient.builder(), server.endpoint, "test", "us-east-1")) {
                if (round > 0) {
                    verify(round, sqs);
                }
                if (round == rounds) {
                    break;
                }
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> workers = new ArrayList<>();
                for (int w = 0; w < WORKERS; w++) {
                    int worker = w;
                    long s = random.nextLong();
                    Thread t = new Thread(() -> load(worker, s, stop, sqs, server), "load-" + w);
                    workers.add(t);
                    t.start();
                }
                int target = acknowledged.get() + 5 + random.nextInt(200);
                long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
                while (acknowledged.get() < target && System.nanoTime() < giveUp) {
                    Thread.sleep(2);
                }
                server.kill();
                stop.set(true);
                for (Thread t : workers) {
                    t.join(120_000);
                }
            } finally {
                server.kill();
                Files.writeString(logs.resolve(String.format("round-%03d.log", round)), server.output());
                if (problems.size() > problemsBefore) {
                    System.out.println("SqsCrashLoop round " + round + ": " + problems.subList(problemsBefore,
                            problems.size()));
                }
            }
        }
        System.out.println("SqsCrashLoop: " + rounds + " kills, " + acknowledged + " acknowledged, in flight "
                + new java.util.TreeMap<>(caught) + ", problems " + problems.size());
        problems.forEach(p -> System.out.println("  PROBLEM " + p));
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problems, first: " + problems.get(0) + "; logs in " + logs);
        }
    }

    private static String url(ChildServer server, String name) {
        return server.endpoint + "/000000000000/" + name;
    }

    private void load(int worker, long seed, AtomicBoolean stop, SqsClient sqs, ChildServer server) {
        Random random = new Random(seed);
        String kind = null;
        int n = 0;
        while (!stop.get()) {
            n++;
            String name = (random.nextBoolean() ? "q-" : "f-") + worker + "-" + random.nextInt(4);
            boolean fifo = name.startsWith("f-");
            if (fifo) {
                name = name + ".fifo";
            }
            String qname = name;
            Key k = queues.computeIfAbsent(name, x -> new Key());
            String shared = "contested-" + random.nextInt(2);
            try {
                int op = random.nextInt(12);
                if (op == 0) {
                    kind = "create-contested";
                    sqs.createQueue(b -> b.queueName(shared));
                } else if (op == 1) {
                    kind = "delete-contested";
                    sqs.deleteQueue(b -> b.queueUrl(url(server, shared)));
                } else if (op == 2) {
                    kind = "clock";
                    advanceClock(server, 61);
                } else if (k.committed.equals(ABSENT)) {
                    kind = "create";
                    String vt = String.valueOf(10 + random.nextInt(100));
                    k.inDoubt.add(vt);
                    Map<String, String> attrs = new HashMap<>(Map.of("VisibilityTimeout", vt));
                    if (fifo) {
                        attrs.put("FifoQueue", "true");
                    }
                    sqs.createQueue(b -> b.queueName(qname).attributesWithStrings(attrs)
                            .tags(Map.of("w", String.valueOf(worker))));
                    settle(k, vt);
                } else if (op == 3) {
                    kind = "delete";
                    k.inDoubt.add(ABSENT);
                    sqs.deleteQueue(b -> b.queueUrl(url(server, qname)));
                    settle(k, ABSENT);
                } else if (op <= 5) {
                    kind = "set-attributes";
                    String vt = String.valueOf(10 + random.nextInt(100));
                    k.inDoubt.add(vt);
                    Map<String, String> attrs = new HashMap<>(Map.of("VisibilityTimeout", vt));
                    if (random.nextBoolean()) {
                        attrs.put("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":\"*\",\"Action\":\"sqs:SendMessage\",\"Resource\":\"*\"}]}");
                    }
                    if (random.nextInt(3) == 0) {
                        String dlq = (fifo ? "f-" : "q-") + worker + "-" + random.nextInt(4) + (fifo ? ".fifo" : "");
                        if (!dlq.equals(qname) && !queues.getOrDefault(dlq, new Key()).committed.equals(ABSENT)) {
                            attrs.put("RedrivePolicy", "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:000000000000:"
                                    + dlq + "\",\"maxReceiveCount\":\"2\"}");
                        }
                    }
                    sqs.setQueueAttributes(b -> b.queueUrl(url(server, qname)).attributesWithStrings(attrs));
                    settle(k, vt);
                } else if (op == 6) {
                    kind = "tag";
                    sqs.tagQueue(b -> b.queueUrl(url(server, qname)).tags(Map.of("n", String.valueOf(random
                            .nextInt(1000)))));
                    acknowledged.incrementAndGet();
                } else if (op <= 9) {
                    kind = "send";
                    int i = n;
                    sqs.sendMessage(b -> {
                        b.queueUrl(url(server, qname)).messageBody("m-" + worker + "-" + i);
                        if (fifo) {
                            b.messageGroupId("g" + (i % 3)).messageDeduplicationId("d-" + worker + "-" + i);
                        }
                    });
                    acknowledged.incrementAndGet();
                } else {
                    kind = "receive-delete";
                    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url(server, qname))
                            .maxNumberOfMessages(2).visibilityTimeout(1)).messages();
                    for (Message m : got) {
                        if (random.nextBoolean()) {
                            sqs.deleteMessage(b -> b.queueUrl(url(server, qname)).receiptHandle(m.receiptHandle()));
                        }
                    }
                    acknowledged.incrementAndGet();
                }
            } catch (QueueDoesNotExistException | QueueDeletedRecentlyException expected) {
                // contested names, or a queue the model had as in doubt
            } catch (AwsServiceException e) {
                // A 4xx (a redrive target deleted meanwhile, a name re-created too soon) is not what this looks for.
                if (e.statusCode() >= 500) {
                    problems.add("load " + kind + " " + name + ": " + e.statusCode() + " " + e.getMessage());
                }
            } catch (RuntimeException killed) {
                caught.computeIfAbsent(kind, x -> new AtomicInteger()).incrementAndGet();
                return;
            }
        }
    }

    private void settle(Key k, String v) {
        acknowledged.incrementAndGet();
        k.committed = v;
        k.inDoubt.clear();
    }

    private void verify(int round, SqsClient sqs) {
        Set<String> found = new TreeSet<>();
        List<String> names = new ArrayList<>(queues.keySet());
        names.add("contested-0");
        names.add("contested-1");
        for (String name : names) {
            String actual;
            try {
                sqs.getQueueUrl(b -> b.queueName(name));
                actual = "exists";
                found.add(name);
            } catch (QueueDoesNotExistException e) {
                actual = ABSENT;
            } catch (AwsServiceException e) {
                problems.add("round " + round + ": GetQueueUrl " + name + " -> " + e.statusCode() + " "
                        + e.getMessage());
                continue;
            }
            Key k = queues.get(name);
            if (k == null) {
                continue;
            }
            String v = actual;
            if (actual.equals("exists")) {
                try {
                    Map<String, String> attrs = sqs.getQueueAttributes(b -> b.queueUrl(
                            sqs.getQueueUrl(u -> u.queueName(name)).queueUrl())
                            .attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
                    v = attrs.get("VisibilityTimeout");
                } catch (AwsServiceException e) {
                    problems.add("round " + round + ": GetQueueAttributes " + name + " -> " + e.statusCode() + " "
                            + e.getMessage());
                    continue;
                }
            }
            boolean ok = v.equals(k.committed) || k.inDoubt.contains(v);
            if (!ok) {
                problems.add("round " + round + ": " + name + " is " + v + ", expected " + k.committed + " or "
                        + k.inDoubt);
            }
            k.committed = v;
            k.inDoubt.clear();
        }
        Set<String> listed = new TreeSet<>();
        try {
            sqs.listQueuesPaginator(b -> b.maxResults(1000)).queueUrls()
                    .forEach(u -> listed.add(u.substring(u.lastIndexOf('/') + 1)));
        } catch (AwsServiceException e) {
            problems.add("round " + round + ": ListQueues -> " + e.statusCode() + " " + e.getMessage());
        }
        if (!listed.equals(found)) {
            problems.add("round " + round + ": ListQueues " + listed + " but GetQueueUrl found " + found);
        }
        for (String name : found) {
            try {
                String u = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
                sqs.receiveMessage(b -> b.queueUrl(u).maxNumberOfMessages(10));
                sqs.getQueueAttributes(b -> b.queueUrl(u).attributeNames(QueueAttributeName.ALL));
                sqs.listQueueTags(b -> b.queueUrl(u));
            } catch (AwsServiceException e) {
                problems.add("round " + round + ": reading " + name + " -> " + e.statusCode() + " " + e.getMessage());
            }
        }
    }

    private static void advanceClock(ChildServer server, int seconds) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.endpoint.resolve("/_gureum/clock")).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"advanceSeconds\": " + seconds + "}")).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("clock " + r.statusCode() + " " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
