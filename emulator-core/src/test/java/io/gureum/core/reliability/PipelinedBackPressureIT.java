package io.gureum.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.TestServices;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A client pipelines 300 requests for 1 MiB objects and reads nothing. The server must stop taking
 * requests from it once a few answers wait (each answer is a MiB of heap in a real S3), and still
 * answer all 300 in order once the client reads. Measured by how many answers the server produced
 * while the client was not reading, not by time or heap samples.
 */
class PipelinedBackPressureIT {
    static final int OBJECT = 1024 * 1024;
    static final int REQUESTS = 300;
    static final AtomicInteger produced = new AtomicInteger();

    /** Answers every GetObject with a fresh 1 MiB array, counting them. */
    static final class BigObjects implements S3Client {
        @Override
        public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
            produced.incrementAndGet();
            byte[] body = new byte[OBJECT];
            try {
                return transformer.transform(GetObjectResponse.builder().contentLength((long) OBJECT).build(),
                        AbortableInputStream.create(new ByteArrayInputStream(body)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aClientThatDoesNotReadGetsABoundedNumberOfAnswers() throws Exception {
        GureumConfig config = GureumConfig.builder().port(0).build();
        try (Gureum gureum = Gureum.start(config, List.of(TestServices.service("s3", S3Client.class, null,
                        BigObjects.class, c -> new BigObjects())));
                Socket socket = new Socket()) {
            socket.setReceiveBufferSize(32 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", gureum.port()), 5_000);
            socket.setSoTimeout(20_000);
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < REQUESTS; i++) {
                all.append("GET /bucket/key-").append(i).append(" HTTP/1.1\r\nHost: localhost\r\n")
                        .append("Authorization: AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/s3/aws4_request, ")
                        .append("SignedHeaders=host, Signature=0\r\n\r\n");
            }
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(all.toString().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException ignored) {
                    // the test fails on what it reads
                }
            });
            writer.start();

            // Wait until the server has stopped producing answers (it would go on to 300 without back-pressure).
            int last = -1;
            for (int quiet = 0; quiet < 10 && produced.get() < REQUESTS; ) { // 2 s without a new answer, after the first
                Thread.sleep(200);
                int now = produced.get();
                quiet = now == last && now > 0 ? quiet + 1 : 0;
                last = now;
            }
            int whileNotReading = produced.get();
            // 8 in flight, plus what the kernel's socket buffers absorb: a few MiB, not 300.
            assertTrue(whileNotReading <= 32, "answers produced for a client that reads nothing: " + whileNotReading);

            InputStream in = new BufferedInputStream(socket.getInputStream(), 256 * 1024);
            for (int i = 0; i < REQUESTS; i++) {
                try {
                    assertEquals(OBJECT, readResponse(in), "response " + i);
                } catch (IOException e) {
                    throw new AssertionError("response " + i + " of " + REQUESTS + " after " + produced.get()
                            + " produced (" + whileNotReading + " while not reading)", e);
                }
            }
            writer.join(60_000);
            assertEquals(REQUESTS, produced.get());
        }
    }

    /** Reads one 200 response with a Content-Length or chunked body; returns the body length. */
    static int readResponse(InputStream in) throws IOException {
        String status = line(in);
        assertTrue(status.startsWith("HTTP/1.1 200"), status);
        long length = -1;
        boolean chunked = false;
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (!chunked) {
            in.skipNBytes(length);
            return (int) length;
        }
        int total = 0;
        while (true) {
            int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers
                }
                return total;
            }
            in.skipNBytes(size);
            total += size;
            line(in);
        }
    }

    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        if (c < 0 && sb.length() == 0) {
            throw new IOException("connection closed");
        }
        return sb.toString();
    }
}
