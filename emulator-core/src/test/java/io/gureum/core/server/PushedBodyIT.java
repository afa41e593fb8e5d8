package io.gureum.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.http.PushedBody;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A pushed response body: the head goes out at once, each chunk as the producer sends it from its own thread, the
 * last chunk when it ends (and the connection serves the next request); a client that goes away is told to the
 * producer; and an open body holds no handler thread (the server has one).
 */
class PushedBodyIT {
    static Gureum gureum;
    /** The sinks of the bodies opened, in order, and a latch per body counting its closed() calls. */
    static final LinkedBlockingQueue<PushedBody.Sink> SINKS = new LinkedBlockingQueue<>();
    static final LinkedBlockingQueue<CountDownLatch> CLOSED = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() {
        AwsService service = new AwsService() {
            @Override
            public String name() {
                return "sqs";
            }

            @Override
            public String clientInterface() {
                return SqsClient.class.getName();
            }

            @Override
            public List<Class<?>> providerClasses() {
                return List.of();
            }

            @Override
            public ServiceInstance create(ServiceContext context) {
                return new ServiceInstance() {
                    @Override
                    public List<Object> providers() {
                        return List.of();
                    }

                    @Override
                    public AwsHttpResponse preOperation(AwsHttpRequest request) {
                        if (request.rawPath().equals("/plain")) {
                            return new AwsHttpResponse(200).body("plain", "text/plain");
                        }
                        if (!request.rawPath().equals("/push")) {
                            return null;
                        }
                        CountDownLatch closed = new CountDownLatch(1);
                        CLOSED.add(closed);
                        return new AwsHttpResponse(200).header("Content-Type", "application/octet-stream")
                                .pushedBody(new PushedBody() {
                                    @Override
                                    public void open(Sink sink) {
                                        SINKS.add(sink);
                                    }

                                    @Override
                                    public void closed() {
                                        closed.countDown();
                                    }
                                });
                    }
                };
            }
        };
        gureum = Gureum.start(GureumConfig.builder().port(0).handlerThreads(1).build(), List.of(service));
    }

    @AfterAll
    static void stop() {
        gureum.close();
    }

    static void send(OutputStream out, String path) throws IOException {
        out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/sqs/aws4_request, "
                + "SignedHeaders=host, Signature=00\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    /** The status line and headers, lower-cased. */
    static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            head.append(l.toLowerCase()).append('\n');
        }
        return head.toString();
    }

    /** One chunk's bytes ("" for the last chunk). */
    static String chunk(InputStream in) throws IOException {
        int size = Integer.parseInt(line(in).trim(), 16);
        String data = new String(in.readNBytes(size), StandardCharsets.UTF_8);
        line(in);
        return data;
    }

    @Test
    void chunksGoOutAsPushedAndTheConnectionServesTheNextRequestAfterTheEnd() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gureum.port())) {
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket.getOutputStream(), "/push");
            String head = head(in);
            assertTrue(head.startsWith("http/1.1 200"), head);
            assertTrue(head.contains("transfer-encoding: chunked"), head);
            PushedBody.Sink sink = SINKS.poll(120, TimeUnit.SECONDS);
            assertNotNull(sink);
            Thread producer = new Thread(() -> sink.send("one".getBytes(StandardCharsets.UTF_8)));
            producer.start();
            assertEquals("one", chunk(in));
            // While the body is open, the only handler thread is free for another connection's request.
            try (Socket other = new Socket("127.0.0.1", gureum.port())) {
                other.setSoTimeout(120_000);
                InputStream otherIn = new BufferedInputStream(other.getInputStream());
                send(other.getOutputStream(), "/plain");
                assertTrue(head(otherIn).startsWith("http/1.1 200"));
            }
            assertTrue(sink.send("two".getBytes(StandardCharsets.UTF_8)));
            assertEquals("two", chunk(in));
            sink.end();
            assertEquals("", chunk(in));
            assertEquals(false, sink.send("late".getBytes(StandardCharsets.UTF_8)));
            send(socket.getOutputStream(), "/plain");
            String next = head(in);
            assertTrue(next.startsWith("http/1.1 200"), next);
        }
        CountDownLatch closed = CLOSED.poll();
        assertEquals(1, closed.getCount(), "a body its producer ended is not closed()");
    }

    @Test
    void aClientThatGoesAwayIsToldToTheProducer() throws Exception {
        CountDownLatch closed;
        try (Socket socket = new Socket("127.0.0.1", gureum.port())) {
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket.getOutputStream(), "/push");
            head(in);
            assertNotNull(SINKS.poll(120, TimeUnit.SECONDS));
            closed = CLOSED.poll(120, TimeUnit.SECONDS);
        }
        assertTrue(closed.await(120, TimeUnit.SECONDS), "closed() after the client left");
    }
}
