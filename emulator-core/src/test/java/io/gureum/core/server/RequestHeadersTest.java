package io.gureum.core.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.http.AwsHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestHeadersTest {
    private static DefaultHttpRequest request(String... namesAndValues) {
        DefaultHttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/b?x=1");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            r.headers().add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return r;
    }

    /** What the request saw before headers were built in one pass: exact-name groups, then a case-insensitive copy. */
    private static Map<String, List<String>> twoStep(DefaultHttpRequest msg) {
        Map<String, List<String>> exact = new LinkedHashMap<>();
        msg.headers().forEach(e -> exact.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue()));
        return new AwsHttpRequest("GET", "/", exact, new byte[0]).headers();
    }

    private static void assertSame(DefaultHttpRequest msg) {
        Map<String, List<String>> expected = twoStep(msg);
        Map<String, List<String>> actual = RequestHandler.withoutBody(msg).headers();
        assertEquals(expected, actual);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet())); // spelling and order too
    }

    @Test
    void headersComeOutAsTheTwoStepMergeMadeThem() {
        assertSame(request("Host", "localhost", "X-Amz-Target", "DynamoDB_20120810.ListTables", "Content-Type",
                "application/x-amz-json-1.0"));
        assertSame(request("x-amz-meta-a", "1", "x-amz-meta-a", "2", "Host", "h"));
        assertSame(request());
    }

    /** RFC 9110 section 5.3: one field name whatever its case; repeated fields combine in order. */
    @Test
    void spellingsOfOneNameCombineUnderTheFirst() {
        Map<String, List<String>> h = RequestHandler.withoutBody(request("X-A", "1", "x-a", "2", "X-A", "3")).headers();
        assertEquals(List.of("X-A"), List.copyOf(h.keySet()));
        assertEquals(List.of("1", "2", "3"), h.get("x-a"));
        h = RequestHandler.withoutBody(request("x-a", "1", "Host", "h", "X-A", "2")).headers();
        assertEquals(List.of("Host", "x-a"), List.copyOf(h.keySet()));
        assertEquals(List.of("1", "2"), h.get("X-A"));
    }

    @Test
    void lookupIsCaseInsensitiveAndKeepsEveryValue() {
        AwsHttpRequest r = RequestHandler.withoutBody(request("X-Amz-Meta-K", "1", "X-Amz-Meta-K", "2"));
        assertEquals(List.of("1", "2"), r.headers().get("x-amz-meta-k"));
        assertEquals("1", r.header("X-AMZ-META-K"));
        assertEquals("x=1", r.rawQuery());
    }
}
