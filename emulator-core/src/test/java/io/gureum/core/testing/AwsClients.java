package io.gureum.core.testing;

import io.gureum.core.Gureum;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Real SDK v2 clients pointed at an in-process server, the way users configure them
 * ({@code endpointOverride} and static credentials). Retries are off so errors surface at once.
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.builder()
            // Generous: a slow first answer on a busy machine (an in-process client of a large API loads its
            // model classes once) is not a failure; hangs are caught by HangGuard and the tests' own bounds.
            .socketTimeout(java.time.Duration.ofMinutes(5)).build();

    private AwsClients() {
    }

    /** A client of the given builder, signed with {@code accessKey}/"test" in {@code region}. */
    public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, URI endpoint, String accessKey,
            String region) {
        builder.endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "test")))
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)));
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(HTTP);
        }
        return builder.build();
    }

    public static <B extends AwsClientBuilder<B, C>, C> C client(B builder, Gureum gureum) {
        return client(builder, gureum.endpoint(), "test", "us-east-1");
    }
}
