package io.gureum.core.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArnTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "arn:aws:iam::123456789012:user/alice",
        "arn:aws:s3:::my-bucket",
        "arn:aws:s3:::my-bucket/path/to/key.txt",
        "arn:aws:lambda:us-east-1:123456789012:function:my-fn:3",
        "arn:aws:ec2:ap-northeast-2:123456789012:vpc/vpc-0a1b2c3d4e5f67890",
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws-cn:sqs:cn-north-1:123456789012:queue",
        "arn:aws:dynamodb:eu-west-1:123456789012:table/Books/stream/2026-01-01T00:00:00.000"
    })
    void parseRoundTrips(String text) {
        Arn arn = Arn.parse(text);
        assertEquals(text, arn.toString());
        assertEquals(arn, Arn.parse(arn.toString()));
    }

    @Test
    void parseSplitsFields() {
        Arn arn = Arn.parse("arn:aws:lambda:us-east-1:123456789012:function:my-fn:3");
        assertEquals("aws", arn.partition());
        assertEquals("lambda", arn.service());
        assertEquals("us-east-1", arn.region());
        assertEquals("123456789012", arn.accountId());
        assertEquals("function:my-fn:3", arn.resource());
        assertEquals("function", arn.resourceType());
        assertEquals("my-fn:3", arn.resourceId());
    }

    @Test
    void resourceTypeAndId() {
        Arn user = Arn.parse("arn:aws:iam::123456789012:user/alice");
        assertEquals("user", user.resourceType());
        assertEquals("alice", user.resourceId());
        Arn withPath = Arn.parse("arn:aws:iam::123456789012:user/division/alice");
        assertEquals("user", withPath.resourceType());
        assertEquals("division/alice", withPath.resourceId());
        Arn bucket = Arn.parse("arn:aws:s3:::my-bucket");
        assertEquals("", bucket.resourceType());
        assertEquals("my-bucket", bucket.resourceId());
        Arn mixed = Arn.parse("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn");
        assertEquals("log-group", mixed.resourceType());
        assertEquals("/aws/lambda/fn", mixed.resourceId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "arn",
        "arn:aws:s3",
        "arn:aws:iam::123456789012",
        "urn:aws:iam::123456789012:user/alice",
        "arn::iam::123456789012:user/alice",
        "arn:aws:::123456789012:user/alice",
        "arn:aws:iam::123456789012:",
        "not an arn at all"
    })
    void malformedIsRejectedWithClearMessage(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Arn.parse(text));
        assertTrue(e.getMessage().contains("Malformed ARN"), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Arn.parse(null));
    }

    @Test
    void ofChoosesPartitionFromRegion() {
        assertEquals("aws", Arn.of("sqs", "ap-northeast-2", "123456789012", "q").partition());
        assertEquals("aws-cn", Arn.of("sqs", "cn-north-1", "123456789012", "q").partition());
        assertEquals("aws-cn", Arn.of("sqs", "cn-south-9", "123456789012", "q").partition());
        assertEquals("aws-us-gov", Arn.of("sqs", "us-gov-west-1", "123456789012", "q").partition());
        assertEquals("aws-iso", Arn.of("sqs", "us-iso-east-1", "123456789012", "q").partition());
        assertEquals("aws-iso-b", Arn.of("sqs", "us-isob-east-1", "123456789012", "q").partition());
        assertEquals("aws", Arn.of("iam", "", "123456789012", "user/alice").partition());
        assertEquals("aws", Arn.of("sqs", "nowhere", "123456789012", "q").partition());
    }

    @Test
    void ofFormats() {
        assertEquals(
                "arn:aws:iam::123456789012:role/app",
                Arn.of("aws", "iam", "", "123456789012", "role/app").toString());
        assertEquals(
                "arn:aws-us-gov:ec2:us-gov-east-1:123456789012:instance/i-0123456789abcdef0",
                Arn.of("ec2", "us-gov-east-1", "123456789012", "instance/i-0123456789abcdef0").toString());
    }

    @Test
    void segmentsBeforeResourceMayNotContainColon() {
        assertThrows(IllegalArgumentException.class, () -> Arn.of("aws", "s:3", "", "", "b"));
        assertThrows(IllegalArgumentException.class, () -> Arn.of("aws", "s3", "", "", ""));
    }
}
