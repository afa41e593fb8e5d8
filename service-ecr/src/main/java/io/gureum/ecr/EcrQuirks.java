package io.gureum.ecr;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.spi.ProtocolQuirks;

/**
 * ECR's registry API on Gureum's port: requests under {@code /v2/} that name no AWS API (no SigV4 signing name,
 * no {@code X-Amz-Target}) are ECR's, authenticated by {@link RegistryApi} with HTTP Basic rather than SigV4.
 * No S3 path-style request collides: a bucket name has at least three characters.
 */
final class EcrQuirks implements ProtocolQuirks {
    @Override
    public boolean claims(AwsHttpRequest request) {
        return RegistryApi.isRegistryPath(request.rawPath()) && request.header("X-Amz-Target") == null;
    }

    @Override
    public boolean authenticatesItself(AwsHttpRequest request) {
        return claims(request);
    }
}
