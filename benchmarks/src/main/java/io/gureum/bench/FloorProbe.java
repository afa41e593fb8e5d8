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
 * DynamoDB ListTables shaped like the Java SDK's, a bare {@code GET /}, or an S3 PutObject or GetObject of
 * 1 KiB byte for byte as the SDK sends it), and reports the server's own
 * threads' CPU time (and the part of it spent in the kernel) and allocated bytes per request ({@code com.sun.management.ThreadMXBean}; the client
 * threads, JIT compiler, GC and JFR threads are left out). Allocation per request barely moves with the
 * machine's load; CPU time per request does (a loaded machine batches less per wake-up), so compare CPU
 * only between runs made one after the other, several times. {@code --jfr FILE} records the measured
 * window with a JFR profile (method samples every 10 ms; {@code --jfc} names other settings, or a {@code .jfc} file).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar:docker/target/gureum.jar io.gureum.bench.FloorProbe
 *     ddb-list-tables|root|s3-put-1k|s3-put-1k-trailer|s3-get-1k|hello-root|hello-ddb-list-tables [connections 4]
 *     [warmup-s 15] [measure-s 15] [--jfr out.jfr] [--jfc profile]</pre>
 *
 * {@code hello-root} and {@code hello-ddb-list-tables} send the same requests to {@link HelloServer} (bare Netty, the
 * peer of Peers' floor rows) started in the same JVM, so the two servers' CPU per request compare directly.
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

    private static final String SDK_USER_AGENT = "aws-sdk-java/2.57.8 md/io#sync md/http#Apache5 ua/2.1 api/S3#2.57.x "
            + "os/Linux#6.18 lang/java#17.0.15 md/OpenJDK_64-Bit_Server_VM#17.0.15+6-Debian-1deb12u1 md/vendor#Debian ";
    static final String BUCKET = "floor-bucket";

    /**
     * PutObject of 1 KiB to {@code key} exactly as the Java SDK v2 (2.57, sync, Apache 5 client) sends it over
     * plain HTTP with {@code requestChecksumCalculation(WHEN_REQUIRED)}, the Peers benchmark's setting: the
     * payload signed chunk by chunk ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, {@code aws-chunked}, one
     * 1 KiB chunk and the final empty one), no {@code Expect: 100-continue}. With {@code trailer} the SDK's
     * default instead: the CRC32 checksum in a trailer ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}).
     * Signatures are fixed strings (Gureum does not verify them by default).
     */
    static byte[] putObject1k(int port, String key, boolean trailer) {
        byte[] data = new byte[1024];
        java.util.Arrays.fill(data, (byte) 'x');
        String sig = "527164c45e3baf25ba1084ba6158e77839b8760655894200e3edf75fab965a73";
        String body = "400;chunk-signature=b7922434029c1574a77b85042e4310a91bb420cdba51cc81ada8a1b5436f818a\r\n"
                + new String(data, StandardCharsets.US_ASCII) + "\r\n"
                + "0;chunk-signature=57f791cef964e0b892f61c689b5d699014320f5634806110cb33d62d8b7e36de\r\n"
                + (trailer ? "x-amz-checksum-crc32:SNfwYw==\r\n" : "\r\n");
        return ("PUT /" + BUCKET + "/" + key + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "amz-sdk-invocation-id: 6d97e7ae-42b4-207f-3436-05d29e34baac\r\namz-sdk-request: attempt=1; max=1\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/s3/aws4_request, "
                + "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;content-encoding;content-length;content-type;host;"
                + "x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length"
                + (trailer ? ";x-amz-sdk-checksum-algorithm;x-amz-trailer" : "") + ", Signature=" + sig + "\r\n"
                + "Content-Encoding: aws-chunked\r\nContent-Type: application/octet-stream\r\n"
                + "User-Agent: " + SDK_USER_AGENT + "md/rb#b m/D,AJ,N,N,a,b,e\r\n"
                + "x-amz-content-sha256: STREAMING-AWS4-HMAC-SHA256-PAYLOAD" + (trailer ? "-TRAILER" : "") + "\r\n"
                + "X-Amz-Date: 20261207T025823Z\r\nx-amz-decoded-content-length: 1024\r\n"
                + (trailer ? "x-amz-sdk-checksum-algorithm: CRC32\r\nx-amz-trailer: x-amz-checksum-crc32\r\n" : "")
                + "Content-Length: " + body.length() + "\r\nConnection: keep-alive\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** GetObject of {@code key} as the Java SDK v2 (2.57, sync, Apache 5 client) sends it. */
    static byte[] getObject(int port, String key) {
        return ("GET /" + BUCKET + "/" + key + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "amz-sdk-invocation-id: 846de2b1-080f-6158-303c-109d0f7e8078\r\namz-sdk-request: attempt=1; max=1\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/s3/aws4_request, "
                + "SignedHeaders=amz-sdk-invocation-id;amz-sdk-request;host;x-amz-content-sha256;x-amz-date;x-amz-te, "
                + "Signature=9b967a9a7d6497b1975b6a3499358b2e9718a040c154d2593d209c92ea17e255\r\n"
                + "User-Agent: " + SDK_USER_AGENT + "md/rt#s m/D,AJ,N,N,a,b,e\r\n"
                + "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\nX-Amz-Date: 20261207T025824Z\r\n"
                + "x-amz-te: append-md5\r\nConnection: keep-alive\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] createBucket(int port) {
        return ("PUT /" + BUCKET + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=00\r\n"
                + "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\nX-Amz-Date: 20261207T025824Z\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
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
        boolean hello = workload.startsWith("hello-");
        try (Gureum gureum = Gureum.start(GureumConfig.builder().host("127.0.0.1").port(0).build());
                HelloServer.Running netty = hello ? HelloServer.start(0) : null) {
            // hello-*: the same request to the bare Netty server of Peers' floor rows, in this JVM (Gureum idles)
            int port = hello ? netty.port() : gureum.port();
            java.util.function.IntFunction<byte[]> requests = switch (workload) {
                case "ddb-list-tables", "hello-ddb-list-tables" -> i -> listTables(port);
                case "root", "hello-root" -> i -> root(port);
                // each connection overwrites its own key, as the Peers benchmark's threads do
                case "s3-put-1k" -> i -> putObject1k(port, "put-1024-" + i, false);
                case "s3-put-1k-trailer" -> i -> putObject1k(port, "put-1024-" + i, true);
                case "s3-get-1k" -> i -> getObject(port, "get-1024");
                default -> throw new IllegalArgumentException("unknown workload " + workload);
            };
            if (workload.startsWith("s3-")) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream());
                    out.write(createBucket(port));
                    readResponse(in);
                    byte[] data = new byte[1024];
                    java.util.Arrays.fill(data, (byte) 'y');
                    byte[] head = ("PUT /" + BUCKET + "/get-1024 HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                            + "x-amz-content-sha256: UNSIGNED-PAYLOAD\r\nContent-Length: 1024\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII);
                    out.write(head);
                    out.write(data);
                    readResponse(in);
                }
            }
            AtomicLong done = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Set<Long> clients = new HashSet<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                byte[] request = requests.apply(i);
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
                // A settings name (default, profile) or a .jfc file of one's own (higher allocation sampling)
                recording = new jdk.jfr.Recording(jfc.endsWith(".jfc")
                        ? jdk.jfr.Configuration.create(java.nio.file.Path.of(jfc))
                        : jdk.jfr.Configuration.getConfiguration(jfc));
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
                    + "(kernel %.1f) server_alloc_bytes_per_op=%.0f%n", workload, n, n / (double) measure,
                    (after[0] - before[0]) / 1e3 / n, (after[0] - before[0] - after[2] + before[2]) / 1e3 / n,
                    (after[1] - before[1]) / (double) n);
        }
        System.exit(0);
    }

    /** CPU nanoseconds, allocated bytes and user-mode CPU nanoseconds of the server's threads so far. */
    private static long[] serverThreads(com.sun.management.ThreadMXBean mx, Set<Long> clients) {
        long cpu = 0;
        long allocated = 0;
        long user = 0;
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
            user += Math.max(0, mx.getThreadUserTime(id));
        }
        return new long[] {cpu, allocated, user};
    }
}
