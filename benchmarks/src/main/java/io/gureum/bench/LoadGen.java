package io.gureum.bench;

import static io.gureum.bench.Stats.f;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator: N threads, each with its own blocking keep-alive connection,
 * sending one pre-built request (STS GetCallerIdentity by default) back to back. Counts only requests that start after
 * the warm-up and finish before the end of the measurement; prints one machine-readable RESULT line.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.gureum.bench.LoadGen PORT [connections 64]
 *     [warmup-seconds 10] [measure-seconds 15] [workload sts|sqs-send|ddb-get]</pre>
 */
public final class LoadGen {
    private LoadGen() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int measure = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        byte[] request = AwsRequests.workload(args.length > 4 ? args[4] : "sts", port);

        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long measureTo = measureFrom + measure * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        AtomicLong non200 = new AtomicLong();
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[connections];
        Thread[] threads = new Thread[connections];
        for (int i = 0; i < connections; i++) {
            long[][] holder = new long[1][];
            final int idx = i;
            threads[i] = new Thread(() -> {
                long[] lat = new long[1 << 14];
                int n = 0;
                HttpConnection c = null;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        break;
                    }
                    try {
                        if (c == null) {
                            c = new HttpConnection("127.0.0.1", port);
                        }
                        int status = c.exchange(request);
                        long t1 = System.nanoTime();
                        if (status != 200) {
                            non200.incrementAndGet();
                        } else if (t0 >= measureFrom && t1 <= measureTo) {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, n * 2);
                            }
                            lat[n++] = t1 - t0;
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        if (c != null) {
                            c.close();
                        }
                        c = null;
                    }
                }
                if (c != null) {
                    c.close();
                }
                holder[0] = Arrays.copyOf(lat, n);
                synchronized (perThread) {
                    perThread.add(holder[0]);
                }
                counts[idx] = n;
            }, "load-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (long[] a : perThread) {
            total += a.length;
        }
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] a : perThread) {
            System.arraycopy(a, 0, all, k, a.length);
            k += a.length;
        }
        Arrays.sort(all);
        double rps = total / (double) measure;
        double p50 = Stats.percentile(all, 50) / 1e3;
        double p99 = Stats.percentile(all, 99) / 1e3;
        double p999 = Stats.percentile(all, 99.9) / 1e3;
        int minPerConn = Arrays.stream(counts).min().orElse(0);
        int maxPerConn = Arrays.stream(counts).max().orElse(0);
        System.out.println(f("RESULT rps=%.1f p50us=%.1f p99us=%.1f p999us=%.1f requests=%d errors=%d non200=%d "
                + "minPerConn=%d maxPerConn=%d", rps, p50, p99, p999, total, errors.get(), non200.get(), minPerConn,
                maxPerConn));
    }
}
