package io.gureum.sqs;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * SQS throughput and latency through the real SDK over HTTP (not run by the tests):
 * <ol>
 * <li>SendMessage, at 16 and 64 connections;</li>
 * <li>SendMessage → ReceiveMessage → DeleteMessage round trips, at 16 and 64 connections;</li>
 * <li>long-poll latency: from the start of SendMessage to a waiting 20 s ReceiveMessage returning;</li>
 * <li>fan-out latency: from the start of an SNS Publish to that long poll on a subscribed queue returning.</li>
 * </ol>
 * Run after {@code mvn -q -pl service-sqs-sns -am test-compile}: {@code java -cp <test classpath>
 * io.gureum.sqs.SqsBenchmark [seconds]}. The client is {@link JdkSdkHttpClient}, so the numbers are not
 * capped by the URL-connection client's small pool.
 */
public final class SqsBenchmark {
    private SqsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.setProperty("http.maxConnections", "128");
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).handlerThreads(128).build());
                SqsClient sqs = client(gureum.endpoint())) {
            String url = sqs.createQueue(b -> b.queueName("bench")).queueUrl();
            for (int connections : new int[] {16, 64}) {
                report("send", connections, run(connections, seconds,
                        () -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("payload-0123456789"))));
                sqs.purgeQueue(b -> b.queueUrl(url));
                gureum.context().clock().advance(java.time.Duration.ofSeconds(61));
                report("send→receive→delete", connections, run(connections, seconds, () -> {
                    sqs.sendMessage(b -> b.queueUrl(url).messageBody("payload-0123456789"));
                    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url)).messages();
                    for (Message m : got) {
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
                    }
                }));
            }
            longPollLatency(sqs);
            fanOutLatency(gureum.endpoint(), sqs);
        }
    }

    /** Publish to a topic → a long poll on a subscribed queue returns. */
    private static void fanOutLatency(URI endpoint, SqsClient sqs) throws Exception {
        try (software.amazon.awssdk.services.sns.SnsClient sns = software.amazon.awssdk.services.sns.SnsClient.builder()
                .endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(new JdkSdkHttpClient()).build()) {
            String topic = sns.createTopic(b -> b.name("bench-topic")).topicArn();
            String url = sqs.createQueue(b -> b.queueName("bench-fanout")).queueUrl();
            String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings().get("QueueArn");
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            long[] micros = new long[200];
            for (int i = 0; i < micros.length; i++) {
                Future<Long> receiver = pool.submit(() -> {
                    List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
                    long at = System.nanoTime();
                    got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
                    return at;
                });
                Thread.sleep(20);
                long published = System.nanoTime();
                sns.publish(b -> b.topicArn(topic).message("ping"));
                micros[i] = Math.max(0, (receiver.get() - published) / 1000);
            }
            pool.shutdown();
            Arrays.sort(micros);
            System.out.printf("SNS publish→SQS receive latency: p50 %.2f ms   p99 %.2f ms   max %.2f ms%n",
                    pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0, micros[micros.length - 1] / 1000.0);
        }
    }

    private static SqsClient client(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(new JdkSdkHttpClient()).build();
    }

    private record Result(long operations, long[] latenciesMicros, long millis) {
    }

    private static Result run(int connections, int seconds, Runnable op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong count = new AtomicLong();
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            futures.add(pool.submit(() -> {
                List<Long> lat = new ArrayList<>();
                long now;
                while ((now = System.nanoTime()) < end) {
                    op.run();
                    if (now >= warmEnd) {
                        lat.add((System.nanoTime() - now) / 1000);
                        count.incrementAndGet();
                    }
                }
                return lat;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            all.addAll(f.get());
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Result(count.get(), sorted, seconds * 1000L);
    }

    private static void report(String name, int connections, Result r) {
        long[] l = r.latenciesMicros();
        System.out.printf("%-22s %3d connections: %,8.0f ops/s   p50 %,6.2f ms   p99 %,6.2f ms%n", name, connections,
                r.operations() * 1000.0 / r.millis(), pct(l, 50) / 1000.0, pct(l, 99) / 1000.0);
    }

    private static long pct(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }

    private static void longPollLatency(SqsClient sqs) throws Exception {
        String url = sqs.createQueue(b -> b.queueName("bench-longpoll")).queueUrl();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        long[] micros = new long[200];
        for (int i = 0; i < micros.length; i++) {
            Future<Long> receiver = pool.submit(() -> {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
                long at = System.nanoTime();
                got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
                return at;
            });
            Thread.sleep(20);
            long sent = System.nanoTime(); // from the start of SendMessage: includes the send itself
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("ping"));
            micros[i] = Math.max(0, (receiver.get() - sent) / 1000);
        }
        pool.shutdown();
        Arrays.sort(micros);
        System.out.printf("long-poll send→receive latency: p50 %.2f ms   p99 %.2f ms   max %.2f ms%n",
                pct(micros, 50) / 1000.0, pct(micros, 99) / 1000.0, micros[micros.length - 1] / 1000.0);
    }
}
