package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.http.AwsHttpRequest;
import org.junit.jupiter.api.Test;

/** Which requests ECR takes as its registry API's: /v2/ paths, not S3 virtual-hosted buckets' keys. */
class EcrQuirksTest {
    private static boolean claims(String host, String path, String... headers) {
        AwsHttpRequest.Builder b = AwsHttpRequest.builder("GET", path).header("Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return new EcrQuirks().claims(b.build());
    }

    @Test
    void registryPathsOnTheServersOwnNamesAreClaimed() {
        assertTrue(claims("localhost:4566", "/v2/"));
        assertTrue(claims("127.0.0.1:4566", "/v2/team/app/manifests/v1"));
        assertTrue(claims("gureum:4566", "/v2"));
        assertTrue(claims("localhost.localstack.cloud:4566", "/v2/app/tags/list"));
        assertTrue(claims("000000000000.dkr.ecr.us-east-1.localhost.localstack.cloud:4566", "/v2/app/tags/list"));
        assertTrue(claims("123456789012.dkr.ecr.eu-west-1.amazonaws.com", "/v2/"));
    }

    @Test
    void otherPathsApiCallsAndBucketHostsAreNot() {
        assertFalse(claims("localhost:4566", "/"));
        assertFalse(claims("localhost:4566", "/v2x/"));
        assertFalse(claims("localhost:4566", "/v2/", "X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921.ListImages"));
        assertFalse(claims("bucket.s3.localhost.localstack.cloud:4566", "/v2/key"));
        assertFalse(claims("bucket.localhost:4566", "/v2/key"));
        assertFalse(claims("bucket.localhost.localstack.cloud:4566", "/v2/key"));
        assertFalse(claims("bucket.s3.us-east-1.amazonaws.com", "/v2/key"));
    }
}
