package io.gureum.core.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.TestServices;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The console's files and the endpoints it reads: resources, the clock's log. */
class ConsoleEndpointsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = Gureum.start(GureumConfig.builder().port(0).build(), TestServices.all());
    }

    @AfterAll
    static void stop() {
        gureum.close();
    }

    private static Reply get(String path) throws Exception {
        try (RawHttp c = RawHttp.connect(gureum.port())) {
            return c.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
        }
    }

    @Test
    void theConsoleIsServedWithAPolicyThatKeepsItToThisServer() throws Exception {
        Reply redirect = get("/_gureum/ui");
        assertEquals(302, redirect.status());
        assertEquals("/_gureum/ui/", redirect.header("location"));
        Reply index = get("/_gureum/ui/");
        assertEquals(200, index.status());
        assertEquals("text/html; charset=utf-8", index.header("content-type"));
        assertTrue(index.bodyAsString().contains("<script type=\"module\" src=\"app.js\"></script>"));
        String policy = index.header("content-security-policy");
        assertTrue(policy.contains("connect-src 'self'") && policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("DENY", index.header("x-frame-options"));
        Reply script = get("/_gureum/ui/sigv4.js");
        assertEquals(200, script.status());
        assertEquals("text/javascript; charset=utf-8", script.header("content-type"));
    }

    @Test
    void onlyTheConsolesOwnFilesAreServed() throws Exception {
        for (String path : new String[] {"/_gureum/ui/../pom.xml", "/_gureum/ui/%2e%2e/logback.xml",
            "/_gureum/ui/gureum-ui/app.js", "/_gureum/ui/missing.js", "/_gureum/ui/app.JS",
            "/_gureum/ui/logback-test.xml"}) {
            Reply r = get(path);
            assertEquals(404, r.status(), path);
            assertEquals("NotFound", JSON.readTree(r.body()).get("__type").asText(), path);
        }
    }

    @Test
    void resourcesAreListedPerAccountAndSearchedByIdArnAndTag() throws Exception {
        gureum.context().registry().register("111111111111", "eu-west-1", "sqs", "orders",
                io.gureum.core.ids.Arn.parse("arn:aws:sqs:eu-west-1:111111111111:orders"), Map.of("team", "payments"));
        gureum.context().registry().register("111111111111", "us-east-1", "sqs", "audit",
                io.gureum.core.ids.Arn.parse("arn:aws:sqs:us-east-1:111111111111:audit"), Map.of());
        JsonNode all = JSON.readTree(get("/_gureum/resources?account=111111111111").body());
        assertEquals(2, all.get("resources").size());
        assertEquals("[\"eu-west-1\",\"us-east-1\"]", all.get("regions").toString());
        JsonNode byTag = JSON.readTree(get("/_gureum/resources?account=111111111111&q=team%3Dpayments").body());
        assertEquals(1, byTag.get("resources").size());
        assertEquals("arn:aws:sqs:eu-west-1:111111111111:orders", byTag.get("resources").get(0).get("arn").asText());
        assertEquals("payments", byTag.get("resources").get(0).get("tags").get("team").asText());
        JsonNode byRegion = JSON.readTree(get("/_gureum/resources?account=111111111111&region=us-east-1").body());
        assertEquals("audit", byRegion.get("resources").get(0).get("id").asText());
        JsonNode otherAccount = JSON.readTree(get("/_gureum/resources?account=222222222222").body());
        assertEquals(0, otherAccount.get("resources").size());
    }

    @Test
    void theClockLogListsEachAdvanceMadeThroughTheEndpoint() throws Exception {
        try (RawHttp c = RawHttp.connect(gureum.port())) {
            String body = "{\"advanceSeconds\": 90}";
            Reply r = c.send("POST /_gureum/clock HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).read();
            assertEquals(200, r.status());
        }
        JsonNode events = JSON.readTree(get("/_gureum/clock/events").body()).get("events");
        assertTrue(events.size() >= 1);
        assertEquals(90, events.get(0).get("advanceSeconds").asLong());
        assertEquals(90, java.time.Duration.between(java.time.Instant.parse(events.get(0).get("from").asText()),
                java.time.Instant.parse(events.get(0).get("to").asText())).getSeconds());
    }
}
