package io.gureum.ecr;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.spi.ProtocolQuirks;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ECR's registry API on Gureum's port: requests under {@code /v2/} that name no AWS API (no SigV4 signing name,
 * no {@code X-Amz-Target}) are ECR's, authenticated by {@link RegistryApi} with HTTP Basic rather than SigV4.
 * No S3 path-style request collides (a bucket name has at least three characters); an anonymous S3
 * virtual-hosted request ({@code bucket.s3.…}, {@code bucket.localhost}, {@code bucket.localhost.localstack.cloud})
 * for a key under {@code v2/} is left to S3, unless the host has the shape of an ECR registry
 * ({@code <account>.dkr.ecr.<region>.…}), which on AWS is ECR's name and never a bucket's.
 */
final class EcrQuirks implements ProtocolQuirks {
    private static final Pattern REGISTRY_HOST = Pattern.compile("^\\d{12}\\.dkr\\.ecr\\.[a-z0-9-]+\\..+$");

    @Override
    public boolean claims(AwsHttpRequest request) {
        if (!RegistryApi.isRegistryPath(request.rawPath()) || request.header("X-Amz-Target") != null) {
            return false;
        }
        String host = host(request.header("Host"));
        return REGISTRY_HOST.matcher(host).matches() || !bucketHost(host);
    }

    @Override
    public boolean authenticatesItself(AwsHttpRequest request) {
        return claims(request);
    }

    /** A name that addresses an S3 bucket by its host rather than the registry. */
    private static boolean bucketHost(String host) {
        if (host.contains(".s3.") || host.contains(".s3-")) {
            return true;
        }
        for (String root : new String[] {".localhost.localstack.cloud", ".localhost"}) {
            if (host.endsWith(root)) {
                return true;
            }
        }
        return false;
    }

    private static String host(String header) {
        if (header == null) {
            return "";
        }
        String host = header.toLowerCase(Locale.ROOT);
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }
}
