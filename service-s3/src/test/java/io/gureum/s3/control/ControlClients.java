package io.gureum.s3.control;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3control.S3ControlClient;

/**
 * S3 Control clients as users configure them: {@code endpointOverride(http://localhost:port)}, to which the
 * SDK's endpoint rules prepend the account ({@code 000000000000.localhost:port}). {@code *.localhost} is
 * loopback (RFC 6761) but the JDK would ask DNS; this client's resolver answers it locally, so nothing
 * leaves the machine.
 */
final class ControlClients {
    private ControlClients() {
    }

    static S3ControlClient control(Gureum gureum, String accessKey, String region) {
        return control(gureum, accessKey, "test", region);
    }

    static S3ControlClient control(Gureum gureum, String accessKey, String secret, String region) {
        URI local = URI.create("http://localhost:" + gureum.endpoint().getPort());
        // Not AwsClients.client: it would replace the HTTP client (and its resolver) with its own.
        return S3ControlClient.builder().endpointOverride(local).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(ApacheHttpClient.builder().dnsResolver(ControlClients::loopback).build()).build();
    }

    static S3Client s3(Gureum gureum, String accessKey, String region) {
        return AwsClients.client(S3Client.builder().forcePathStyle(true), gureum.endpoint(), accessKey, region);
    }

    /**
     * A virtual-hosted S3 client on {@code http://localhost:port}: what an access point ARN needs (the SDK
     * sends it to {@code <name>-<account>.localhost:port}; path-style clients refuse ARNs).
     */
    static S3Client virtualHostedS3(Gureum gureum, String accessKey, String region) {
        URI local = URI.create("http://localhost:" + gureum.endpoint().getPort());
        return S3Client.builder().endpointOverride(local).region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test")))
                .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                .httpClient(ApacheHttpClient.builder().dnsResolver(ControlClients::loopback).build()).build();
    }

    private static InetAddress[] loopback(String host) throws UnknownHostException {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }
        throw new UnknownHostException(host + " (tests resolve only *.localhost)");
    }
}
