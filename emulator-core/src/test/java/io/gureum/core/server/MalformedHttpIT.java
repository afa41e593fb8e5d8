package io.gureum.core.server;

import static io.gureum.core.testing.ErrorShapes.Protocol.EC2;
import static io.gureum.core.testing.ErrorShapes.Protocol.JSON;
import static io.gureum.core.testing.ErrorShapes.Protocol.S3;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.ErrorShapes;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.Requests;
import io.gureum.core.testing.Requests.Spec;
import io.gureum.core.testing.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP no client library would send, over raw sockets: each gets an AWS-shaped 4xx with request-id
 * headers (or, when the client gave up mid-request, a closed connection), and the server keeps serving.
 */
class MalformedHttpIT {
    static final int LIMIT = 4096;
    static Gureum gureum;
    static int port;

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).maxRequestBodyBytes(LIMIT).build(), TestServices.all());
        port = gureum.port();
        warmUp();
    }

    /**
     * One well-formed request per protocol before the tests: a JVM's first request of a protocol loads
     * its codec and the service's model classes, which on a busy machine takes long enough to blur what
     * a test is about. Answers do not matter here.
     */
    static void warmUp() {
        for (Spec spec : new Spec[] {valid(), Requests.form("ec2", "Action=DescribeVpcs&Version=2016-11-15"),
                Requests.rest("s3", "GET", "/bucket1?list-type=2")}) {
            try (RawHttp c = RawHttp.connect(port)) {
                c.send(spec.toBytes(port)).read();
            } catch (IOException e) {
                throw new IllegalStateException("warm-up request failed", e);
            }
        }
    }

    @AfterAll
    static void stop() {
        gureum.close();
    }

    @AfterEach
    void stillServing() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send(valid().toBytes(port)).read();
            assertEquals(200, r.status(), r::toString);
        }
    }

    static Spec valid() {
        return Requests.json("dynamodb", "DynamoDB_20120810.DescribeTable", "{\"TableName\":\"t1\"}");
    }

    static String text(Spec spec) {
        return new String(spec.toBytes(port), StandardCharsets.ISO_8859_1);
    }

    @Test
    void aGarbageRequestLineIsA400AndTheConnectionCloses() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send("THIS IS NOT HTTP AT ALL\r\n\r\n").read();
            assertEquals(400, r.status(), r::toString);
            ErrorShapes.assertError(S3, r);
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anUnknownMethodIsA4xx() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send("FROBNICATE /bucket1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").read();
            assertTrue(r.status() >= 400 && r.status() < 500, r::toString);
            ErrorShapes.assertError(S3, r);
        }
    }

    @Test
    void headersOver64KiBAreA400InAwsShape() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            String big = "x".repeat(70 * 1024);
            Reply r = c.sendQuietly(("GET /bucket1 HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)).read();
            ErrorShapes.assertError(S3, r, 400, "RequestHeaderSectionTooLarge");
        }
    }

    @Test
    void aRequestLineOver16KiBIsA400() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.sendQuietly(("GET /" + "a".repeat(20 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1)).read();
            ErrorShapes.assertError(S3, r, 400, "InvalidURI");
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthThenCloseIsDroppedQuietly() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            String req = text(valid());
            c.send(req.replaceFirst("Content-Length: \\d+", "Content-Length: 200"));
            c.shutdownOutput();
            // Nothing to answer: the client went away. Either silence and close, or a 4xx.
            try {
                Reply r = c.read();
                assertTrue(r.status() >= 400 && r.status() < 500, r::toString);
            } catch (IOException closed) {
                // closed without a response
            }
        }
    }

    @Test
    void invalidUtf8InThePathIsA400() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send("GET /bucket\u00c3\u0028?list-type=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").read();
            assertEquals(400, r.status(), r::toString);
            ErrorShapes.assertError(S3, r);
        }
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send("GET /bucket%C3%28?list-type=2 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n").read();
            ErrorShapes.assertError(S3, r, 400, "InvalidURI");
        }
    }

    @Test
    void invalidUtf8InHeadersAndBodyIsNeverA5xx() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            String req = text(valid()).replace("X-Amz-Date: ", "X-Amz-Date: \u00ff\u00fe")
                    .replace("{\"TableName\":\"t1\"}", "{\"TableName\":\"\u00c3\u0028\"}");
            Reply r = c.send(req).read();
            ErrorShapes.assertError(JSON, r, 400, "SerializationException");
        }
    }

    @Test
    void garbageChunkedFramingIsA400AndTheConnectionCloses() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            String req = text(valid()).replaceFirst("Content-Length: \\d+\r\n", "Transfer-Encoding: chunked\r\n")
                    .replace("\r\n\r\n{", "\r\n\r\nfffffffffffffffffffff\r\n{");
            Reply r = c.send(req).read();
            assertEquals(400, r.status(), r::toString);
            ErrorShapes.assertError(JSON, r); // the headers named DynamoDB
            assertTrue(c.closedByServer(), r::toString);
        }
    }

    @Test
    void aBodyOverTheLimitIsA413InTheProtocolOfTheService() throws IOException {
        byte[] big = new byte[LIMIT + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.sendQuietly(valid().body(big).toBytes(port)).read();
            ErrorShapes.assertError(JSON, r, 413, "RequestEntityTooLarge");
        }
        try (RawHttp c = RawHttp.connect(port)) {
            Spec ec2 = Requests.form("ec2", "Action=DescribeVpcs&Version=2016-11-15").body(big);
            Reply r = c.sendQuietly(ec2.toBytes(port)).read();
            ErrorShapes.assertError(EC2, r, 413, "RequestEntityTooLarge");
        }
        try (RawHttp c = RawHttp.connect(port)) {
            // Not an upload (PutObject streams past the limit): bucket tagging is a bounded XML body.
            String chunked = "PUT /bucket1?tagging HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(LIMIT + 1) + "\r\n" + " ".repeat(LIMIT + 1) + "\r\n0\r\n\r\n";
            Reply r = c.sendQuietly(chunked.getBytes(StandardCharsets.ISO_8859_1)).read();
            ErrorShapes.assertError(S3, r, 413, "RequestEntityTooLarge");
        }
    }

    /**
     * An upload answered before its body is read (here a 501: the test S3 has no PutObject) keeps its
     * connection: the server reads and throws away the small rest. Closing with unread bytes would make
     * the kernel reset the connection, and the client could lose the answer.
     */
    @Test
    void anUploadAnsweredEarlyLeavesTheConnectionUsable() throws IOException {
        int half = 1024 * 1024;
        try (RawHttp c = RawHttp.connect(port)) {
            c.send("PUT /bucket1/key HTTP/1.1\r\nHost: x\r\nContent-Length: " + 2 * half + "\r\n\r\n");
            c.send(new byte[half]);
            Reply early = c.read();
            ErrorShapes.assertError(S3, early, 501, "NotImplemented");
            c.send(new byte[half]);
            Reply next = c.send(valid().toBytes(port)).read();
            assertEquals(200, next.status(), next::toString);
        }
    }

    @Test
    void expect100ContinueGetsAContinueThenTheResponse() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            String req = text(valid());
            int split = req.indexOf("\r\n\r\n") + 4;
            c.send(req.substring(0, split - 2) + "Expect: 100-continue\r\n\r\n");
            assertEquals(100, c.read().status());
            Reply r = c.send(req.substring(split)).read();
            assertEquals(200, r.status(), r::toString);
            ErrorShapes.assertRequestIds(r);
        }
    }

    @Test
    void expect100ContinueOverTheLimitIsAnAwsShaped413() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            String head = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\n"
                    + "X-Amz-Target: DynamoDB_20120810.DescribeTable\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + (LIMIT * 10) + "\r\n\r\n";
            Reply r = c.send(head).read();
            ErrorShapes.assertError(JSON, r, 413, "RequestEntityTooLarge");
        }
    }

    @Test
    void anUnsupportedExpectationIsAnAwsShaped417() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            String req = text(valid()).replace("Content-Length:", "Expect: teapot\r\nContent-Length:");
            Reply r = c.send(req).read();
            ErrorShapes.assertError(JSON, r, 417, "ExpectationFailed");
        }
    }

    @Test
    void theConnectionStaysOpenAfterAwsErrorsAndHeadErrors() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply unknown = c.send(Requests.json("dynamodb", "DynamoDB_20120810.Nope", "{}").toBytes(port)).read();
            ErrorShapes.assertError(JSON, unknown, 400, "UnknownOperationException");
            Reply head = c.send(Requests.rest("s3", "HEAD", "/missing").toBytes(port)).read(true);
            assertEquals(404, head.status(), head::toString);
            ErrorShapes.assertError(S3, head, true);
            Reply malformed = c.send(Requests.json("dynamodb", "DynamoDB_20120810.DescribeTable", "{").toBytes(port))
                    .read();
            ErrorShapes.assertError(JSON, malformed, 400, "SerializationException");
            Reply ok = c.send(valid().toBytes(port)).read();
            assertEquals(200, ok.status(), ok::toString);
        }
    }

    @Test
    void pipelinedResponsesComeBackInRequestOrder() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            byte[] slow = Requests.json("dynamodb", "DynamoDB_20120810.DescribeTable", "{\"TableName\":\"slow\"}")
                    .toBytes(port);
            byte[] fast = Requests.json("dynamodb", "DynamoDB_20120810.DescribeTable", "{\"TableName\":\"fast\"}")
                    .toBytes(port);
            byte[] both = new byte[slow.length + fast.length];
            System.arraycopy(slow, 0, both, 0, slow.length);
            System.arraycopy(fast, 0, both, slow.length, fast.length);
            c.send(both);
            assertTrue(c.read().bodyAsString().contains("slow"));
            assertTrue(c.read().bodyAsString().contains("fast"));
        }
    }

    @Test
    void http10WithoutKeepAliveIsAnsweredAndClosed() throws IOException {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send("GET /_gureum/health HTTP/1.0\r\n\r\n").read();
            assertEquals(200, r.status(), r::toString);
            ErrorShapes.assertRequestIds(r);
            assertTrue(c.closedByServer());
        }
    }
}
