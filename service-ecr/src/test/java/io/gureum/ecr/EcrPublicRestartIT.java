package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;
import software.amazon.awssdk.services.ecrpublic.model.ImageTagDetail;
import software.amazon.awssdk.services.ecrpublic.model.Registry;
import software.amazon.awssdk.services.ecrpublic.model.Repository;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogData;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.Tag;

/**
 * What ECR Public finds again after a restart on the same --data-dir: the registry's alias and display name,
 * repositories with their catalog data (logo included), policy, tags, images, layers and uploads in progress,
 * beside ECR's private registry (whose layer directory is separate).
 */
class EcrPublicRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(),
                List.of(new EcrService(), new EcrPublicService()));
    }

    @Test
    void publicRegistrySurvivesARestart() throws Exception {
        byte[] logo = "logo-bytes".getBytes(StandardCharsets.UTF_8);
        byte[] part = new byte[5_242_880];
        java.util.Arrays.fill(part, (byte) 'p');
        Registry registry;
        Repository created;
        RepositoryCatalogData catalog;
        List<ImageTagDetail> tags;
        String uploadId;
        String manifest;
        try (Gureum g = start(); EcrPublicClient ecr = AwsClients.client(EcrPublicClient.builder(), g);
                software.amazon.awssdk.services.ecr.EcrClient privateEcr = AwsClients.client(
                        software.amazon.awssdk.services.ecr.EcrClient.builder(), g)) {
            created = ecr.createRepository(b -> b.repositoryName("team/app").tags(Tag.builder().key("team")
                    .value("a").build()).catalogData(c -> c.description("app").operatingSystems("Linux")
                    .logoImageBlob(SdkBytes.fromByteArray(logo)))).repository();
            catalog = ecr.getRepositoryCatalogData(b -> b.repositoryName("team/app")).catalogData();
            ecr.setRepositoryPolicy(b -> b.repositoryName("team/app").policyText(EcrPublicRepositoriesIT.POLICY));
            ecr.putRegistryCatalogData(b -> b.displayName("Example"));
            manifest = pushImage(ecr, "team/app", "v1");
            tags = ecr.describeImageTags(b -> b.repositoryName("team/app")).imageTagDetails();
            uploadId = ecr.initiateLayerUpload(b -> b.repositoryName("team/app")).uploadId();
            ecr.uploadLayerPart(b -> b.repositoryName("team/app").uploadId(uploadId).partFirstByte(0L)
                    .partLastByte((long) part.length - 1).layerPartBlob(SdkBytes.fromByteArray(part)));
            ecr.createRepository(b -> b.repositoryName("gone"));
            ecr.deleteRepository(b -> b.repositoryName("gone"));
            registry = ecr.describeRegistries(b -> { }).registries().get(0);
            // A private repository beside it: each API keeps its own layers.
            privateEcr.createRepository(b -> b.repositoryName("private"));
        }
        assertTrue(Files.isDirectory(dataDir.resolve("ecr-public").resolve("layers")));
        try (Gureum g = start(); EcrPublicClient ecr = AwsClients.client(EcrPublicClient.builder(), g)) {
            assertEquals(registry, ecr.describeRegistries(b -> { }).registries().get(0));
            assertEquals("Example", ecr.getRegistryCatalogData(b -> { }).registryCatalogData().displayName());
            assertEquals(List.of(created), ecr.describeRepositories(b -> { }).repositories());
            RepositoryCatalogData after = ecr.getRepositoryCatalogData(b -> b.repositoryName("team/app"))
                    .catalogData();
            assertEquals(catalog.description(), after.description());
            assertEquals(catalog.operatingSystems(), after.operatingSystems());
            var got = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(after.logoUrl())).build(), java.net.http.HttpResponse.BodyHandlers
                    .ofByteArray());
            assertArrayEquals(logo, got.body());
            assertEquals(EcrPublicRepositoriesIT.POLICY, ecr.getRepositoryPolicy(b -> b.repositoryName("team/app"))
                    .policyText());
            assertEquals("a", ecr.listTagsForResource(b -> b.resourceArn(created.repositoryArn())).tags().get(0)
                    .value());
            assertEquals(tags, ecr.describeImageTags(b -> b.repositoryName("team/app")).imageTagDetails());
            assertEquals(Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8)), ecr.describeImages(
                    b -> b.repositoryName("team/app")).imageDetails().get(0).imageDigest());
            assertEquals("AVAILABLE", ecr.batchCheckLayerAvailability(b -> b.repositoryName("team/app")
                    .layerDigests(Digests.sha256("layer-v1".getBytes(StandardCharsets.UTF_8)))).layers().get(0)
                    .layerAvailabilityAsString());
            // The upload goes on from the byte after the part received before the restart.
            byte[] rest = "|second".getBytes(StandardCharsets.UTF_8);
            ecr.uploadLayerPart(b -> b.repositoryName("team/app").uploadId(uploadId).partFirstByte((long) part.length)
                    .partLastByte((long) part.length + rest.length - 1).layerPartBlob(SdkBytes.fromByteArray(rest)));
            byte[] whole = java.util.Arrays.copyOf(part, part.length + rest.length);
            System.arraycopy(rest, 0, whole, part.length, rest.length);
            assertEquals(Digests.sha256(whole), ecr.completeLayerUpload(b -> b.repositoryName("team/app")
                    .uploadId(uploadId).layerDigests(Digests.sha256(whole))).layerDigest());
            assertThrows(RepositoryNotFoundException.class,
                    () -> ecr.describeRepositories(b -> b.repositoryNames("gone")));
        }
    }

    /** Uploads a config and a layer and puts an OCI manifest naming them, tagged {@code tag}. */
    private static String pushImage(EcrPublicClient ecr, String repo, String tag) {
        String config = upload(ecr, repo, "{\"os\":\"linux\"}");
        String layer = upload(ecr, repo, "layer-" + tag);
        String manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":15,\"digest\":\""
                + config + "\"},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\",\"size\":8,"
                + "\"digest\":\"" + layer + "\"}]}";
        ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag(tag));
        return manifest;
    }

    private static String upload(EcrPublicClient ecr, String repo, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String id = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte(0L)
                .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
        return ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id).layerDigests(Digests.sha256(bytes)))
                .layerDigest();
    }
}
