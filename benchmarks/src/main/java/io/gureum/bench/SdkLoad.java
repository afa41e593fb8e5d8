package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The load generator of {@link Peers}: AWS SDK for Java v2 sync clients over the SDK's Apache HTTP client
 * (one pool of N connections), N threads in a closed loop, retries off. Sets up what the workload needs
 * (bucket, objects, queue), prints {@code MEASURE-START} and {@code MEASURE-END} at the edges of the
 * measured window (the parent reads the server's CPU time there) and one {@code RESULT} line. Counts the
 * operations that start after the warm-up and end before the end of the window.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.SdkLoad ENDPOINT WORKLOAD
 *     [connections 16] [warmup-s 5] [measure-s 10]</pre>
 *
 * Workloads: {@code s3-put-1k}, {@code s3-put-1m}, {@code s3-get-1k}, {@code s3-get-1m},
 * {@code sqs-roundtrip} (send → receive(wait 1 s) → delete), {@code sqs-send}, {@code ddb-list-tables},
 * {@code ddb-put-item}, {@code ddb-get-item}, {@code root} (raw HTTP {@code GET /}, no SDK).
 */
public final class SdkLoad {
    static final String BUCKET = "peers-bench";

    private SdkLoad() {
    }

    /** One operation of a workload, run by one thread. */
    interface Op {
        void run(int thread) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        String workload = args[1];
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int measure = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(connections)
                .connectionTimeout(Duration.ofSeconds(10)).socketTimeout(Duration.ofSeconds(30)).build();
        Op op = op(workload, endpoint, http, connections);
        System.out.println("READY");
        run(op, connections, warmup, measure);
        System.exit(0);
    }

    private static void run(Op op, int connections, int warmup, int measure) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long measureTo = measureFrom + measure * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicReference<Throwable> firstError = new AtomicReference<>();
        List<long[]> perThread = new ArrayList<>();
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            int idx = i;
            threads[i] = new Thread(() -> {
                long[] lat = new long[1 << 12];
                int n = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        break;
                    }
                    try {
                        op.run(idx);
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom && t1 <= measureTo) {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = t1 - t0;
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet(null, e);
                    }
                }
                synchronized (perThread) {
                    perThread.add(Arrays.copyOf(lat, n));
                }
            }, "sdk-load-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        sleepUntil(measureFrom);
        System.out.println("MEASURE-START");
        sleepUntil(measureTo);
        System.out.println("MEASURE-END");
        for (Thread t : threads) {
            t.join();
        }
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (firstError.get() != null) {
            System.out.println("FIRST-ERROR " + firstError.get());
        }
        System.out.println(f("RESULT ops=%.1f p50us=%.1f p99us=%.1f requests=%d errors=%d", all.length / (double) measure,
                Stats.percentile(all, 50) / 1e3, Stats.percentile(all, 99) / 1e3, all.length, errors.get()));
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private static Op op(String workload, URI endpoint, SdkHttpClient http, int connections) throws Exception {
        return switch (workload) {
            case "s3-put-1k" -> s3Put(s3(endpoint, http), 1024);
            case "s3-put-1k-sdk-checksums" -> s3Put(s3(endpoint, http, RequestChecksumCalculation.WHEN_SUPPORTED), 1024);
            case "s3-put-1m" -> s3Put(s3(endpoint, http), 1024 * 1024);
            case "s3-get-1k" -> s3Get(s3(endpoint, http), 1024);
            case "s3-get-1m" -> s3Get(s3(endpoint, http), 1024 * 1024);
            case "sqs-send" -> sqsSend(sqs(endpoint, http));
            case "sqs-roundtrip" -> sqsRoundTrip(sqs(endpoint, http));
            case "ddb-list-tables" -> ddbListTables(ddb(endpoint, http));
            case "ddb-put-item" -> DdbItems.put(ddb(endpoint, http));
            case "ddb-get-item" -> DdbItems.get(ddb(endpoint, http));
            case "root" -> root(endpoint, connections);
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        };
    }

    /**
     * S3 clients that add a checksum only where the operation requires one: s3proxy 2.6.0 rejects the
     * SDK's default (a CRC32 in an aws-chunked trailer) with "x-amz-content-sha256 does not match".
     */
    private static S3Client s3(URI endpoint, SdkHttpClient http) {
        return s3(endpoint, http, RequestChecksumCalculation.WHEN_REQUIRED);
    }

    private static S3Client s3(URI endpoint, SdkHttpClient http, RequestChecksumCalculation checksums) {
        return S3Client.builder().requestChecksumCalculation(checksums).endpointOverride(endpoint).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static SqsClient sqs(URI endpoint, SdkHttpClient http) {
        return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(credentials())
                .httpClient(http).overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    static DynamoDbClient ddb(URI endpoint, SdkHttpClient http) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(credentials()).httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    }

    private static void createBucket(S3Client s3) {
        try {
            s3.createBucket(b -> b.bucket(BUCKET));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() != 409) {
                throw e;
            }
        }
    }

    /** Each thread overwrites its own key: the steady state of a test suite rewriting its fixtures. */
    private static Op s3Put(S3Client s3, int size) {
        createBucket(s3);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        return thread -> s3.putObject(b -> b.bucket(BUCKET).key("put-" + size + "-" + thread), RequestBody.fromBytes(body));
    }

    /** Reads one object of {@code size} bytes to the end (into a per-thread buffer, then dropped). */
    private static Op s3Get(S3Client s3, int size) {
        createBucket(s3);
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'y');
        String key = "get-" + size;
        s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(body));
        ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[64 * 1024]);
        return thread -> {
            long read = 0;
            try (InputStream in = s3.getObject(b -> b.bucket(BUCKET).key(key))) {
                byte[] buf = buffers.get();
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    read += n;
                }
            }
            if (read != size) {
                throw new IOException("read " + read + " bytes of " + size);
            }
        };
    }

    private static String queue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    private static Op sqsSend(SqsClient sqs) {
        String url = queue(sqs, "peers-send-" + System.currentTimeMillis());
        return thread -> sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello from the load generator"));
    }

    /** Send, then receive with a 1 s wait, then delete what came: one operation. */
    private static Op sqsRoundTrip(SqsClient sqs) {
        String url = queue(sqs, "peers-roundtrip-" + System.currentTimeMillis());
        return thread -> {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody("round trip " + thread));
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(1))
                    .messages();
            for (Message m : got) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        };
    }

    private static Op ddbListTables(DynamoDbClient ddb) {
        return thread -> ddb.listTables(b -> b.limit(100));
    }

    /** Raw keep-alive {@code GET /} over the benchmarks' own minimal client: the server's floor without an SDK. */
    private static Op root(URI endpoint, int connections) throws IOException {
        byte[] request = ("GET / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        HttpConnection[] conns = new HttpConnection[connections];
        return thread -> {
            if (conns[thread] == null) {
                conns[thread] = new HttpConnection(endpoint.getHost(), endpoint.getPort());
            }
            int status = conns[thread].exchange(request);
            if (status != 200) {
                throw new IOException("GET / answered " + status);
            }
        };
    }
}
