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
import software.amazon.awssdk.services.ecr.EcrClient;

/** One in-process server per test class serving ECR, and a real SDK v2 ECR client. */
abstract class EcrTestSupport {
    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new EcrService()).build();
    static Gureum gureum;
    static EcrClient ecr;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
        ecr = AwsClients.client(EcrClient.builder(), gureum);
    }

    @AfterAll
    static void stop() {
        ecr.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a repository with a unique name; returns the name. */
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

    /** A Docker V2 schema 2 manifest of a config and one layer, both uploaded to {@code repo}. */
    static String manifest(String repo, String layerContent) {
        String config = upload(repo, "{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":\"" + layerContent + "\"}");
        String layer = upload(repo, layerContent);
        return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":10,"
                + "\"digest\":\"" + config + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + layerContent.length()
                + ",\"digest\":\"" + layer + "\"}]}";
    }

    /** Pushes an image of a fresh layer, tagged {@code tag} (or untagged); returns its digest. */
    static String push(String repo, String tag, String layerContent) {
        String manifest = manifest(repo, layerContent);
        return ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag(tag)).image().imageId()
                .imageDigest();
    }

    /** Asserts the call fails with {@code type}, AWS's code, HTTP status and message (unless null); returns it. */
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
