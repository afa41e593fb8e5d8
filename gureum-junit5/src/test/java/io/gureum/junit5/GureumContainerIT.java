package io.gureum.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The Docker image through Testcontainers. Skipped where no Docker engine runs (as on the project's
 * CI machine, which smoke-tests the image with podman instead). It runs the published image
 * ({@link GureumContainer#DEFAULT_IMAGE}), or a local build named by {@code -Dgureum.image=gureum:latest}
 * after {@code docker build -f docker/Dockerfile -t gureum:latest .}
 */
@Testcontainers(disabledWithoutDocker = true)
class GureumContainerIT {
    @Container
    static GureumContainer aws = System.getProperty("gureum.image") == null
            ? new GureumContainer() : new GureumContainer(System.getProperty("gureum.image"));

    @Test
    void containerAnswersTheCli() {
        try (StsClient sts = StsClient.builder()
                .endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            assertEquals("000000000000", sts.getCallerIdentity().account());
        }
    }
}
