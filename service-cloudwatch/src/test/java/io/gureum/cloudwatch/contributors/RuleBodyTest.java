package io.gureum.cloudwatch.contributors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule definitions as the rule syntax page documents them, and how log events match them. */
class RuleBodyTest {
    private static RuleBody json(String groups, String keys, String filters) {
        return RuleBody.parse("{\"Schema\":{\"Name\":\"CloudWatchLogRule\",\"Version\":1}," + groups
                + ",\"LogFormat\":\"JSON\",\"Contribution\":{\"Keys\":" + keys + ",\"ValueOf\":\"$.bytes\""
                + (filters == null ? "" : ",\"Filters\":" + filters) + "},\"AggregateOn\":\"Sum\"}");
    }

    @Test
    void jsonPropertyNotationReachesNestedFieldsAndArrayMembers() {
        RuleBody rule = json("\"LogGroupNames\":[\"g\"]", "[\"$.users[1].name\",\"$.req.id\"]", null);
        RuleBody.Observation o = rule.observe("{\"users\":[{\"name\":\"a\"},{\"name\":\"b\"}],\"req\":{\"id\":7},"
                + "\"bytes\":\"12.5\"}");
        assertEquals(List.of("b", "7"), o.contributor());
        assertEquals(12.5, o.value());
        assertNull(rule.observe("{\"users\":[{\"name\":\"a\"}],\"req\":{\"id\":7},\"bytes\":1}"), "missing key");
        assertNull(rule.observe("{\"users\":[1,{\"name\":\"b\"}],\"req\":{\"id\":7},\"bytes\":\"x\"}"),
                "Sum needs a number");
        assertNull(rule.observe("{\"users\":[1,{\"name\":{\"x\":1}}],\"req\":{\"id\":7},\"bytes\":1}"),
                "an object is not a value");
    }

    @Test
    void filtersAreAndedAndEachOperatorMatchesAsDocumented() {
        RuleBody rule = json("\"LogGroupNames\":[\"g\"]", "[\"$.ip\"]", "[{\"Match\":\"$.src\",\"StartsWith\":"
                + "[\"ec2\",\"ecs\"]},{\"Match\":\"$.code\",\"NotEqualTo\":200},{\"Match\":\"$.debug\",\"IsPresent\":"
                + "false},{\"Match\":\"$.m\",\"NotIn\":[\"GET\"]}]");
        String base = "{\"ip\":\"1\",\"bytes\":1,\"src\":\"ecs.amazonaws.com\",\"code\":500,\"m\":\"PUT\"";
        assertEquals(List.of("1"), rule.observe(base + "}").contributor());
        assertNull(rule.observe(base.replace("ecs.", "s3.") + "}"));
        assertNull(rule.observe(base.replace("500", "200") + "}"));
        assertNull(rule.observe(base + ",\"debug\":true}"));
        assertNull(rule.observe(base.replace("PUT", "GET") + "}"));
        assertNull(rule.observe(base.replace(",\"m\":\"PUT\"", "") + "}"), "NotIn needs the field");
    }

    @Test
    void clfFieldsArePositionsOrTheirAliases() {
        RuleBody rule = RuleBody.parse("{\"Schema\":{\"Name\":\"CloudWatchLogRule\",\"Version\":1},\"LogGroupNames\":"
                + "[\"g\"],\"LogFormat\":\"CLF\",\"Fields\":{\"1\":\"Ip\",\"5\":\"Request\"},\"Contribution\":{\"Keys\":"
                + "[\"Ip\",\"4\"],\"Filters\":[{\"Match\":\"Request\",\"StartsWith\":[\"GET \"]}]},\"AggregateOn\":"
                + "\"Count\"}");
        RuleBody.Observation o = rule.observe("10.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /a HTTP/1.0\" 200 9");
        assertEquals(List.of("10.0.0.1", "10/Oct/2000:13:55:36 -0700"), o.contributor());
        assertEquals(1.0, o.value());
        assertNull(rule.observe("10.0.0.1 - frank [t] \"POST /a HTTP/1.0\" 200 9"));
        assertThrows(RuntimeException.class, () -> RuleBody.parse("{\"Schema\":{\"Name\":\"CloudWatchLogRule\","
                + "\"Version\":1},\"LogGroupNames\":[\"g\"],\"LogFormat\":\"CLF\",\"Contribution\":{\"Keys\":"
                + "[\"Ip\"]},\"AggregateOn\":\"Count\"}"), "an alias Fields does not define");
    }

    @Test
    void logGroupNamesArePrefixesWithAStarAndArnsNameTheirGroup() {
        RuleBody rule = json("\"LogGroupNames\":[\"/api/prod*\",\"/api/dev\"]", "[\"$.ip\"]", null);
        assertTrue(rule.covers("/api/prod-eu"));
        assertTrue(rule.covers("/api/dev"));
        assertFalse(rule.covers("/api/dev2"));
        assertEquals("/api/", rule.listingPrefix());
        RuleBody arns = json("\"LogGroupARNs\":[\"arn:aws:logs:us-east-1:000000000000:log-group:/a/b:*\","
                + "\"arn:aws:logs:us-east-1:*:log-group/c\"]", "[\"$.ip\"]", null);
        assertEquals(List.of("/a/b", "c"), arns.logGroupNames());
        assertThrows(RuntimeException.class, () -> json("\"LogGroupARNs\":[\"arn:aws:s3:::b\"]", "[\"$.ip\"]", null));
        assertThrows(RuntimeException.class, () -> json("\"LogGroupNames\":[\"g\"],\"LogGroupARNs\":[\"arn:aws:logs:"
                + "us-east-1:000000000000:log-group:g\"]", "[\"$.ip\"]", null), "not both");
    }
}
