package io.gureum.cloudwatch.alarms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlarmRuleTest {
    static final Map<String, String> STATES = Map.of("a", "ALARM", "b", "OK", "arn:aws:cloudwatch:us-east-1:1:alarm:c",
            "INSUFFICIENT_DATA");

    static boolean test(String rule) {
        return AlarmRule.parse(rule).root().test(STATES::get);
    }

    @Test
    void operators() {
        assertTrue(test("ALARM(a)"));
        assertTrue(test("ALARM(\"a\") AND OK(b)"));
        assertFalse(test("ALARM(a) AND ALARM(b)"));
        assertTrue(test("ALARM(b) OR ALARM(a) AND OK(b)"));
        assertTrue(test("NOT ALARM(b)"));
        assertTrue(test("INSUFFICIENT_DATA(arn:aws:cloudwatch:us-east-1:1:alarm:c)"));
        assertTrue(test("(TRUE OR FALSE) AND NOT FALSE"));
        assertEquals(List.of("a", "b"), AlarmRule.parse("ALARM(a) OR OK(b)").references());
    }

    @Test
    void syntaxErrors() {
        assertThrows(IllegalArgumentException.class, () -> AlarmRule.parse("ALARM(a) XOR OK(b)"));
        assertThrows(IllegalArgumentException.class, () -> AlarmRule.parse("ALARM()"));
        assertThrows(IllegalArgumentException.class, () -> AlarmRule.parse("(ALARM(a)"));
    }
}
