package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** AWS's reasons for invalid numeric matches and for policies over its size limits. */
class FilterPolicyLimitsTest {

    private static IllegalArgumentException rejected(String policy, boolean bodyScope) {
        return assertThrows(IllegalArgumentException.class, () -> FilterPolicy.parse(policy, bodyScope));
    }

    private static void numeric(String range, String reason) {
        IllegalArgumentException e = rejected("{\"price\":[{\"numeric\":" + range + "}]}", false);
        assertEquals(FilterPolicy.NumericError.class, e.getClass(), range);
        assertEquals(reason, e.getMessage(), range);
    }

    @Test
    void numericMatchReasons() {
        numeric("[\"<\",\"100\"]", "Value of < must be numeric");
        numeric("[\">\",50,\"<=\",\"100\"]", "Value of <= must be numeric");
        numeric("[\"<\"]", "Value of < must be numeric");
        numeric("[\">\",20,\"<\"]", "Value of < must be numeric");
        numeric("[]", "Invalid member in numeric match: ]");
        numeric("[50,\"<=\",\"100\"]", "Invalid member in numeric match: 50");
        numeric("[\"0\"]", "Unrecognized numeric range operator: 0");
        numeric("[\"<\",20,\">\",1]", "Too many elements in numeric expression");
        numeric("[\">\",20,\">\",1]", "Bad numeric range operator: >");
        numeric("[\">\",20,\"<\",1]", "Bottom must be less than top");
        FilterPolicy.parse("{\"price\":[{\"numeric\":[\">\",0,\"<=\",150]}]}", false);
    }

    @Test
    void sizeLimits() {
        String many = IntStream.range(0, 151).mapToObj(i -> "\"v" + i + "\"").collect(Collectors.joining(","));
        assertEquals("Filter policy is too complex", rejected("{\"store\":[" + many + "]}", false).getMessage());
        String six = IntStream.range(0, 6).mapToObj(i -> "\"k" + i + "\":[\"v\"]").collect(Collectors.joining(","));
        assertEquals("Filter policy can not have more than 5 keys", rejected("{" + six + "}", false).getMessage());
        // Nested keys count their depth: 3*4 x 2*3 x 1*3 = 216 combinations.
        String nested = "{\"a\":{\"b\":{\"c\":[\"1\",\"2\",\"3\",\"4\"]}},\"d\":{\"e\":[\"1\",\"2\",\"3\"]},"
                + "\"f\":[\"1\",\"2\",\"3\"]}";
        assertEquals("Filter policy is too complex", rejected(nested, true).getMessage());
        String five = IntStream.range(0, 5).mapToObj(i -> "\"k" + i + "\":[\"a\",\"b\"]").collect(Collectors.joining(","));
        FilterPolicy.parse("{" + five + "}", false);
    }
}
