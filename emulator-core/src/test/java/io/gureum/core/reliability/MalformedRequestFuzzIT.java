package io.gureum.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.TestServices;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Seeded malformed requests across every protocol ({@link MalformedRequests}): not one answer may be a
 * 5xx (other than core's 501 NotImplemented for operations the test services do not bind), no
 * request may hang, and the server serves normally afterwards. {@value #DEFAULT_REQUESTS} requests
 * (about 40 s on a shared 2-core machine); fewer with {@code -Dgureum.fuzz.requests=N}, another seed
 * with {@code -Dgureum.fuzz.seed=N}.
 */
@org.junit.jupiter.api.Tag("slow") // the slow tier: skipped by mvn verify -Dfast
class MalformedRequestFuzzIT {
    static final int DEFAULT_REQUESTS = 100_000;
    static final int CLIENTS = 4;

    @Test
    void noMalformedRequestGetsA5xxOrHangs(TestReporter report) throws Exception {
        int total = Integer.getInteger("gureum.fuzz.requests", DEFAULT_REQUESTS);
        long seed = Long.getLong("gureum.fuzz.seed", 20_261_206L);
        GureumConfig config = GureumConfig.builder().port(0).maxRequestBodyBytes(64 * 1024).build();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicLong answered = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        try (Gureum gureum = Gureum.start(config, TestServices.all())) {
            int port = gureum.port();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int share = total / CLIENTS + (c < total % CLIENTS ? 1 : 0);
                    MalformedRequests requests = new MalformedRequests(seed + c, port);
                    done.add(clients.submit(() -> {
                        run(port, requests, share, failures, answered, dropped);
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                clients.shutdownNow();
            }
            assertTrue(failures.isEmpty(), failures.size() + " failures of " + total + " (seed " + seed + "), first: "
                    + failures.subList(0, Math.min(10, failures.size())));
            assertTrue(answered.get() > total / 2, "answered " + answered + ", dropped " + dropped);
            report.publishEntry("fuzz", total + " requests, seed " + seed + ": " + answered + " answered, "
                    + dropped + " closed without an answer, 0 failures");
            try (RawHttp c = RawHttp.connect(port)) {
                assertEquals(200, c.send("GET /_gureum/health HTTP/1.1\r\nHost: localhost\r\n\r\n").read().status());
            }
        }
    }

    /**
     * Core's 501 for an operation no provider binds: the test services bind a few operations each, so
     * a mutated method or path often names a real operation they do not serve (HEAD on a key is
     * HeadObject). Not a fault; any other 5xx is.
     */
    private static boolean unbound(Reply r, boolean head) {
        if (r.status() != 501) {
            return false;
        }
        String type = r.header("x-amzn-errortype");
        String body = r.bodyAsString();
        return head && body.isEmpty() || body.contains("NotImplemented") || body.contains("is not implemented by Gureum")
                || type != null && type.startsWith("NotImplemented");
    }

    private static void run(int port, MalformedRequests requests, int count, List<String> failures,
            AtomicLong answered, AtomicLong dropped) throws IOException {
        RawHttp c = null;
        try {
            for (int i = 0; i < count; i++) {
                MalformedRequests.Generated g = requests.next();
                if (c == null) {
                    c = RawHttp.connect(port, 15_000);
                }
                boolean reconnect = g.reconnect();
                try {
                    c.sendQuietly(g.bytes());
                    if (reconnect) {
                        c.shutdownOutput(); // framing the server may wait on: let it see the end
                    }
                    Reply r = c.read(g.head());
                    while (r.status() == 100) {
                        r = c.read(g.head());
                    }
                    answered.incrementAndGet();
                    if (r.status() >= 500 && !unbound(r, g.head())) {
                        failures.add(r.status() + " for " + g.description() + ": "
                                + new String(g.bytes(), StandardCharsets.ISO_8859_1).replaceAll("[^\\x20-\\x7e]", "?")
                                + " -> " + r.bodyAsString());
                    }
                    String connection = r.header("connection");
                    reconnect |= connection != null && connection.equalsIgnoreCase("close");
                } catch (SocketTimeoutException hang) {
                    failures.add("no answer within 15 s for " + g.description());
                    reconnect = true;
                } catch (IOException closed) {
                    dropped.incrementAndGet(); // closed without an answer: allowed after framing errors
                    reconnect = true;
                }
                if (reconnect) {
                    c.close();
                    c = null;
                }
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }
}
