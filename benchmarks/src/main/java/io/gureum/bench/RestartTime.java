package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Issue #15's start-up figure: a server on a fresh {@code --data-dir} is filled with N DynamoDB items of
 * about 1 KiB (BatchWriteItem of 25 over 8 connections; 1,000,000 items is ~1.2 GB of state), stopped with
 * SIGTERM, and started again on the same directory; the restart is timed from spawning the JVM to the
 * "Listening" line (the state is restored before the port opens) and to the first answer (a GetItem of the
 * last item written).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.RestartTime --jar docker/target/gureum.jar
 *     [--items 1000000] [--heap 6g] [--dir /tmp/...] [--data DIR-an-earlier-run-filled]</pre>
 */
public final class RestartTime {
    private static final String PADDING = "x".repeat(960);

    private RestartTime() {
    }

    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String jar = o.getOrDefault("jar", "docker/target/gureum.jar");
        int items = Integer.parseInt(o.getOrDefault("items", "1000000"));
        String heap = o.getOrDefault("heap", "6g");
        Path base = o.containsKey("dir") ? Path.of(o.get("dir")) : Files.createTempDirectory("gureum-restart-");
        // --data DIR: a directory an earlier run filled with --items items; the fill is skipped.
        boolean reuse = o.containsKey("data");
        Path data = reuse ? Path.of(o.get("data")) : Files.createTempDirectory(base, "data-");
        List<String> flags = List.of("-Xmx" + heap, "-XX:+UseParallelGC");
        List<String> options = List.of("--services", "dynamodb", "--data-dir", data.toString());
        System.out.println("RestartTime: " + Stats.machine() + ", " + items + " items, data directory " + data);

        long fillNanos = 0;
        if (!reuse) {
            try (ChildJvm server = ChildJvm.gureumJar(jar, flags, options)) {
                int port = server.awaitPort(120_000);
                try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                    check(c.exchange(AwsRequests.createTable(port)), "CreateTable");
                }
                long t0 = System.nanoTime();
                fill(port, items);
                fillNanos = System.nanoTime() - t0;
                server.process.destroy();
                if (!server.process.waitFor(600, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the server did not stop within 10 minutes");
                }
            }
        }
        long bytes;
        try (Stream<Path> files = Files.walk(data)) {
            bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        if (!reuse) {
            System.out.println(f("filled %,d items in %.1f s (%,.0f items/s)", items, fillNanos / 1e9,
                    items / (fillNanos / 1e9)));
        }
        System.out.println(f("data directory: %,d bytes", bytes));

        for (int round = 1; round <= 2; round++) {
            try (ChildJvm server = ChildJvm.gureumJar(jar, flags, options)) {
                int port = server.awaitPort(1_800_000);
                long listening = System.nanoTime() - server.startNanos;
                try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                    c.keepBody = true;
                    check(c.exchange(getItem(port, items - 1)), "GetItem");
                    long answered = System.nanoTime() - server.startNanos;
                    if (!c.bodyText().contains("item-" + (items - 1))) {
                        throw new IllegalStateException("the last item is missing: " + c.bodyText());
                    }
                    System.out.println(f("restart %d: listening after %.1f s, first answer after %.1f s, RSS %,.0f MiB",
                            round, listening / 1e9, answered / 1e9, server.rssMiB()));
                }
                server.process.destroy();
                server.process.waitFor(600, TimeUnit.SECONDS);
            }
        }
    }

    private static void fill(int port, int items) throws Exception {
        int connections = 8;
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < connections; t++) {
            Thread thread = new Thread(() -> {
                try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                    while (true) {
                        int first = next.getAndAdd(25);
                        if (first >= items) {
                            return;
                        }
                        check(c.exchange(batch(port, first, Math.min(items, first + 25))), "BatchWriteItem");
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static byte[] batch(int port, int from, int to) {
        StringBuilder b = new StringBuilder("{\"RequestItems\":{\"" + AwsRequests.BENCH_TABLE + "\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                b.append(',');
            }
            b.append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"item-").append(i).append("\"},\"n\":{\"N\":\"")
                    .append(i).append("\"},\"data\":{\"S\":\"").append(PADDING).append("\"}}}}");
        }
        b.append("]}}");
        return AwsRequests.json(port, "dynamodb", "DynamoDB_20120810.BatchWriteItem", b.toString());
    }

    private static byte[] getItem(int port, int i) {
        return AwsRequests.json(port, "dynamodb", "DynamoDB_20120810.GetItem", "{\"TableName\":\""
                + AwsRequests.BENCH_TABLE + "\",\"Key\":{\"pk\":{\"S\":\"item-" + i + "\"}}}");
    }

    private static void check(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }
}
