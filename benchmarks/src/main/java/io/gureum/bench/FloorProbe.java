package io.gureum.bench;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-request floor (issue #20) from inside one JVM, for profiling rather than throughput: starts Gureum
 * in-process, drives it over loopback from N plain-socket threads sending one fixed request (a SigV4-signed
 * DynamoDB ListTables shaped like the Java SDK's, or a bare {@code GET /}), and reports the server's own
 * threads' CPU time and allocated bytes per request ({@code com.sun.management.ThreadMXBean}; the client
 * threads, JIT compiler, GC and JFR threads are left out). Allocation per request barely moves with the
 * machine's load; CPU time per request does (a loaded machine batches less per wake-up), so compare CPU
 * only between runs made one after the other, several times. {@code --jfr FILE} records the measured
 * window with a JFR profile (method samples every 10 ms; pass a custom {@code .jfc} as {@code --jfc}).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar:docker/target/gureum.jar io.gureum.bench.FloorProbe
 *     ddb-list-tables|root [connections 4] [warmup-s 15] [measure-s 15] [--jfr out.jfr] [--jfc profile]</pre>
 *
 * ListTables needs the DynamoDB module on the class path (hence {@code gureum.jar}); signatures are not
 * verified by default, so the fixed signature is only parsed.
 */
public final class FloorProbe {
    private FloorProbe() {
    }

    static byte[] listTables(int port) {
        String body = "{}";
        return ("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "amz-sdk-invocation-id: 3f0e5c1a-6d2b-4b8e-9a0c-1b2c3d4e5f60\r\namz-sdk-request: attempt=1; max=1\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-length;content-type;host;x-amz-date;"
                + "x-amz-target, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\r\n"
                + "Content-Type: application/x-amz-json-1.0\r\n"
                + "User-Agent: aws-sdk-java/2.31.0 md/io#sync md/http#Apache ua/2.1 os/Linux#6.1 lang/java#17.0.15 "
                + "md/OpenJDK_64-Bit_Server_VM#17.0.15 md/vendor#Ubuntu md/en_US m/D,N,e\r\n"
                + "X-Amz-Date: 20261207T010000Z\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: Keep-Alive\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] root(int port) {
        return ("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one response with a Content-Length body; anything but 200 is an error. */
    static void readResponse(InputStream in) throws IOException {
        int contentLength = -1;
        int status = 0;
        StringBuilder line = new StringBuilder();
        while (true) {
            line.setLength(0);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            if (line.length() == 0) {
                break;
            }
            String l = line.toString();
            if (status == 0) {
                status = Integer.parseInt(l.substring(9, 12));
            } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                contentLength = Integer.parseInt(l.substring(15).trim());
            }
        }
        if (status != 200 || contentLength < 0) {
            throw new IOException("status " + status + ", content-length " + contentLength);
        }
        in.readNBytes(contentLength);
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>();
        String jfr = null;
        String jfc = "profile";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jfr" -> jfr = args[++i];
                case "--jfc" -> jfc = args[++i];
                default -> positional.add(args[i]);
            }
        }
        String workload = positional.get(0);
        int connections = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 4;
        int warmup = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 15;
        int measure = positional.size() > 3 ? Integer.parseInt(positional.get(3)) : 15;
        try (Gureum gureum = Gureum.start(GureumConfig.builder().host("127.0.0.1").port(0).build())) {
            int port = gureum.port();
            byte[] request = switch (workload) {
                case "ddb-list-tables" -> listTables(port);
                case "root" -> root(port);
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
            AtomicLong done = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Set<Long> clients = new HashSet<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Thread t = new Thread(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        s.setTcpNoDelay(true);
                        OutputStream out = s.getOutputStream();
                        InputStream in = new BufferedInputStream(s.getInputStream());
                        while (running.get()) {
                            out.write(request);
                            out.flush();
                            readResponse(in);
                            done.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (running.get()) {
                            e.printStackTrace();
                            System.exit(1);
                        }
                    }
                }, "floor-client-" + i);
                t.setDaemon(true);
                clients.add(t.getId());
                threads.add(t);
            }
            threads.forEach(Thread::start);
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Thread.sleep(warmup * 1000L);
            jdk.jfr.Recording recording = null;
            if (jfr != null) {
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration(jfc));
                recording.setDestination(java.nio.file.Path.of(jfr));
                recording.start();
            }
            long[] before = serverThreads(mx, clients);
            long n0 = done.get();
            Thread.sleep(measure * 1000L);
            long[] after = serverThreads(mx, clients);
            long n = done.get() - n0;
            if (recording != null) {
                recording.stop();
                recording.close();
            }
            running.set(false);
            System.out.printf("RESULT workload=%s requests=%d ops=%.0f server_cpu_us_per_op=%.1f "
                    + "server_alloc_bytes_per_op=%.0f%n", workload, n, n / (double) measure,
                    (after[0] - before[0]) / 1e3 / n, (after[1] - before[1]) / (double) n);
        }
        System.exit(0);
    }

    /** CPU nanoseconds and allocated bytes of the server's threads so far. */
    private static long[] serverThreads(com.sun.management.ThreadMXBean mx, Set<Long> clients) {
        long cpu = 0;
        long allocated = 0;
        long me = Thread.currentThread().getId();
        for (long id : mx.getAllThreadIds()) {
            ThreadInfo info = mx.getThreadInfo(id);
            if (info == null || id == me || clients.contains(id)) {
                continue;
            }
            String name = info.getThreadName();
            if (name.contains("Compiler") || name.startsWith("JFR") || name.contains("GC") || name.startsWith("VM ")) {
                continue;
            }
            cpu += Math.max(0, mx.getThreadCpuTime(id));
            allocated += Math.max(0, mx.getThreadAllocatedBytes(id));
        }
        return new long[] {cpu, allocated};
    }
}
