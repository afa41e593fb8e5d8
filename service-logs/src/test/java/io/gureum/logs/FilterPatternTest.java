package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FilterPatternTest {
    private static boolean m(String pattern, String message) {
        return FilterPattern.parse(pattern).matches(message);
    }

    @Test
    void emptyPatternMatchesEverything() {
        assertTrue(m(null, "x"));
        assertTrue(m("", "x"));
        assertTrue(m("   ", "x"));
    }

    @Test
    void termsAreCaseSensitiveAndAllMustAppear() {
        assertTrue(m("ERROR", "[ERROR] boom"));
        assertFalse(m("ERROR", "error boom"));
        assertTrue(m("ERROR boom", "boom ERROR"));
        assertFalse(m("ERROR boom", "ERROR bang"));
    }

    @Test
    void quotedPhrasesMatchExactly() {
        assertTrue(m("\"disk full\"", "ERROR: disk full!"));
        assertFalse(m("\"disk full\"", "full disk"));
        assertTrue(m("\"say \\\"hi\\\"\"", "they say \"hi\""));
    }

    @Test
    void questionMarkTermsAreAlternatives() {
        assertTrue(m("?ERROR ?WARN", "WARN x"));
        assertTrue(m("?ERROR ?WARN", "ERROR x"));
        assertFalse(m("?ERROR ?WARN", "INFO x"));
    }

    @Test
    void minusTermsExclude() {
        assertTrue(m("ERROR -Retrying", "ERROR failed"));
        assertFalse(m("ERROR -Retrying", "ERROR failed. Retrying"));
        assertFalse(m("-\"health check\"", "GET /health check ok"));
    }

    @Test
    void jsonEqualityWildcardsAndNumbers() {
        String msg = "{\"eventType\":\"UpdateTrail\",\"ip\":\"123.123.1.2\",\"n\":7,\"ok\":true,\"none\":null,"
                + "\"user\":{\"id\":\"u-1\"},\"list\":[\"a\",\"b\"]}";
        assertTrue(m("{ $.eventType = \"UpdateTrail\" }", msg));
        assertFalse(m("{ $.eventType = \"updatetrail\" }", msg));
        assertTrue(m("{ $.eventType = Update* }", msg));
        assertTrue(m("{ $.ip != 10.0.* }", msg));
        assertFalse(m("{ $.ip != 123.123.* }", msg));
        assertTrue(m("{ $.n > 5 }", msg));
        assertTrue(m("{ $.n >= 7 && $.n <= 7 }", msg));
        assertFalse(m("{ $.n < 7 }", msg));
        assertTrue(m("{ $.n = 7.0 }", msg));
        assertTrue(m("{ $.user.id = \"u-1\" }", msg));
        assertTrue(m("{ $.list[1] = \"b\" }", msg));
        assertTrue(m("{ $.ok IS TRUE }", msg));
        assertFalse(m("{ $.ok IS FALSE }", msg));
        assertTrue(m("{ $.none IS NULL }", msg));
        assertTrue(m("{ $.absent NOT EXISTS }", msg));
        assertFalse(m("{ $.n NOT EXISTS }", msg));
        assertTrue(m("{ $.n EXISTS }", msg));
        assertFalse(m("{ $.absent = \"x\" }", msg));
        assertTrue(m("{ $.eventType = %Update[A-Z]% }", msg));
    }

    @Test
    void jsonBooleanOperatorsAndParentheses() {
        String msg = "{\"a\":1,\"b\":\"x\"}";
        assertTrue(m("{ ($.a = 2 || $.a = 1) && $.b = \"x\" }", msg));
        assertFalse(m("{ $.a = 2 || ($.a = 1 && $.b = \"y\") }", msg));
        assertTrue(m("{$.a=1}", msg));
    }

    @Test
    void jsonPatternsDoNotMatchTextMessages() {
        assertFalse(m("{ $.a = 1 }", "a = 1"));
        assertFalse(m("{ $.a = 1 }", "{ not json"));
        assertFalse(m("{ $.a = 1 }", "[1, 2]"));
    }

    @Test
    void regexPatterns() {
        assertTrue(m("%ERROR [0-9]+%", "got ERROR 42"));
        assertFalse(m("%ERROR [0-9]+%", "got ERROR x"));
    }

    @Test
    void invalidPatternsAreRefused() {
        for (String bad : new String[] {"{ $.a = ", "{ a = 1 }", "{ $.a ~ 1 }", "\"unterminated", "{ ($.a = 1 }",
                "[ip, user", "[ip, 9x]", "[a, b > x]", "[a, b = ]", "%(%"}) {
            assertThrows(FilterPattern.InvalidPattern.class, () -> FilterPattern.parse(bad), bad);
        }
    }

    static final String APACHE = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 404 1534";

    @Test
    void spaceDelimitedPatterns() {
        // The example of FilterAndPatternSyntax.html: seven fields, brackets and quotes each one field.
        assertTrue(m("[ip, user, username, timestamp, request, status_code, bytes]", APACHE));
        assertFalse(m("[ip, user, username, timestamp, request, status_code]", APACHE));
        assertTrue(m("[ip, user, username, timestamp, request = *.gif*, status_code = 4*, bytes]", APACHE));
        assertFalse(m("[ip, user, username, timestamp, request, status_code = 2*, bytes]", APACHE));
        assertTrue(m("[ip, user, username, timestamp, request, status_code != 200, bytes > 1000]", APACHE));
        assertFalse(m("[ip, user, username, timestamp, request, status_code, bytes < 1000]", APACHE));
        assertTrue(m("[ip, ..., status_code = 404 || status_code = 410, bytes]", APACHE));
        assertTrue(m("[..., status_code >= 400 && status_code < 500, bytes]", APACHE));
        assertTrue(m("[ip = %127\\.0\\.0\\.[0-9]+%, ...]", APACHE));
        assertTrue(m("[ip, user, username = \"frank\", ...]", APACHE));
        assertFalse(m("[ip, user, username = \"bob\", ...]", APACHE));
        assertEquals(java.util.Map.of("ip", "127.0.0.1", "user", "-", "username", "frank", "timestamp",
                "10/Oct/2000:13:25:15 -0700", "request", "GET /apache_pb.gif HTTP/1.0", "status_code", "404", "bytes",
                "1534"), FilterPattern.parse("[ip, user, username, timestamp, request, status_code, bytes]")
                        .match(APACHE).fields());
    }
}
