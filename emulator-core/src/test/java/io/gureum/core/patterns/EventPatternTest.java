package io.gureum.core.patterns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each operator of the pattern language on examples of
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html and
 * eb-event-patterns.html: the pattern, an event, and whether it matches.
 */
class EventPatternTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String EC2 = """
            {"version":"0","id":"6a7e8feb","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2",
             "account":"111122223333","time":"2017-12-22T18:43:48Z","region":"us-west-1",
             "resources":["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
             "detail":{"instance-id":"i-1234567890abcdef0","state":"terminated","c-count":5,"d-count":3,
                       "x-limit":301.8,"source-ip":"10.0.0.123","tags":["a","b"],"ok":true,"nothing":null,
                       "items":[{"kind":"x","n":1},{"kind":"y","n":2}],"file":"photo.PNG","empty":""}}""";

    static Stream<Arguments> cases() {
        return Stream.of(
                // exact values, arrays of allowed values, nesting
                Arguments.of("{\"source\":[\"aws.ec2\"]}", true),
                Arguments.of("{\"source\":[\"aws.s3\"]}", false),
                Arguments.of("{\"source\":[\"aws.s3\",\"aws.ec2\"]}", true),
                Arguments.of("{\"detail\":{\"state\":[\"terminated\"]}}", true),
                Arguments.of("{\"detail\":{\"state\":[\"running\"]}}", false),
                Arguments.of("{\"source\":[\"aws.ec2\"],\"detail\":{\"state\":[\"running\"]}}", false),
                Arguments.of("{\"detail\":{\"c-count\":[5]}}", true),
                Arguments.of("{\"detail\":{\"c-count\":[5.0]}}", true),
                Arguments.of("{\"detail\":{\"c-count\":[\"5\"]}}", false),
                Arguments.of("{\"detail\":{\"ok\":[true]}}", true),
                Arguments.of("{\"detail\":{\"nothing\":[null]}}", true),
                Arguments.of("{\"detail\":{\"missing\":[null]}}", false),
                Arguments.of("{\"detail\":{\"empty\":[\"\"]}}", true),
                // event arrays: any element
                Arguments.of("{\"detail\":{\"tags\":[\"b\"]}}", true),
                Arguments.of("{\"resources\":[\"arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0\"]}",
                        true),
                Arguments.of("{\"detail\":{\"items\":{\"kind\":[\"y\"]}}}", true),
                Arguments.of("{\"detail\":{\"items\":{\"kind\":[\"z\"]}}}", false),
                // prefix / suffix, and their equals-ignore-case forms
                Arguments.of("{\"detail\":{\"instance-id\":[{\"prefix\":\"i-12\"}]}}", true),
                Arguments.of("{\"detail\":{\"instance-id\":[{\"prefix\":\"I-12\"}]}}", false),
                Arguments.of("{\"detail\":{\"instance-id\":[{\"prefix\":{\"equals-ignore-case\":\"I-12\"}}]}}", true),
                Arguments.of("{\"detail\":{\"file\":[{\"suffix\":\".PNG\"}]}}", true),
                Arguments.of("{\"detail\":{\"file\":[{\"suffix\":\".png\"}]}}", false),
                Arguments.of("{\"detail\":{\"file\":[{\"suffix\":{\"equals-ignore-case\":\".png\"}}]}}", true),
                Arguments.of("{\"detail\":{\"state\":[{\"equals-ignore-case\":\"TERMINATED\"}]}}", true),
                // anything-but: value, list, prefix, suffix, equals-ignore-case, wildcard
                Arguments.of("{\"detail\":{\"state\":[{\"anything-but\":\"initializing\"}]}}", true),
                Arguments.of("{\"detail\":{\"state\":[{\"anything-but\":\"terminated\"}]}}", false),
                Arguments.of("{\"detail\":{\"state\":[{\"anything-but\":[\"stopped\",\"terminated\"]}]}}", false),
                Arguments.of("{\"detail\":{\"c-count\":[{\"anything-but\":[1,2,3]}]}}", true),
                Arguments.of("{\"detail\":{\"c-count\":[{\"anything-but\":5}]}}", false),
                Arguments.of("{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"term\"}}]}}", false),
                Arguments.of("{\"detail\":{\"state\":[{\"anything-but\":{\"prefix\":\"init\"}}]}}", true),
                Arguments.of("{\"detail\":{\"file\":[{\"anything-but\":{\"suffix\":\".PNG\"}}]}}", false),
                Arguments.of("{\"detail\":{\"state\":[{\"anything-but\":{\"equals-ignore-case\":[\"TERMINATED\"]}}]}}",
                        false),
                Arguments.of("{\"detail\":{\"state\":[{\"anything-but\":{\"wildcard\":\"term*\"}}]}}", false),
                Arguments.of("{\"detail\":{\"missing\":[{\"anything-but\":\"x\"}]}}", false),
                // numeric
                Arguments.of("{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}", true),
                Arguments.of("{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<\",5]}]}}", false),
                Arguments.of("{\"detail\":{\"d-count\":[{\"numeric\":[\"<\",10]}]}}", true),
                Arguments.of("{\"detail\":{\"x-limit\":[{\"numeric\":[\"=\",301.8]}]}}", true),
                Arguments.of("{\"detail\":{\"state\":[{\"numeric\":[\">\",0]}]}}", false),
                // exists
                Arguments.of("{\"detail\":{\"state\":[{\"exists\":true}]}}", true),
                Arguments.of("{\"detail\":{\"state\":[{\"exists\":false}]}}", false),
                Arguments.of("{\"detail\":{\"missing\":[{\"exists\":false}]}}", true),
                Arguments.of("{\"detail\":{\"missing\":[{\"exists\":true}]}}", false),
                Arguments.of("{\"nothere\":{\"deep\":[{\"exists\":false}]}}", true),
                // cidr
                Arguments.of("{\"detail\":{\"source-ip\":[{\"cidr\":\"10.0.0.0/24\"}]}}", true),
                Arguments.of("{\"detail\":{\"source-ip\":[{\"cidr\":\"10.0.1.0/24\"}]}}", false),
                // wildcard
                Arguments.of("{\"detail\":{\"file\":[{\"wildcard\":\"photo.*\"}]}}", true),
                Arguments.of("{\"detail\":{\"file\":[{\"wildcard\":\"*.PNG\"}]}}", true),
                Arguments.of("{\"detail\":{\"file\":[{\"wildcard\":\"p*o*G\"}]}}", true),
                Arguments.of("{\"detail\":{\"file\":[{\"wildcard\":\"*.jpg\"}]}}", false),
                // $or
                Arguments.of("{\"$or\":[{\"source\":[\"aws.s3\"]},{\"detail\":{\"c-count\":[5]}}]}", true),
                Arguments.of("{\"$or\":[{\"source\":[\"aws.s3\"]},{\"detail\":{\"c-count\":[6]}}]}", false),
                Arguments.of("{\"detail\":{\"$or\":[{\"state\":[\"stopped\"]},{\"d-count\":[3]}]}}", true));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("cases")
    void matches(String pattern, boolean expected) throws Exception {
        assertEquals(expected, EventPattern.parse(pattern).matches(JSON.readTree(EC2)));
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("[]", "Filter is not an object"),
                Arguments.of("{\"source\":\"aws.ec2\"}", "\"source\" must be an object or an array"),
                Arguments.of("{\"source\":[[\"x\"]]}", "Match value must be String, number, true, false, or null"),
                Arguments.of("{\"source\":[{\"bogus\":\"x\"}]}", "Unrecognized match type bogus"),
                Arguments.of("{\"source\":[{\"prefix\":5}]}", "prefix match pattern must be a string"),
                Arguments.of("{\"source\":[{\"exists\":\"yes\"}]}", "exists match pattern must be either true or false."),
                Arguments.of("{\"source\":[{\"numeric\":[\"~\",5]}]}", "Unrecognized numeric range operator: \"~\""),
                Arguments.of("{\"source\":[{\"numeric\":[\">\",10,\"<\",5]}]}", "Bottom must be less than top"),
                Arguments.of("{\"source\":[{\"wildcard\":\"a**b\"}]}", "Consecutive wildcard characters at pos 2"),
                Arguments.of("{\"source\":[{\"cidr\":\"10.0.0.0/99\"}]}", "Nonstandard IP address: 10.0.0.0/99"),
                Arguments.of("{\"$or\":[{\"source\":[\"a\"]}]}", "Or relationship requires at least 2 sub-patterns: \"$or\""),
                Arguments.of("{\"source\":[]}", "Empty arrays are not allowed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refuses(String pattern, String reason) {
        assertEquals(reason, assertThrows(InvalidPatternException.class, () -> EventPattern.parse(pattern)).getMessage());
    }
}
