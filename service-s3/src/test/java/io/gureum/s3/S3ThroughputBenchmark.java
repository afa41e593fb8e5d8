package io.gureum.s3;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PUT and GET throughput for 1 KiB and 1 MiB objects over 16 and 64 keep-alive connections (one
 * thread per connection, path-style, unsigned). Not run by the tests:
 *
 * <pre>java -cp … io.gureum.s3.S3ThroughputBenchmark [seconds] [http://host:port]</pre>
 *
 * Without an endpoint it starts a server in this JVM, so load generator and server share the CPUs.
 */
public final class S3ThroughputBenchmark {
    private S3ThroughputBenchmark() {
    }

    /** One keep-alive HTTP/1.1 connection. */
    static final class Connection implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        final String host;

        Connection(URI endpoint) throws IOException {
            socket = new Socket(endpoint.getHost(), endpoint.getPort());
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            host = endpoint.getHost() + ":" + endpoint.getPort();
        }

        int send(String method, String path, byte[] body, byte[] sink) throws IOException {
            String head = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String status = line();
            long length = 0;
            String h;
            while (!(h = line()).isEmpty()) {
                if (h.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Long.parseLong(h.substring(15).trim());
                }
            }
            while (length > 0) {
                int n = in.read(sink, 0, (int) Math.min(sink.length, length));
                if (n < 0) {
                    throw new IOException("closed");
                }
                length -= n;
            }
            return Integer.parseInt(status.substring(9, 12));
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("closed");
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static double run(URI endpoint, String method, int size, int connections, int seconds) throws Exception {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        AtomicLong done = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                byte[] sink = new byte[1 << 16];
                try (Connection conn = new Connection(endpoint)) {
                    int i = 0;
                    while (System.nanoTime() < end) {
                        // GETs read keys every PUT run wrote (connection < 16, first request).
                        String path = method.equals("PUT") ? "/bench/" + size + "-" + id + "-" + (i++ % 16)
                                : "/bench/" + size + "-" + (id % 16) + "-0";
                        int status = method.equals("PUT") ? conn.send("PUT", path, body, sink)
                                : conn.send("GET", path, null, sink);
                        if (status == 200) {
                            done.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (errors.get() > 0) {
            System.out.println("  (" + errors.get() + " errors)");
        }
        return done.get() / (double) seconds;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Gureum local = args.length > 1 ? null : Gureum.start(GureumConfig.builder().port(0).build());
        URI endpoint = local != null ? local.endpoint() : URI.create(args[1]);
        try (Connection c = new Connection(endpoint)) {
            c.send("PUT", "/bench", new byte[0], new byte[1024]);
        }
        run(endpoint, "PUT", 1024, 16, 2); // warm-up: JIT and first-use loading
        run(endpoint, "GET", 1024, 16, 2);
        System.out.println("| size | connections | PUT req/s | GET req/s | PUT MiB/s | GET MiB/s |");
        System.out.println("|---|---|---|---|---|---|");
        for (int size : new int[] {1024, 1 << 20}) {
            for (int connections : new int[] {16, 64}) {
                double put = run(endpoint, "PUT", size, connections, seconds);
                double get = run(endpoint, "GET", size, connections, seconds);
                System.out.printf("| %s | %d | %.0f | %.0f | %.1f | %.1f |%n", size == 1024 ? "1 KiB" : "1 MiB",
                        connections, put, get, put * size / (1 << 20), get * size / (1 << 20));
            }
        }
        if (local != null) {
            local.close();
        }
    }
}
