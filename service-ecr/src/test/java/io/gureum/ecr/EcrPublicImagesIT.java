package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecrpublic.model.BatchCheckLayerAvailabilityResponse;
import software.amazon.awssdk.services.ecrpublic.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecrpublic.model.EmptyUploadException;
import software.amazon.awssdk.services.ecrpublic.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecrpublic.model.ImageDetail;
import software.amazon.awssdk.services.ecrpublic.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecrpublic.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.ImageTagDetail;
import software.amazon.awssdk.services.ecrpublic.model.InitiateLayerUploadResponse;
import software.amazon.awssdk.services.ecrpublic.model.InvalidLayerException;
import software.amazon.awssdk.services.ecrpublic.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecrpublic.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecrpublic.model.LayerPartTooSmallException;
import software.amazon.awssdk.services.ecrpublic.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.RegistryNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.UploadNotFoundException;

/** ECR Public's layer uploads and images through the SDK's client. */
class EcrPublicImagesIT extends EcrPublicTestSupport {

    @Test
    void layerUploadInPartsAndAvailability() {
        String repo = repository("layers");
        // A first part of exactly the 5 MiB minimum, then a short last one.
        int first = 5_242_880;
        byte[] bytes = new byte[first + 11];
        java.util.Arrays.fill(bytes, (byte) 'x');
        InitiateLayerUploadResponse init = ecr.initiateLayerUpload(b -> b.repositoryName(repo));
        assertEquals(10_485_760L, init.partSize());
        String id = init.uploadId();
        assertEquals(first - 1L, ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte(0L)
                .partLastByte(first - 1L).layerPartBlob(SdkBytes.fromByteArray(java.util.Arrays.copyOfRange(bytes, 0,
                        first)))).lastByteReceived());
        InvalidLayerPartException outOfOrder = assertError(InvalidLayerPartException.class,
                "InvalidLayerPartException", 400, null, () -> ecr.uploadLayerPart(b -> b.repositoryName(repo)
                        .uploadId(id).partFirstByte(5L).partLastByte(7L)
                        .layerPartBlob(SdkBytes.fromByteArray(new byte[3]))));
        assertEquals(first - 1L, outOfOrder.lastValidByteReceived());
        ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte((long) first)
                .partLastByte((long) bytes.length - 1)
                .layerPartBlob(SdkBytes.fromByteArray(java.util.Arrays.copyOfRange(bytes, first, bytes.length))));
        assertError(InvalidLayerException.class, "InvalidLayerException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id)
                        .layerDigests(Digests.sha256(new byte[1]))));
        String digest = ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id)
                .layerDigests(Digests.sha256(bytes))).layerDigest();
        assertEquals(Digests.sha256(bytes), digest);
        assertError(UploadNotFoundException.class, "UploadNotFoundException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id).layerDigests(digest)));
        BatchCheckLayerAvailabilityResponse check = ecr.batchCheckLayerAvailability(b -> b.repositoryName(repo)
                .layerDigests(digest, "sha256:" + "0".repeat(64), "not-a-digest"));
        assertEquals(1, check.layers().size());
        assertEquals("AVAILABLE", check.layers().get(0).layerAvailabilityAsString());
        assertEquals((long) bytes.length, check.layers().get(0).layerSize());
        assertEquals(List.of("MissingLayerDigest", "InvalidLayerDigest"), check.failures().stream()
                .map(f -> f.failureCodeAsString()).toList());
        // A part under 5 MiB before the last: LayerPartTooSmallException when the upload completes.
        String small = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(small).partFirstByte(0L).partLastByte(2L)
                .layerPartBlob(SdkBytes.fromByteArray("abc".getBytes(StandardCharsets.UTF_8))));
        ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(small).partFirstByte(3L).partLastByte(5L)
                .layerPartBlob(SdkBytes.fromByteArray("def".getBytes(StandardCharsets.UTF_8))));
        assertError(LayerPartTooSmallException.class, "LayerPartTooSmallException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(small)
                        .layerDigests(Digests.sha256("abcdef".getBytes(StandardCharsets.UTF_8)))));
        // The same bytes again: LayerAlreadyExistsException; an upload with no part: EmptyUploadException.
        String again = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        // (one part: the last may be of any size)
        ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(again).partFirstByte(0L)
                .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
        assertError(LayerAlreadyExistsException.class, "LayerAlreadyExistsException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(again).layerDigests(digest)));
        String empty = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        assertError(EmptyUploadException.class, "EmptyUploadException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(empty).layerDigests(digest)));
        assertError(UploadNotFoundException.class, "UploadNotFoundException", 400, null,
                () -> ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId("00000000-0000-0000-0000-000000000000")
                        .partFirstByte(0L).partLastByte(0L).layerPartBlob(SdkBytes.fromByteArray(new byte[1]))));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.initiateLayerUpload(b -> b.repositoryName("missing")));
    }

    @Test
    void aPartOverTenMibIsRefused() {
        String repo = repository("big");
        String id = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        int size = 10_485_761;
        InvalidLayerPartException e = assertError(InvalidLayerPartException.class, "InvalidLayerPartException", 400,
                null, () -> ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte(0L)
                        .partLastByte(size - 1L).layerPartBlob(SdkBytes.fromByteArray(new byte[size]))));
        assertEquals(-1L, e.lastValidByteReceived());
    }

    @Test
    void pushDescribeTagAndDelete() {
        String repo = repository("images");
        String manifest = manifest(repo, "layer-one");
        String registryId = ecr.describeRegistries(b -> { }).registries().get(0).registryId();
        String alias = ecr.describeRegistries(b -> { }).registries().get(0).aliases().get(0).name();
        // registryId may name the registry by its alias where the model says RegistryIdOrAlias.
        var image = ecr.putImage(b -> b.registryId(alias).repositoryName(repo).imageManifest(manifest)
                .imageTag("v1")).image();
        String digest = image.imageId().imageDigest();
        assertEquals(Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8)), digest);
        assertEquals(registryId, image.registryId());
        assertEquals("application/vnd.oci.image.manifest.v1+json", image.imageManifestMediaType());
        assertError(ImageAlreadyExistsException.class, "ImageAlreadyExistsException", 400, null,
                () -> ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag("v1")));
        gureum.context().clock().advance(java.time.Duration.ofMinutes(5));
        ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag("latest"));
        assertError(ImageDigestDoesNotMatchException.class, "ImageDigestDoesNotMatchException", 400, null,
                () -> ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag("x")
                        .imageDigest("sha256:" + "1".repeat(64))));
        String missingLayer = manifest.replace("\"layers\":[{", "\"layers\":[{\"x\":1,").replaceAll(
                "(\"layers\":\\[\\{\"x\":1,.*?\"digest\":\")sha256:[0-9a-f]+", "$1sha256:" + "2".repeat(64));
        assertError(LayersNotFoundException.class, "LayersNotFoundException", 400, null,
                () -> ecr.putImage(b -> b.repositoryName(repo).imageManifest(missingLayer).imageTag("broken")));
        assertError(RegistryNotFoundException.class, "RegistryNotFoundException", 400, null,
                () -> ecr.putImage(b -> b.registryId("nosuchalias").repositoryName(repo).imageManifest(manifest)));

        ImageDetail detail = ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().get(0);
        assertEquals(digest, detail.imageDigest());
        assertEquals(List.of("v1", "latest"), detail.imageTags());
        assertEquals(9L, detail.imageSizeInBytes());
        assertEquals("application/vnd.oci.image.config.v1+json", detail.artifactMediaType());
        assertEquals(detail, ecr.describeImages(b -> b.repositoryName(repo).imageIds(i -> i.imageTag("latest")))
                .imageDetails().get(0));
        assertError(ImageNotFoundException.class, "ImageNotFoundException", 400, null,
                () -> ecr.describeImages(b -> b.repositoryName(repo).imageIds(i -> i.imageTag("nope"))));

        List<ImageTagDetail> tags = ecr.describeImageTags(b -> b.repositoryName(repo)).imageTagDetails();
        assertEquals(List.of("v1", "latest"), tags.stream().map(ImageTagDetail::imageTag).toList());
        assertEquals(detail.imagePushedAt(), tags.get(0).createdAt());
        // Tagged five minutes (on the Gureum clock) after the push, give or take the real time the calls took.
        java.time.Duration later = java.time.Duration.between(detail.imagePushedAt(), tags.get(1).createdAt());
        assertTrue(later.toSeconds() >= 300 && later.toSeconds() < 360, later.toString());
        assertEquals(digest, tags.get(1).imageDetail().imageDigest());
        assertEquals(9L, tags.get(1).imageDetail().imageSizeInBytes());
        var page = ecr.describeImageTags(b -> b.repositoryName(repo).maxResults(1));
        assertEquals(1, page.imageTagDetails().size());
        assertEquals("latest", ecr.describeImageTags(b -> b.repositoryName(repo).maxResults(1)
                .nextToken(page.nextToken())).imageTagDetails().get(0).imageTag());

        // A manifest list's size is the largest of the manifests it names (ImageDetail.imageSizeInBytes).
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
                + digest + "\",\"size\":" + manifest.length() + "}]}";
        String indexDigest = ecr.putImage(b -> b.repositoryName(repo).imageManifest(index).imageTag("multi")).image()
                .imageId().imageDigest();
        assertEquals(9L, ecr.describeImages(b -> b.repositoryName(repo).imageIds(i -> i.imageDigest(indexDigest)))
                .imageDetails().get(0).imageSizeInBytes());
        ecr.batchDeleteImage(b -> b.repositoryName(repo).imageIds(i -> i.imageDigest(indexDigest)));

        BatchDeleteImageResponse byTag = ecr.batchDeleteImage(b -> b.repositoryName(repo).imageIds(
                i -> i.imageTag("v1"), i -> i.imageTag("gone")));
        assertEquals("v1", byTag.imageIds().get(0).imageTag());
        assertEquals("ImageNotFound", byTag.failures().get(0).failureCodeAsString());
        assertEquals(List.of("latest"), ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().get(0)
                .imageTags());
        BatchDeleteImageResponse byDigest = ecr.batchDeleteImage(b -> b.repositoryName(repo)
                .imageIds(i -> i.imageDigest(digest), i -> { }));
        assertEquals(List.of("latest"), byDigest.imageIds().stream().map(i -> i.imageTag()).toList());
        assertEquals("MissingDigestAndTag", byDigest.failures().get(0).failureCodeAsString());
        assertTrue(ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().isEmpty());
        assertTrue(ecr.describeImageTags(b -> b.repositoryName(repo)).imageTagDetails().isEmpty());
        assertNull(ecr.describeImageTags(b -> b.repositoryName(repo)).nextToken());
    }
}
