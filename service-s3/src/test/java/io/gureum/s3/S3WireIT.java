package io.gureum.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import io.gureum.core.testing.RawHttp;
import io.gureum.core.testing.Reply;
import io.gureum.core.testing.Requests;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * S3's wire beyond restXml, contributed through {@link S3Quirks}: S3's root element names, the bare
 * {@code <Error>}, 405 for a method no route has, virtual-hosted requests claimed by Host, anonymous
 * path-style requests taken as S3's, and {@code InvalidAccessKeyId} for an unknown key.
 */
class S3WireIT extends S3Fixture {

    @Test
    void listBucketsHasS3sRootElementAndNamespace() throws Exception {
        newBucket();
        Reply r = Requests.send(gureum.endpoint(), Requests.rest("s3", "GET", "/"));
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.bodyAsString().contains("<ListAllMyBucketsResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"),
                r::toString);
    }

    @Test
    void methodNoRouteHasIs405InABareError() throws Exception {
        String bucket = newBucket();
        Reply r = Requests.send(gureum.endpoint(), Requests.rest("s3", "PATCH", "/" + bucket));
        assertEquals(405, r.status(), r::toString);
        assertTrue(r.bodyAsString().contains("<Error><Code>MethodNotAllowed</Code>"), r::toString);
    }

    @Test
    void anonymousPathStyleRequestIsS3s() throws Exception {
        Reply r = Requests.send(gureum.endpoint(), new Requests.Spec("GET", "/no-such-bucket-here?list-type=2"));
        assertEquals(404, r.status(), r::toString);
        assertTrue(r.bodyAsString().contains("<Code>NoSuchBucket</Code>"), r::toString);
    }

    @Test
    void virtualHostedRequestIsClaimedByHost() throws Exception {
        String bucket = newBucket();
        try (RawHttp c = RawHttp.connect(gureum.endpoint().getPort())) {
            Reply r = c.send("GET /?list-type=2 HTTP/1.1\r\nHost: " + bucket + ".s3.localhost\r\n"
                    + "Content-Length: 0\r\n\r\n").read();
            assertEquals(200, r.status(), r::toString);
            assertTrue(r.bodyAsString().contains("<Name>" + bucket + "</Name>"), r::toString);
        }
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        try (Gureum verifying = Gureum.start(GureumConfig.builder().port(0).verifySignatures(true).build());
                S3Client client = AwsClients.client(S3Client.builder().forcePathStyle(true), verifying.endpoint(),
                        "AKIANOSUCHKEY0000000", "us-east-1")) {
            S3Exception e = assertThrows(S3Exception.class, client::listBuckets);
            assertEquals(403, e.statusCode());
            assertEquals("InvalidAccessKeyId", e.awsErrorDetails().errorCode());
        }
    }
}
