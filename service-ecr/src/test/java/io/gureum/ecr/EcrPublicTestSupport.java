package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;

/** One in-process server per test class serving ECR Public, and a real SDK v2 client of it in us-east-1. */
abstract class EcrPublicTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new EcrPublicService()).build();
    static Gureum gureum;
    static EcrPublicClient ecr;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        ecr = AwsClients.client(EcrPublicClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        ecr.close();
    }

    /** A client acting in another account (a twelve-digit access key is that account) and region. */
    static EcrPublicClient client(String account, String region) {
        return AwsClients.client(EcrPublicClient.builder(), gureum.endpoint(), account, region);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String repository(String prefix) {
        String name = unique(prefix);
        ecr.createRepository(b -> b.repositoryName(name));
        return name;
    }

    /** Uploads {@code content} as one layer in one part; returns its digest. */
    static String upload(String repo, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String id = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte(0L)
                .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
        return ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id).layerDigests(Digests.sha256(bytes)))
                .layerDigest();
    }

    /** An OCI image manifest of a config and one layer, both uploaded to {@code repo}. */
    static String manifest(String repo, String layerContent) {
        String config = upload(repo, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":\"" + layerContent + "\"}");
        String layer = upload(repo, layerContent);
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":10,"
                + "\"digest\":\"" + config + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar+gzip\",\"size\":" + layerContent.length()
                + ",\"digest\":\"" + layer + "\"}]}";
    }

    static <T extends AwsServiceException> T assertError(Class<T> type, String code, int status, String message,
            Executable call) {
        T e = assertThrows(type, call);
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertEquals(status, e.statusCode());
        if (message != null) {
            assertEquals(message, e.awsErrorDetails().errorMessage());
        }
        return e;
    }
}
