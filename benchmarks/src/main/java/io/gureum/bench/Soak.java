package io.gureum.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Soak: a Gureum server (child JVM) under mixed traffic on {@code --connections} keep-alive
 * connections (STS GetCallerIdentity, IAM user create/get/delete, an IAM NoSuchEntity error, health,
 * a malformed request now and then) plus {@code --slow} slow clients (half request lines, half headers,
 * stalled 2 MiB bodies, a byte every few seconds: each reconnects when the server closes it). Every
 * {@code --interval} seconds prints the server's RSS, open file descriptors and threads, requests per
 * second, 5xx answers and slow connections closed by the server; flat RSS/fd/thread columns are the
 * result. Not a test.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.gureum.bench.Soak [--minutes 30]
 * [--connections 32] [--slow 50] [--interval 30] [--server-args "--header-timeout 20 --stall-timeout 20"]
 * [--server-flags "-Xmx256m"]}: the server runs with the launcher's flags ({@code @docker/jvm.options}, run from
 * the repository root) unless {@code --server-flags} names others.
 */
public final class Soak {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong clientFailures = new AtomicLong();
    private final AtomicLong slowClosed = new AtomicLong();

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = 30;
        int connections = 32;
        int slow = 50;
        int interval = 30;
        String serverArgs = "";
        String serverFlags = "@docker/jvm.options";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--minutes" -> minutes = Double.parseDouble(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--slow" -> slow = Integer.parseInt(args[++i]);
                case "--interval" -> interval = Integer.parseInt(args[++i]);
                case "--server-args" -> serverArgs = args[++i];
                case "--server-flags" -> serverFlags = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        new Soak().run((long) (minutes * 60_000), connections, slow, interval, serverArgs, serverFlags);
    }

    private void run(long millis, int connections, int slow, int interval, String serverArgs, String serverFlags)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        if (!serverArgs.isBlank()) {
            args.addAll(List.of(serverArgs.trim().split("\\s+")));
        }
        List<String> flags = serverFlags.isBlank() ? List.of() : List.of(serverFlags.trim().split("\\s+"));
        try (ChildJvm server = ChildJvm.start(flags, "io.gureum.core.Main", args, false)) {
            int port = server.awaitPort(60_000);
            long pid = server.process.pid();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                long seed = i;
                threads.add(start("soak-client-" + i, () -> client(port, new Random(seed))));
            }
            for (int i = 0; i < slow; i++) {
                int kind = i;
                threads.add(start("soak-slow-" + i, () -> slowClient(port, kind)));
            }
            System.out.printf("soak: pid %d port %d, %d connections + %d slow clients for %.1f min%n", pid, port,
                    connections, slow, millis / 60_000.0);
            System.out.println("elapsed_s  rss_mib  open_fds  threads  req_per_s  total_req  5xx  client_failures  slow_closed");
            long start = System.currentTimeMillis();
            long lastRequests = 0;
            long lastTime = start;
            while (System.currentTimeMillis() - start < millis) {
                Thread.sleep(Math.min(interval * 1000L, Math.max(1, millis - (System.currentTimeMillis() - start))));
                long now = System.currentTimeMillis();
                long total = requests.get();
                double rate = (total - lastRequests) * 1000.0 / Math.max(1, now - lastTime);
                lastRequests = total;
                lastTime = now;
                System.out.printf("%9d  %7.1f  %8d  %7d  %9.0f  %9d  %3d  %15d  %11d%n", (now - start) / 1000,
                        ChildJvm.rssMiB(pid), openFds(pid), threads(pid), rate, total, serverErrors.get(),
                        clientFailures.get(), slowClosed.get());
            }
            running.set(false);
            for (Thread t : threads) {
                t.interrupt();
                t.join(5_000);
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Mixed traffic on one keep-alive connection, reconnecting when the server closes it. */
    private void client(int port, Random random) {
        String me = Thread.currentThread().getName();
        long n = 0;
        HttpConnection c = null;
        while (running.get()) {
            try {
                if (c == null) {
                    c = new HttpConnection("127.0.0.1", port);
                }
                int status = c.exchange(request(port, random, me + "-" + (n++ % 50)));
                requests.incrementAndGet();
                if (status >= 500) {
                    serverErrors.incrementAndGet();
                }
            } catch (IOException e) {
                if (running.get()) {
                    clientFailures.incrementAndGet();
                }
                if (c != null) {
                    c.close();
                }
                c = null;
            }
        }
        if (c != null) {
            c.close();
        }
    }

    private static byte[] request(int port, Random random, String user) {
        int pick = random.nextInt(100);
        if (pick < 40) {
            return AwsRequests.getCallerIdentity(port);
        }
        String v = "&Version=" + AwsRequests.IAM_VERSION;
        if (pick < 55) {
            return AwsRequests.query(port, "iam", "Action=CreateUser&UserName=" + user + v);
        }
        if (pick < 70) {
            return AwsRequests.query(port, "iam", "Action=GetUser&UserName=" + user + v);
        }
        if (pick < 80) {
            return AwsRequests.query(port, "iam", "Action=DeleteUser&UserName=" + user + v);
        }
        if (pick < 85) {
            return AwsRequests.query(port, "iam", "Action=GetUser&UserName=nobody-" + random.nextInt(1000) + v);
        }
        if (pick < 95) {
            return ("GET /_gureum/health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        // Malformed but framed: a JSON target with a broken body, answered 4xx on a live connection.
        return AwsRequests.json(port, "sts", "Nope_20110615.Nothing", "{\"a\":[1,2,");
    }

    /** One slow-loris pattern, over and over: each round ends when the server closes the connection. */
    private void slowClient(int port, int kind) {
        String[] openings = {
            "GET /_gureum/hea",
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Amz-Tar",
            // A 2 MiB IAM query body (streamed: over the 1 MiB threshold) that stops after a few bytes.
            "POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, "
                    + "SignedHeaders=host, Signature=00\r\nContent-Length: 2097152\r\n\r\nAction=ListUsers&",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n",
        };
        String opening = openings[kind % openings.length];
        boolean trickle = kind % 5 == 4;
        while (running.get()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(1_000);
                OutputStream out = s.getOutputStream();
                out.write(opening.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                while (running.get()) {
                    if (trickle) {
                        out.write('X');
                        out.flush();
                    }
                    try {
                        if (s.getInputStream().read() < 0) {
                            break;
                        }
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        Thread.sleep(trickle ? 2_000 : 0);
                    }
                }
                slowClosed.incrementAndGet();
            } catch (IOException e) {
                slowClosed.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long openFds(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.substring(8).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
