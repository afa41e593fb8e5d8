package io.gureum.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.gureum.core.http.AwsHttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of an {@code Authorization} header, however the client spaced them. */
class SigV4ParserTest {

    private static SignatureInfo parse(String authorization) {
        return SigV4Parser.parse(new AwsHttpRequest("POST", "/", Map.of("Authorization", List.of(authorization),
                "X-Amz-Date", List.of("20261207T010000Z")), new byte[0]));
    }

    @Test
    void theSdksSpacing() {
        SignatureInfo info = parse("AWS4-HMAC-SHA256 Credential=AKID/20261207/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0123abcd");
        assertEquals("AWS4-HMAC-SHA256", info.algorithm());
        assertEquals("AKID", info.accessKeyId());
        assertEquals("20261207", info.scopeDate());
        assertEquals("us-east-1", info.region());
        assertEquals("dynamodb", info.service());
        assertEquals(List.of("host", "x-amz-date", "x-amz-target"), info.signedHeaders());
        assertEquals("0123abcd", info.signature());
        assertEquals("20261207T010000Z", info.amzDate());
    }

    @Test
    void noSpacesTabsAndEmptyParts() {
        SignatureInfo info = parse("AWS4-HMAC-SHA256 Credential=AKID/20261207/eu-west-1/s3/aws4_request,,"
                + "SignedHeaders=host ,\tSignature=ff \t, ");
        assertEquals("AKID", info.accessKeyId());
        assertEquals("eu-west-1", info.region());
        assertEquals(List.of("host"), info.signedHeaders());
        assertEquals("ff", info.signature());
    }

    @Test
    void partsMissingOrUnknown() {
        SignatureInfo info = parse("AWS4-HMAC-SHA256 Signature=ab, Other=x");
        assertEquals("AWS4-HMAC-SHA256", info.algorithm());
        assertNull(info.accessKeyId());
        assertEquals("ab", info.signature());
        SignatureInfo bare = parse("AWS4-HMAC-SHA256");
        assertNull(bare.accessKeyId());
        assertNull(bare.signature());
        SignatureInfo empty = parse("AWS4-HMAC-SHA256 Credential=");
        assertEquals("", empty.accessKeyId());
        assertEquals(List.of(), empty.signedHeaders());
    }

    @Test
    void signatureVersion2() {
        SignatureInfo info = parse("AWS AKID:c2lnbmF0dXJl");
        assertEquals("AWS", info.algorithm());
        assertEquals("AKID", info.accessKeyId());
        assertEquals("c2lnbmF0dXJl", info.signature());
    }
}
