package io.gureum.logs;

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
                "[ip, user]", "%(%"}) {
            assertThrows(FilterPattern.InvalidPattern.class, () -> FilterPattern.parse(bad), bad);
        }
    }
}
