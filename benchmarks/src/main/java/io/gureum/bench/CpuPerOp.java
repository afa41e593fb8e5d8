package io.gureum.bench;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;

/**
 * Issue #15's durable overhead measured as server CPU per request rather than throughput (which a shared, loaded
 * machine starves): Gureum runs in this JVM, with or without a fresh {@code --data-dir}; T client threads each
 * send N/T requests of a workload over their own keep-alive connection, twice (the first pass warms up); the
 * figure is the process's CPU time over the second pass minus the client threads' own CPU time, per request,
 * and the wall time per request. The services come from the Gureum jar put first on the class path:
 *
 * <pre>java -Xmx512m -cp docker/target/gureum.jar:benchmarks/target/benchmarks.jar io.gureum.bench.CpuPerOp
 *     memory|durable s3-put-1k|sqs-send|ddb-put THREADS N</pre>
 */
public final class CpuPerOp {
    private CpuPerOp() {
    }

    public static void main(String[] a) throws Exception {
        boolean durable = a[0].equals("durable");
        String workload = a[1];
        int threads = Integer.parseInt(a[2]);
        int n = Integer.parseInt(a[3]);
        GureumConfig.Builder b = GureumConfig.builder().port(0).services("s3", "sqs", "dynamodb");
        if (durable) {
            b.dataDir(Files.createTempDirectory("dp-cpu-"));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var tm = ManagementFactory.getThreadMXBean();
        try (Gureum g = Gureum.start(b.build())) {
            int port = g.port();
            try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                c.exchange(AwsRequests.createQueue(port, AwsRequests.BENCH_QUEUE));
                c.exchange(AwsRequests.createTable(port));
                c.exchange(AwsRequests.createBucket(port));
            }
            for (int phase = 0; phase < 2; phase++) {
                long[] clientCpu = new long[threads];
                Thread[] ts = new Thread[threads];
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    ts[t] = new Thread(() -> {
                        long c0 = tm.getCurrentThreadCpuTime();
                        try (HttpConnection c = new HttpConnection("127.0.0.1", port)) {
                            byte[] req = AwsRequests.workload(workload, port);
                            for (int i = 0; i < n / threads; i++) {
                                int st = c.exchange(req);
                                if (st != 200) {
                                    throw new IllegalStateException("status " + st);
                                }
                            }
                        } catch (Exception e) {
                            throw new RuntimeException(e);
                        }
                        clientCpu[id] = tm.getCurrentThreadCpuTime() - c0;
                    });
                    ts[t].start();
                }
                for (Thread t : ts) {
                    t.join();
                }
                long wall = System.nanoTime() - t0;
                long cpu = os.getProcessCpuTime() - cpu0;
                long client = 0;
                for (long x : clientCpu) {
                    client += x;
                }
                if (phase == 1) {
                    System.out.printf("RESULT %s %s threads=%d n=%d serverCpuMsPerOp=%.3f wallMsPerOp=%.3f%n", a[0],
                            workload, threads, n, (cpu - client) / 1e6 / n, wall / 1e6 / n);
                }
            }
        }
    }
}
