package io.gureum.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The generated data of every AWS API's wire, and how a request's clues pick one. */
class AwsProtocolsTest {
    private final AwsProtocols protocols = AwsProtocols.get();

    @Test
    void coversEveryProtocolBotocoreKnows() {
        assertTrue(protocols.all().size() > 400, "APIs: " + protocols.all().size());
        for (String p : new String[] {"json", "rest-json", "query", "ec2", "rest-xml", "smithy-rpc-v2-cbor"}) {
            assertTrue(protocols.all().stream().anyMatch(a -> p.equals(a.protocol())), p);
        }
    }

    @Test
    void kmsIsAwsJson11WithItsTargetPrefix() {
        AwsProtocols.Api kms = protocols.bySigningName("kms").get(0);
        assertEquals("json", kms.protocol());
        assertEquals("TrentService", kms.targetPrefix());
        assertEquals("application/x-amz-json-1.1", kms.errorModel().index().jsonContentType());
        assertEquals(kms, protocols.byTargetPrefix("TrentService"));
    }

    @Test
    void cloudWatchIsRpcV2CborSignedAsMonitoring() {
        AwsProtocols.Api cw = protocols.byTargetPrefix("GraniteServiceVersion20100801");
        assertEquals("monitoring", cw.signingName());
        assertEquals("smithy-rpc-v2-cbor", cw.protocol());
        assertTrue(cw.protocols().contains("query"));
    }

    @Test
    void hostNamesTheApiByEndpointPrefixLongestFirst() {
        assertEquals("kms", protocols.byHost("kms.eu-west-1.amazonaws.com:443").signingName());
        assertEquals("ecr", protocols.byHost("api.ecr.us-east-1.amazonaws.com").signingName());
        assertEquals("dynamodbstreams", protocols.byHost("streams.dynamodb.us-east-1.amazonaws.com").name());
        assertNull(protocols.byHost("localhost:4566"));
        assertNull(protocols.byHost("kms.localhost"));
    }

    @Test
    void sharedSigningNamesArePickedByTargetVersionOrHost() {
        var elb = protocols.bySigningName("elasticloadbalancing");
        assertEquals("elbv2", AwsProtocols.pick(elb, null, "2015-12-01", null).name());
        assertEquals("elb", AwsProtocols.pick(elb, null, "2012-06-01", null).name());
        var dynamodb = protocols.bySigningName("dynamodb");
        assertEquals("dynamodbstreams", AwsProtocols.pick(dynamodb, "DynamoDBStreams_20120810", null, null).name());
    }

    @Test
    void namesOnlyEndpointRulesSignWithReachTheirApi() {
        AwsProtocols.Api s3 = protocols.bySigningName("s3-object-lambda").get(0);
        assertEquals("s3", s3.name());
        assertTrue(s3.s3Signature());
        assertTrue(s3.noErrorWrapping());
        assertFalse(protocols.bySigningName("sqs").get(0).s3Signature());
    }
}
