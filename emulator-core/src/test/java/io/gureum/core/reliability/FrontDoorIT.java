package io.gureum.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host names, cross-site pages and HTTP conformance: only names of this server are served (DNS
 * rebinding arrives with the attacker's name), Gureum's own endpoints refuse what a page on another
 * site could send, HTTP/1.1 without Host is a 400, other HTTP versions a 505, and a 100-continue for
 * a body over the limit a 413.
 */
class FrontDoorIT {
    static final int LIMIT = 4096;
    static Gureum gureum;
    static int port;

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).maxRequestBodyBytes(LIMIT).hostname("gureum.test").build(),
                TestServices.all());
        port = gureum.port();
    }

    @AfterAll
    static void stop() {
        gureum.close();
    }

    static Reply send(String request) throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            return c.send(request).read();
        }
    }

    static String health(String host) {
        return "GET /_gureum/health HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
    }

    static String describeTable(String host) {
        String body = "{\"TableName\":\"t1\"}";
        return "POST / HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.DescribeTable\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    @Test
    void namesOfThisServerAreServed() throws Exception {
        for (String host : new String[] {"localhost", "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                "s3.localhost", "bucket.s3.localhost:" + port, "bucket.s3.us-east-1.localhost.localstack.cloud",
                "gureum.test", "bucket.gureum.test:" + port, "gureum", "LOCALHOST.", "10.1.2.3",
                "host.docker.internal:" + port, "myhost.local"}) {
            assertEquals(200, send(health(host)).status(), host);
            assertNotEquals(421, send(describeTable(host)).status(), host);
        }
    }

    @Test
    void aRebindingDomainIsRefused() throws Exception {
        for (String host : new String[] {"attacker.example", "localhost.attacker.example:" + port,
                "127.0.0.1.nip.io", "gureum.test.evil.example"}) {
            Reply api = send(describeTable(host));
            assertEquals(421, api.status(), host);
            assertTrue(api.bodyAsString().contains("MisdirectedRequest"), api::toString);
            assertEquals(421, send(health(host)).status(), host);
        }
    }

    @Test
    void resetFromAPageOnAnotherSiteIsRefused() throws Exception {
        String textPlain = "POST /_gureum/reset HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nhi";
        Reply r = send(textPlain);
        assertEquals(403, r.status(), r::toString);
        assertTrue(r.bodyAsString().contains("AccessDenied"), r::toString);

        String foreignOrigin = "POST /_gureum/reset HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nOrigin: https://attacker.example\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        assertEquals(403, send(foreignOrigin).status());
        String crossSiteGet = "GET /_gureum/clock HTTP/1.1\r\nHost: localhost\r\nSec-Fetch-Site: cross-site\r\n\r\n";
        assertEquals(403, send(crossSiteGet).status());
        String nullOrigin = "POST /_gureum/reset HTTP/1.1\r\nHost: localhost\r\nOrigin: null\r\n"
                + "X-Gureum-Admin: 1\r\nContent-Length: 0\r\n\r\n";
        assertEquals(403, send(nullOrigin).status());
    }

    @Test
    void resetFromToolsAndLocalPagesIsServed() throws Exception {
        // curl -X POST, the JUnit extension, java.net.http: no content type and no Origin
        assertEquals(200, send("POST /_gureum/reset HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n").status());
        assertEquals(200, send("POST /_gureum/reset HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Origin: http://localhost:3000\r\nContent-Length: 2\r\n\r\n{}").status());
        assertEquals(200, send("POST /_gureum/reset HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                + "X-Gureum-Admin: 1\r\nContent-Length: 0\r\n\r\n").status());
        // cfn-response and the CDK's custom resources PUT with a blank content type (no page can send one
        // cross-site without a preflight); the 404 shows the front door let it through.
        assertEquals(404, send("PUT /_gureum/no-such-endpoint HTTP/1.1\r\nHost: localhost\r\nContent-Type: \r\n"
                + "Content-Length: 2\r\n\r\n{}").status());
        assertEquals(200, send("POST /_gureum/clock HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Origin: http://127.0.0.1:" + port + "\r\nContent-Length: 20\r\n\r\n{\"advanceSeconds\":0}").status());
    }

    @Test
    void anUnsignedFormPostFromAnotherSiteIsRefused() throws Exception {
        String body = "Action=DescribeVpcs&Version=2016-11-15";
        String req = "POST / HTTP/1.1\r\nHost: localhost\r\nOrigin: https://attacker.example\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
        Reply r = send(req);
        assertEquals(403, r.status(), r::toString);
        assertTrue(r.bodyAsString().contains("AccessDenied"), r::toString);
        String image = "GET /?Action=DescribeVpcs&Version=2016-11-15 HTTP/1.1\r\nHost: localhost\r\n"
                + "Sec-Fetch-Site: cross-site\r\n\r\n";
        assertEquals(403, send(image).status());
        // The same request from a local development page is served.
        assertNotEquals(403, send(req.replace("https://attacker.example", "http://localhost:3000")).status());
    }

    @Test
    void http11WithoutHostIsA400() throws Exception {
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send("GET /_gureum/health HTTP/1.1\r\n\r\n").read();
            assertEquals(400, r.status(), r::toString);
            assertTrue(c.closedByServer());
        }
        assertEquals(400, send("GET /_gureum/health HTTP/1.1\r\nHost: localhost\r\nHost: other\r\n\r\n").status());
    }

    @Test
    void otherHttpVersionsAreA505() throws Exception {
        for (String version : new String[] {"HTTP/2.0", "HTTP/3.0", "HTTP/0.9"}) {
            try (RawHttp c = RawHttp.connect(port)) {
                Reply r = c.send("GET /_gureum/health " + version + "\r\nHost: localhost\r\n\r\n").read();
                assertEquals(505, r.status(), version + ": " + r);
                assertTrue(c.closedByServer(), version);
            }
        }
    }

    @Test
    void expect100ContinueOverTheLimitIsA413EvenWhenItWouldStream() throws Exception {
        // Over the 1 MiB streaming threshold: a JSON request is refused before its body, never 100.
        String head = "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nExpect: 100-continue\r\n"
                + "Content-Length: 2097152\r\n\r\n";
        try (RawHttp c = RawHttp.connect(port)) {
            Reply r = c.send(head).read();
            assertEquals(413, r.status(), r::toString);
            assertTrue(r.bodyAsString().contains("RequestEntityTooLarge"), r::toString);
        }
    }
}
