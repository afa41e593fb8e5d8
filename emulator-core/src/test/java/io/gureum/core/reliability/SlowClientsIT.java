package io.gureum.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.TestServices;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris and stalled uploads. With generous timeouts, connections that stall keep their place
 * while health and the API keep answering; with short ones (the timeout is the point), every slow
 * connection is closed by the server.
 */
class SlowClientsIT {
    /**
     * A generous bound for an answer on a shared, loaded machine (10 s was once exceeded at a load average of
     * 35, by the first DynamoDB call loading its service); the faults this catches are hangs.
     */
    static final int ANSWER_MILLIS = 60_000;

    static String health() {
        return "GET /_gureum/health HTTP/1.1\r\nHost: localhost\r\n\r\n";
    }

    static String describeTable() {
        String body = "{\"TableName\":\"t1\"}";
        return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.DescribeTable\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    /** The head of a 2 MiB DynamoDB request (streamed: over the 1 MiB threshold) and a little of its body. */
    static String stalledUpload() {
        return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2097152\r\n\r\n{\"Limit\": ";
    }

    static void assertServing(int port) throws IOException {
        for (String request : new String[] {health(), describeTable()}) {
            try (RawHttp c = RawHttp.connect(port, ANSWER_MILLIS)) {
                Reply r = c.send(request).read();
                assertEquals(200, r.status(), r::toString);
            }
        }
    }

    @Test
    void stalledUploadsAndHalfHeadsDoNotStopTheServer() throws Exception {
        // Eight handler threads, as on a 2-core machine; the stalled uploads outnumber them.
        GureumConfig config = GureumConfig.builder().port(0).handlerThreads(8).build();
        try (Gureum gureum = Gureum.start(config, TestServices.all())) {
            int port = gureum.port();
            List<RawHttp> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    slow.add(RawHttp.connect(port).send(stalledUpload()));
                }
                for (int i = 0; i < 100; i++) {
                    slow.add(RawHttp.connect(port).send(i % 2 == 0 ? "GET /_gureum/hea"
                            : "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Tar"));
                }
                for (int round = 0; round < 5; round++) {
                    assertServing(port);
                }
            } finally {
                for (RawHttp c : slow) {
                    c.close();
                }
            }
            assertServing(port);
        }
    }

    @Test
    void slowConnectionsAreClosed() throws Exception {
        GureumConfig config = GureumConfig.builder().port(0).handlerThreads(8)
                .headerTimeout(Duration.ofSeconds(1)).stallTimeout(Duration.ofSeconds(1))
                .idleTimeout(Duration.ofSeconds(2)).build();
        try (Gureum gureum = Gureum.start(config, TestServices.all())) {
            int port = gureum.port();
            List<RawHttp> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    String partial = switch (i % 4) {
                        case 0 -> "GET /_gureum/hea"; // half a request line
                        case 1 -> "POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Tar"; // half the headers
                        case 2 -> stalledUpload(); // a body that stops
                        default -> ""; // connected, never a byte
                    };
                    RawHttp c = RawHttp.connect(port, 60_000);
                    if (!partial.isEmpty()) {
                        c.send(partial);
                    }
                    slow.add(c);
                }
                for (RawHttp c : slow) {
                    assertTrue(c.closedByServer(), "a slow connection stayed open");
                }
            } finally {
                for (RawHttp c : slow) {
                    c.close();
                }
            }
            // A kept-alive connection with no next request is closed after the idle timeout.
            try (RawHttp c = RawHttp.connect(port, 60_000)) {
                assertEquals(200, c.send(health()).read().status());
                assertTrue(c.closedByServer());
            }
            assertServing(port);
        }
    }

    /** A client trickling its head one byte at a time is closed too: the header timeout is a total. */
    @Test
    void aTricklingHeadIsClosed() throws Exception {
        GureumConfig config = GureumConfig.builder().port(0).headerTimeout(Duration.ofSeconds(1)).build();
        try (Gureum gureum = Gureum.start(config, TestServices.all());
                RawHttp c = RawHttp.connect(gureum.port(), 60_000)) {
            String head = health();
            boolean closed = false;
            for (int i = 0; i < head.length() - 2 && !closed; i++) {
                try {
                    c.send(head.substring(i, i + 1));
                    Thread.sleep(200);
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertTrue(closed || c.closedByServer(), "the trickling head was never cut off");
        }
    }
}
