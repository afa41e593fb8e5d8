package io.gureum.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPolicyTest {

    private static Map<String, FilterPolicy.Attribute> attrs(String... kv) {
        Map<String, FilterPolicy.Attribute> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 3) {
            m.put(kv[i], new FilterPolicy.Attribute(kv[i + 1], kv[i + 2]));
        }
        return m;
    }

    private static boolean attr(String policy, String... kv) {
        return FilterPolicy.parse(policy, false).matches(attrs(kv), "");
    }

    private static boolean body(String policy, String body) {
        return FilterPolicy.parse(policy, true).matches(Map.of(), body);
    }

    @Test
    void exactStringsAndNumbers() {
        assertEquals(true, attr("{\"color\":[\"red\",\"blue\"]}", "color", "String", "blue"));
        assertEquals(false, attr("{\"color\":[\"red\"]}", "color", "String", "green"));
        assertEquals(false, attr("{\"color\":[\"red\"]}"));
        assertEquals(true, attr("{\"price\":[100]}", "price", "Number", "100.0"));
        assertEquals(false, attr("{\"price\":[100]}", "price", "String", "100"));
    }

    @Test
    void everyKeyMustMatch() {
        String p = "{\"color\":[\"red\"],\"size\":[\"L\"]}";
        assertEquals(true, attr(p, "color", "String", "red", "size", "String", "L"));
        assertEquals(false, attr(p, "color", "String", "red", "size", "String", "M"));
    }

    @Test
    void prefixSuffixAndIgnoreCase() {
        assertEquals(true, attr("{\"k\":[{\"prefix\":\"eu-\"}]}", "k", "String", "eu-west-1"));
        assertEquals(false, attr("{\"k\":[{\"prefix\":\"eu-\"}]}", "k", "String", "us-east-1"));
        assertEquals(true, attr("{\"k\":[{\"suffix\":\".png\"}]}", "k", "String", "cat.png"));
        assertEquals(true, attr("{\"k\":[{\"equals-ignore-case\":\"RED\"}]}", "k", "String", "red"));
    }

    @Test
    void anythingBut() {
        assertEquals(true, attr("{\"k\":[{\"anything-but\":[\"a\",\"b\"]}]}", "k", "String", "c"));
        assertEquals(false, attr("{\"k\":[{\"anything-but\":[\"a\",\"b\"]}]}", "k", "String", "a"));
        assertEquals(false, attr("{\"k\":[{\"anything-but\":[\"a\"]}]}"), "absent attributes never match anything-but");
        assertEquals(true, attr("{\"k\":[{\"anything-but\":{\"prefix\":\"test-\"}}]}", "k", "String", "prod-1"));
        assertEquals(false, attr("{\"k\":[{\"anything-but\":{\"prefix\":\"test-\"}}]}", "k", "String", "test-1"));
        assertEquals(true, attr("{\"n\":[{\"anything-but\":100}]}", "n", "Number", "99"));
    }

    @Test
    void numericRanges() {
        String p = "{\"price\":[{\"numeric\":[\">\",0,\"<=\",150]}]}";
        assertEquals(true, attr(p, "price", "Number", "150"));
        assertEquals(false, attr(p, "price", "Number", "0"));
        assertEquals(false, attr(p, "price", "Number", "151"));
        assertEquals(true, attr("{\"p\":[{\"numeric\":[\"=\",3.5]}]}", "p", "Number", "3.50"));
    }

    @Test
    void numbersCompareWithFiveDecimalPlacesWithinPlusOrMinusOneBillion() {
        String eq = "{\"p\":[{\"numeric\":[\"=\",100.12345]}]}";
        assertEquals(true, attr(eq, "p", "Number", "100.123451"), "differs only in the sixth place");
        assertEquals(true, attr(eq, "p", "Number", "100.1234549"));
        assertEquals(false, attr(eq, "p", "Number", "100.12346"));
        assertEquals(false, attr("{\"p\":[{\"numeric\":[\">\",1]}]}", "p", "Number", "1.000001"),
                "1.000001 is 1 to five places");
        assertEquals(true, attr("{\"p\":[{\"numeric\":[\">\",1]}]}", "p", "Number", "1.00001"));
        assertEquals(true, attr("{\"p\":[0.333333]}", "p", "Number", "0.333329"));
        assertEquals(true, attr("{\"p\":[{\"numeric\":[\"<=\",1000000000]}]}", "p", "Number", "1000000000"));
        assertEquals(false, attr("{\"p\":[{\"numeric\":[\">\",0]}]}", "p", "Number", "1000000000.5"),
                "beyond 10^9 no numeric condition matches");
        assertEquals(false, attr("{\"p\":[{\"numeric\":[\"<\",0]}]}", "p", "Number", "-2e9"));
        assertEquals(true, body("{\"p\":[{\"numeric\":[\"=\",2.5]}]}", "{\"p\":2.500001}"));
    }

    @Test
    void existsAndCidr() {
        assertEquals(true, attr("{\"k\":[{\"exists\":true}]}", "k", "String", "x"));
        assertEquals(false, attr("{\"k\":[{\"exists\":true}]}"));
        assertEquals(true, attr("{\"k\":[{\"exists\":false}]}"));
        assertEquals(false, attr("{\"k\":[{\"exists\":false}]}", "k", "String", "x"));
        assertEquals(true, attr("{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}", "ip", "String", "10.0.0.255"));
        assertEquals(false, attr("{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}", "ip", "String", "10.0.1.1"));
    }

    @Test
    void stringArraysMatchOnAnyElement() {
        assertEquals(true, attr("{\"tags\":[\"b\"]}", "tags", "String.Array", "[\"a\",\"b\"]"));
        assertEquals(false, attr("{\"tags\":[\"z\"]}", "tags", "String.Array", "[\"a\",\"b\"]"));
    }

    @Test
    void orAlternatives() {
        String p = "{\"$or\":[{\"a\":[\"1\"]},{\"b\":[\"2\"]}]}";
        assertEquals(true, attr(p, "b", "String", "2"));
        assertEquals(false, attr(p, "b", "String", "3"));
    }

    @Test
    void bodyScopeMatchesNestedJson() {
        String p = "{\"order\":{\"status\":[\"paid\"],\"total\":[{\"numeric\":[\">=\",10]}]}}";
        assertEquals(true, body(p, "{\"order\":{\"status\":\"paid\",\"total\":12}}"));
        assertEquals(false, body(p, "{\"order\":{\"status\":\"paid\",\"total\":5}}"));
        assertEquals(false, body(p, "not json"));
        assertEquals(true, body("{\"items\":{\"sku\":[\"b\"]}}", "{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"}]}"));
        assertEquals(true, body("{\"flag\":[true],\"v\":[null]}", "{\"flag\":true,\"v\":null}"));
    }

    @Test
    void invalidPoliciesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> FilterPolicy.parse("not json", false));
        assertThrows(IllegalArgumentException.class, () -> FilterPolicy.parse("{\"a\":\"x\"}", false));
        assertThrows(IllegalArgumentException.class, () -> FilterPolicy.parse("{\"a\":[{\"bogus\":1}]}", false));
        assertThrows(IllegalArgumentException.class, () -> FilterPolicy.parse("{\"a\":{\"b\":[\"x\"]}}", false));
        assertThrows(IllegalArgumentException.class, () -> FilterPolicy.parse("{\"a\":[{\"numeric\":[\"~\",1]}]}", false));
        FilterPolicy.parse("{\"a\":{\"b\":[\"x\"]}}", true);
    }
}
