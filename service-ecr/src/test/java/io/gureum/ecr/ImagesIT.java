package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.model.BatchDeleteImageResponse;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.EmptyUploadException;
import software.amazon.awssdk.services.ecr.model.ImageAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageDigestDoesNotMatchException;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerException;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.LayersNotFoundException;
import software.amazon.awssdk.services.ecr.model.ListImagesResponse;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

class ImagesIT extends EcrTestSupport {

    @Test
    void layersUploadInOrderedPartsWithDigestsChecked() throws Exception {
        String repo = repository("layers");
        String id = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte(0L).partLastByte(2L)
                .layerPartBlob(SdkBytes.fromUtf8String("abc")));
        InvalidLayerPartException gap = assertError(InvalidLayerPartException.class, "InvalidLayerPartException", 400,
                null, () -> ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte(5L)
                        .partLastByte(7L).layerPartBlob(SdkBytes.fromUtf8String("xyz"))));
        assertEquals(2L, gap.lastValidByteReceived());
        assertEquals(5L, ecr.uploadLayerPart(b -> b.repositoryName(repo).uploadId(id).partFirstByte(3L)
                .partLastByte(5L).layerPartBlob(SdkBytes.fromUtf8String("def"))).lastByteReceived());
        String digest = Digests.sha256("abcdef".getBytes(StandardCharsets.UTF_8));
        assertError(InvalidLayerException.class, "InvalidLayerException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id).layerDigests(
                        "sha256:" + "0".repeat(64))));
        assertEquals(digest, ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id).layerDigests(digest))
                .layerDigest());
        assertError(UploadNotFoundException.class, "UploadNotFoundException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(id).layerDigests(digest)));
        assertError(LayerAlreadyExistsException.class, "LayerAlreadyExistsException", 400, null,
                () -> upload(repo, "abcdef"));
        String empty = ecr.initiateLayerUpload(b -> b.repositoryName(repo)).uploadId();
        assertError(EmptyUploadException.class, "EmptyUploadException", 400, null,
                () -> ecr.completeLayerUpload(b -> b.repositoryName(repo).uploadId(empty).layerDigests(digest)));

        var check = ecr.batchCheckLayerAvailability(b -> b.repositoryName(repo).layerDigests(digest,
                "sha256:" + "1".repeat(64)));
        assertEquals("AVAILABLE", check.layers().get(0).layerAvailabilityAsString());
        assertEquals(6L, check.layers().get(0).layerSize());
        assertEquals("MissingLayerDigest", check.failures().get(0).failureCodeAsString());

        String url = ecr.getDownloadUrlForLayer(b -> b.repositoryName(repo).layerDigest(digest)).downloadUrl();
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals("abcdef".getBytes(StandardCharsets.UTF_8), download.body());
        assertError(LayersNotFoundException.class, "LayersNotFoundException", 400, null,
                () -> ecr.getDownloadUrlForLayer(b -> b.repositoryName(repo).layerDigest("sha256:" + "2".repeat(64))));
    }

    @Test
    void putImageNeedsItsLayersAndChecksTheDigest() {
        String repo = repository("put");
        String manifest = manifest(repo, "content-a");
        String missing = manifest.replaceFirst("sha256:[0-9a-f]{64}\"}]", "sha256:" + "3".repeat(64) + "\"}]");
        assertError(LayersNotFoundException.class, "LayersNotFoundException", 400, null,
                () -> ecr.putImage(b -> b.repositoryName(repo).imageManifest(missing).imageTag("x")));
        assertError(ImageDigestDoesNotMatchException.class, "ImageDigestDoesNotMatchException", 400, null,
                () -> ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag("x")
                        .imageDigest("sha256:" + "4".repeat(64))));
        var image = ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag("v1")).image();
        assertEquals(Digests.sha256(manifest.getBytes(StandardCharsets.UTF_8)), image.imageId().imageDigest());
        assertEquals("application/vnd.docker.distribution.manifest.v2+json", image.imageManifestMediaType());
        assertError(ImageAlreadyExistsException.class, "ImageAlreadyExistsException", 400, null,
                () -> ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag("v1")));
        ecr.putImage(b -> b.repositoryName(repo).imageManifest(manifest).imageTag("latest"));
        ImageDetail detail = ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().get(0);
        assertEquals(List.of("v1", "latest"), detail.imageTags());
        assertEquals(9L, detail.imageSizeInBytes());
        assertEquals("application/vnd.docker.container.image.v1+json", detail.artifactMediaType());
    }

    @Test
    void mutableTagsMoveImmutableTagsDoNot() {
        String repo = repository("tags");
        String first = push(repo, "latest", "one");
        String second = push(repo, "latest", "two");
        ListImagesResponse listed = ecr.listImages(b -> b.repositoryName(repo));
        assertTrue(listed.imageIds().contains(ImageIdentifier.builder().imageDigest(first).build()));
        assertTrue(listed.imageIds().contains(ImageIdentifier.builder().imageDigest(second).imageTag("latest")
                .build()));
        assertEquals(List.of(ImageIdentifier.builder().imageDigest(first).build()),
                ecr.listImages(b -> b.repositoryName(repo).filter(f -> f.tagStatus("UNTAGGED"))).imageIds());

        String frozen = unique("frozen");
        ecr.createRepository(b -> b.repositoryName(frozen).imageTagMutability("IMMUTABLE"));
        push(frozen, "v1", "three");
        assertError(ImageTagAlreadyExistsException.class, "ImageTagAlreadyExistsException", 400,
                "The image tag 'v1' already exists in the '" + frozen
                        + "' repository and cannot be overwritten because the repository is immutable.",
                () -> push(frozen, "v1", "four"));
    }

    @Test
    void batchGetAndDescribeReportMissingImages() {
        String repo = repository("get");
        String digest = push(repo, "v1", "get-me");
        BatchGetImageResponse got = ecr.batchGetImage(b -> b.repositoryName(repo).imageIds(
                ImageIdentifier.builder().imageTag("v1").build(), ImageIdentifier.builder().imageTag("v9").build(),
                ImageIdentifier.builder().imageDigest(digest).imageTag("v2").build()));
        assertEquals(digest, got.images().get(0).imageId().imageDigest());
        assertTrue(got.images().get(0).imageManifest().contains("schemaVersion"));
        assertEquals(List.of("ImageNotFound", "ImageTagDoesNotMatchDigest"),
                got.failures().stream().map(f -> f.failureCodeAsString()).toList());
        assertEquals("Requested image not found", got.failures().get(0).failureReason());
        assertError(ImageNotFoundException.class, "ImageNotFoundException", 400, null,
                () -> ecr.describeImages(b -> b.repositoryName(repo).imageIds(i -> i.imageTag("v9"))));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.listImages(b -> b.repositoryName("missing-repo")));
    }

    @Test
    void listAndDescribePaginate() {
        String repo = repository("pages");
        for (int i = 0; i < 3; i++) {
            push(repo, "t" + i, "page-" + i);
        }
        List<ImageIdentifier> ids = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            ListImagesResponse page = ecr.listImages(b -> b.repositoryName(repo).maxResults(2).nextToken(t));
            ids.addAll(page.imageIds());
            token = page.nextToken();
        } while (token != null);
        assertEquals(3, ids.size());
        var first = ecr.describeImages(b -> b.repositoryName(repo).maxResults(2));
        assertEquals(2, first.imageDetails().size());
        assertEquals(1, ecr.describeImages(b -> b.repositoryName(repo).maxResults(2).nextToken(first.nextToken()))
                .imageDetails().size());
    }

    @Test
    void deletingByTagUntagsDeletingByDigestRemoves() {
        String repo = repository("delete");
        String digest = push(repo, "a", "del");
        ecr.putImage(b -> b.repositoryName(repo).imageTag("b").imageManifest(ecr.batchGetImage(g -> g
                .repositoryName(repo).imageIds(i -> i.imageDigest(digest))).images().get(0).imageManifest()));
        BatchDeleteImageResponse untagged = ecr.batchDeleteImage(b -> b.repositoryName(repo)
                .imageIds(i -> i.imageTag("a")));
        assertEquals(List.of(ImageIdentifier.builder().imageDigest(digest).imageTag("a").build()),
                untagged.imageIds());
        assertEquals(List.of("b"), ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().get(0)
                .imageTags());
        BatchDeleteImageResponse deleted = ecr.batchDeleteImage(b -> b.repositoryName(repo).imageIds(
                i -> i.imageDigest(digest), i -> i.imageTag("zzz")));
        assertEquals(Set.of(ImageIdentifier.builder().imageDigest(digest).imageTag("b").build()),
                Set.copyOf(deleted.imageIds()));
        assertEquals("ImageNotFound", deleted.failures().get(0).failureCodeAsString());
        assertTrue(ecr.listImages(b -> b.repositoryName(repo)).imageIds().isEmpty());
    }
}
