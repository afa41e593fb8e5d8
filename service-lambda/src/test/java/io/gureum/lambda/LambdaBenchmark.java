package io.gureum.lambda;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Lambda latency and throughput through the real SDK over HTTP (not run by the tests):
 * <ol>
 * <li>cold invoke: the first Invoke of a freshly created Python function (starts python3 and its
 * Runtime API server), against the warm invoke of the same function;</li>
 * <li>warm invoke latency against GetFunctionConfiguration on the same server (what running the
 * function adds to a request);</li>
 * <li>warm RequestResponse throughput at 1, 4 and 16 concurrent clients (environments scale out).</li>
 * </ol>
 * Run after {@code mvn -q -pl service-lambda -am test-compile}: {@code java -cp <test classpath>
 * io.gureum.lambda.LambdaBenchmark [seconds]}.
 */
public final class LambdaBenchmark {
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";
    private static final String ECHO = "def handler(event, context):\n    return event\n";

    private LambdaBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.setProperty("http.maxConnections", "64");
        try (Gureum gureum = Gureum.start(GureumConfig.builder().port(0).handlerThreads(64).build());
                LambdaClient lambda = AwsClients.client(LambdaClient.builder(), gureum)) {
            SdkBytes code = SdkBytes.fromByteArray(zip("app.py", ECHO));
            SdkBytes payload = SdkBytes.fromUtf8String("{\"n\":1}");

            long[] cold = new long[5];
            long[] warm = new long[5];
            for (int i = 0; i < cold.length; i++) {
                String name = "cold-" + i;
                lambda.createFunction(b -> b.functionName(name).runtime("python3.12").role(ROLE)
                        .handler("app.handler").code(c -> c.zipFile(code)));
                cold[i] = timeMicros(() -> lambda.invoke(b -> b.functionName(name).payload(payload)));
                warm[i] = timeMicros(() -> lambda.invoke(b -> b.functionName(name).payload(payload)));
            }
            Arrays.sort(cold);
            Arrays.sort(warm);
            System.out.printf("cold invoke (median of %d): %.1f ms, warm invoke after it: %.2f ms, ratio %.1f%n",
                    cold.length, cold[cold.length / 2] / 1000.0, warm[warm.length / 2] / 1000.0,
                    (double) cold[cold.length / 2] / warm[warm.length / 2]);

            lambda.createFunction(b -> b.functionName("bench").runtime("python3.12").role(ROLE)
                    .handler("app.handler").code(c -> c.zipFile(code)));
            long[] control = latencies(200, () -> lambda.getFunctionConfiguration(b -> b.functionName("bench")));
            long[] invoke = latencies(200, () -> lambda.invoke(b -> b.functionName("bench").payload(payload)));
            System.out.printf("warm invoke p50 %.2f ms p99 %.2f ms; GetFunctionConfiguration p50 %.2f ms; "
                    + "ratio %.1f%n", pct(invoke, 50) / 1000.0, pct(invoke, 99) / 1000.0, pct(control, 50) / 1000.0,
                    (double) pct(invoke, 50) / pct(control, 50));

            double single = 0;
            for (int clients : new int[] {1, 4, 16}) {
                double rate = throughput(clients, seconds,
                        () -> lambda.invoke(b -> b.functionName("bench").payload(payload)));
                single = clients == 1 ? rate : single;
                System.out.printf("warm invokes, %2d clients: %,8.0f invokes/s (%.1f× one client)%n", clients, rate,
                        rate / single);
            }
        }
    }

    static byte[] zip(String name, String source) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(source.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static long timeMicros(Runnable op) {
        long t0 = System.nanoTime();
        op.run();
        return (System.nanoTime() - t0) / 1000;
    }

    private static long[] latencies(int n, Runnable op) {
        for (int i = 0; i < 20; i++) {
            op.run(); // warm-up
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = timeMicros(op);
        }
        Arrays.sort(out);
        return out;
    }

    private static double throughput(int clients, int seconds, Runnable op) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        long end = warmEnd + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Long>> counts = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            counts.add(pool.submit(() -> {
                long n = 0;
                long now;
                while ((now = System.nanoTime()) < end) {
                    op.run();
                    if (now >= warmEnd) {
                        n++;
                    }
                }
                return n;
            }));
        }
        long total = 0;
        for (Future<Long> f : counts) {
            total += f.get();
        }
        pool.shutdown();
        return total / (double) seconds;
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
    }
}
