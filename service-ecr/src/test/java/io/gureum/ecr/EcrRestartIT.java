package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.InvalidLayerPartException;
import software.amazon.awssdk.services.ecr.model.LayerAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.UploadNotFoundException;

/** What ECR finds again after a restart on the same --data-dir: repositories, policies, images and layers. */
class EcrRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build(), List.of(new EcrService()));
    }

    @Test
    void cacheRulesAndTemplatesSurviveARestart() {
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("quay").upstreamRegistryUrl("quay.io"));
            ecr.createPullThroughCacheRule(b -> b.ecrRepositoryPrefix("gone").upstreamRegistryUrl("registry.k8s.io"));
            ecr.deletePullThroughCacheRule(b -> b.ecrRepositoryPrefix("gone"));
            ecr.createRepositoryCreationTemplate(b -> b.prefix("ROOT").appliedForWithStrings("PULL_THROUGH_CACHE"));
            ecr.updateRepositoryCreationTemplate(b -> b.prefix("ROOT").description("updated"));
            ecr.putAccountSetting(b -> b.name("BLOB_MOUNTING").value("ENABLED"));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            var rules = ecr.describePullThroughCacheRules(b -> { }).pullThroughCacheRules();
            assertEquals(List.of("quay"), rules.stream().map(r -> r.ecrRepositoryPrefix()).toList());
            assertEquals("quay.io", rules.get(0).upstreamRegistryUrl());
            var templates = ecr.describeRepositoryCreationTemplates(b -> { }).repositoryCreationTemplates();
            assertEquals(1, templates.size());
            assertEquals("updated", templates.get(0).description());
            assertEquals("ENABLED", ecr.getAccountSetting(b -> b.name("BLOB_MOUNTING")).value());
            ecr.deleteRepositoryCreationTemplate(b -> b.prefix("ROOT"));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            assertTrue(ecr.describeRepositoryCreationTemplates(b -> { }).repositoryCreationTemplates().isEmpty());
        }
    }

    @Test
    void registryScanningAndReplicationRulesSurviveARestart() {
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            ecr.putRegistryScanningConfiguration(b -> b.scanType("ENHANCED").rules(r -> r.scanFrequency("SCAN_ON_PUSH")
                    .repositoryFilters(f -> f.filter("team/*").filterType("WILDCARD"))));
            ecr.putReplicationConfiguration(b -> b.replicationConfiguration(c -> c.rules(r -> r.destinations(
                    d -> d.region("eu-west-1").registryId(g.context().config().defaultAccount())))));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            var scanning = ecr.getRegistryScanningConfiguration(b -> { }).scanningConfiguration();
            assertEquals("ENHANCED", scanning.scanTypeAsString());
            assertEquals("SCAN_ON_PUSH", scanning.rules().get(0).scanFrequencyAsString());
            assertEquals("team/*", scanning.rules().get(0).repositoryFilters().get(0).filter());
            var replication = ecr.describeRegistry(b -> { }).replicationConfiguration().rules();
            assertEquals(1, replication.size());
            assertEquals("eu-west-1", replication.get(0).destinations().get(0).region());
            // Back to the defaults: nothing of the old rules comes back after the next restart.
            ecr.putReplicationConfiguration(b -> b.replicationConfiguration(c -> c.rules(List.of())));
            ecr.putRegistryScanningConfiguration(b -> b.scanType("BASIC"));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            assertTrue(ecr.describeRegistry(b -> { }).replicationConfiguration().rules().isEmpty());
            var scanning = ecr.getRegistryScanningConfiguration(b -> { }).scanningConfiguration();
            assertEquals("BASIC", scanning.scanTypeAsString());
            assertTrue(scanning.rules().isEmpty());
        }
    }

    @Test
    void registrySurvivesARestart() {
        String digest;
        String manifest;
        Repository created;
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            created = ecr.createRepository(b -> b.repositoryName("team/app").imageTagMutability("IMMUTABLE")
                    .tags(Tag.builder().key("team").value("a").build())).repository();
            ecr.setRepositoryPolicy(b -> b.repositoryName("team/app").policyText(PoliciesIT.POLICY));
            ecr.putRegistryPolicy(b -> b.policyText(PoliciesIT.POLICY));
            byte[] bytes = "layer-bytes".getBytes(StandardCharsets.UTF_8);
            String id = ecr.initiateLayerUpload(b -> b.repositoryName("team/app")).uploadId();
            ecr.uploadLayerPart(b -> b.repositoryName("team/app").uploadId(id).partFirstByte(0L)
                    .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
            String layer = ecr.completeLayerUpload(b -> b.repositoryName("team/app").uploadId(id)
                    .layerDigests(Digests.sha256(bytes))).layerDigest();
            manifest = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                    + "\"layers\":[{\"digest\":\"" + layer + "\",\"size\":11}]}";
            digest = ecr.putImage(b -> b.repositoryName("team/app").imageManifest(manifest).imageTag("v1")).image()
                    .imageId().imageDigest();
            ecr.createRepository(b -> b.repositoryName("gone"));
            ecr.deleteRepository(b -> b.repositoryName("gone"));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            Repository repo = ecr.describeRepositories(b -> b.repositoryNames("team/app")).repositories().get(0);
            assertEquals(created, repo);
            assertEquals(PoliciesIT.POLICY, ecr.getRepositoryPolicy(b -> b.repositoryName("team/app")).policyText());
            assertEquals(PoliciesIT.POLICY, ecr.getRegistryPolicy(b -> { }).policyText());
            assertEquals("a", ecr.listTagsForResource(b -> b.resourceArn(repo.repositoryArn())).tags().get(0).value());
            ImageDetail image = ecr.describeImages(b -> b.repositoryName("team/app")).imageDetails().get(0);
            assertEquals(digest, image.imageDigest());
            assertEquals(List.of("v1"), image.imageTags());
            assertEquals(manifest, ecr.batchGetImage(b -> b.repositoryName("team/app").imageIds(i -> i.imageTag("v1")))
                    .images().get(0).imageManifest());
            String layer = ecr.batchCheckLayerAvailability(b -> b
                    .repositoryName("team/app").layerDigests(Digests.sha256("layer-bytes".getBytes(
                            StandardCharsets.UTF_8)))).layers().get(0).layerDigest();
            assertTrue(ecr.getDownloadUrlForLayer(b -> b.repositoryName("team/app").layerDigest(layer)).downloadUrl()
                    .endsWith(layer));
            assertThrows(LayerAlreadyExistsException.class, () -> {
                byte[] bytes = "layer-bytes".getBytes(StandardCharsets.UTF_8);
                String id = ecr.initiateLayerUpload(b -> b.repositoryName("team/app")).uploadId();
                ecr.uploadLayerPart(b -> b.repositoryName("team/app").uploadId(id).partFirstByte(0L)
                        .partLastByte((long) bytes.length - 1).layerPartBlob(SdkBytes.fromByteArray(bytes)));
                ecr.completeLayerUpload(b -> b.repositoryName("team/app").uploadId(id).layerDigests(layer));
            });
            assertThrows(RepositoryNotFoundException.class,
                    () -> ecr.describeRepositories(b -> b.repositoryNames("gone")));
            ecr.batchDeleteImage(b -> b.repositoryName("team/app").imageIds(i -> i.imageDigest(digest)));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            assertTrue(ecr.listImages(b -> b.repositoryName("team/app")).imageIds().isEmpty(), "the delete was kept");
        }
    }

    @Test
    void aLayerUploadInProgressSurvivesARestart() {
        byte[] first = "first-part-".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second-part".getBytes(StandardCharsets.UTF_8);
        byte[] third = "-third".getBytes(StandardCharsets.UTF_8);
        String id;
        String completed;
        String dropped;
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            ecr.createRepository(b -> b.repositoryName("up"));
            ecr.createRepository(b -> b.repositoryName("doomed"));
            id = ecr.initiateLayerUpload(b -> b.repositoryName("up")).uploadId();
            ecr.uploadLayerPart(b -> b.repositoryName("up").uploadId(id).partFirstByte(0L)
                    .partLastByte((long) first.length - 1).layerPartBlob(SdkBytes.fromByteArray(first)));
            ecr.uploadLayerPart(b -> b.repositoryName("up").uploadId(id).partFirstByte((long) first.length)
                    .partLastByte((long) first.length + second.length - 1).layerPartBlob(SdkBytes.fromByteArray(second)));
            // An upload completed before the restart is gone with it; one whose repository was deleted too.
            completed = ecr.initiateLayerUpload(b -> b.repositoryName("up")).uploadId();
            ecr.uploadLayerPart(b -> b.repositoryName("up").uploadId(completed).partFirstByte(0L)
                    .partLastByte((long) third.length - 1).layerPartBlob(SdkBytes.fromByteArray(third)));
            ecr.completeLayerUpload(b -> b.repositoryName("up").uploadId(completed)
                    .layerDigests(Digests.sha256(third)));
            dropped = ecr.initiateLayerUpload(b -> b.repositoryName("doomed")).uploadId();
            ecr.deleteRepository(b -> b.repositoryName("doomed").force(true));
            ecr.createRepository(b -> b.repositoryName("doomed"));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            // The bytes received are kept: a part must go on from the last byte received before the restart.
            InvalidLayerPartException gap = assertThrows(InvalidLayerPartException.class,
                    () -> ecr.uploadLayerPart(b -> b.repositoryName("up").uploadId(id).partFirstByte(0L)
                            .partLastByte((long) third.length - 1).layerPartBlob(SdkBytes.fromByteArray(third))));
            assertEquals(400, gap.statusCode());
            assertEquals((long) first.length + second.length - 1, gap.lastValidByteReceived());
            long at = first.length + second.length;
            assertEquals(at + third.length - 1, ecr.uploadLayerPart(b -> b.repositoryName("up").uploadId(id)
                    .partFirstByte(at).partLastByte(at + third.length - 1)
                    .layerPartBlob(SdkBytes.fromByteArray(third))).lastByteReceived());
            UploadNotFoundException done = assertThrows(UploadNotFoundException.class,
                    () -> ecr.completeLayerUpload(b -> b.repositoryName("up").uploadId(completed)
                            .layerDigests(Digests.sha256(third))));
            assertEquals(400, done.statusCode());
            assertThrows(UploadNotFoundException.class, () -> ecr.uploadLayerPart(b -> b.repositoryName("doomed")
                    .uploadId(dropped).partFirstByte(0L).partLastByte(0L).layerPartBlob(SdkBytes.fromUtf8String("x"))));
        }
        byte[] whole = (new String(first, StandardCharsets.UTF_8) + new String(second, StandardCharsets.UTF_8)
                + new String(third, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            // The part sent after the first restart was recorded too: the three parts complete the layer.
            String digest = ecr.completeLayerUpload(b -> b.repositoryName("up").uploadId(id)
                    .layerDigests(Digests.sha256(whole))).layerDigest();
            assertEquals(Digests.sha256(whole), digest);
            assertEquals((long) whole.length, ecr.batchCheckLayerAvailability(b -> b.repositoryName("up")
                    .layerDigests(digest)).layers().get(0).layerSize());
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            assertThrows(UploadNotFoundException.class, () -> ecr.completeLayerUpload(b -> b.repositoryName("up")
                    .uploadId(id).layerDigests(Digests.sha256(whole))), "its completion was recorded");
            assertEquals(1, ecr.batchCheckLayerAvailability(b -> b.repositoryName("up")
                    .layerDigests(Digests.sha256(whole))).layers().size());
        }
    }

    @Test
    void anImagePushedThroughTheRegistryAndTheLoginSurviveARestart() {
        String token;
        String digest;
        byte[] layer = "registry layer".getBytes(StandardCharsets.UTF_8);
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            ecr.createRepository(b -> b.repositoryName("pushed/app"));
            token = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0).authorizationToken();
            RegistryHttp r = new RegistryHttp(g.endpoint(), "Basic " + token);
            byte[] config = "{\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
            String manifest = RegistryHttp.manifest(r.pushBlob("pushed/app", config), config.length,
                    r.pushBlob("pushed/app", layer), layer.length);
            var put = r.putManifest("pushed/app", "v1", Manifests.SCHEMA2, manifest);
            assertEquals(201, put.statusCode(), RegistryHttp.text(put));
            digest = put.headers().firstValue("Docker-Content-Digest").orElseThrow();
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            // The same login (docker keeps it in its config) still works: the token is kept until it expires.
            RegistryHttp r = new RegistryHttp(g.endpoint(), "Basic " + token);
            var got = r.get("/v2/pushed/app/manifests/v1");
            assertEquals(200, got.statusCode(), RegistryHttp.text(got));
            assertEquals(digest, got.headers().firstValue("Docker-Content-Digest").orElse(null));
            String layerDigest = RegistryHttp.json(got).path("layers").path(0).path("digest").asText();
            assertEquals("registry layer", RegistryHttp.text(r.get("/v2/pushed/app/blobs/" + layerDigest)));
            assertEquals(List.of("v1"), ecr.describeImages(b -> b.repositoryName("pushed/app")).imageDetails().get(0)
                    .imageTags());
            g.context().clock().advance(java.time.Duration.ofHours(12));
            assertEquals(403, r.get("/v2/").statusCode());
        }
    }

    /**
     * Layer bytes are files of the data directory, one per digest however many repositories hold it (never whole
     * in the heap or in a journal record); a layer no repository holds is removed at the next start, and so is an
     * unfinished registry upload.
     */
    @Test
    void layersAreFilesOncePerDigestAndGoWhenNoRepositoryHoldsThem() throws Exception {
        byte[] layer = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(11).nextBytes(layer);
        String digest = Digests.sha256(layer);
        Path file = dataDir.resolve("ecr").resolve("layers").resolve(digest.substring("sha256:".length()));
        Path uploads = dataDir.resolve("ecr").resolve("layers").resolve("uploads");
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            ecr.createRepository(b -> b.repositoryName("one"));
            ecr.createRepository(b -> b.repositoryName("two"));
            String token = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0).authorizationToken();
            RegistryHttp r = new RegistryHttp(g.endpoint(), "Basic " + token);
            assertEquals(digest, r.pushBlob("one", layer));
            assertEquals(digest, r.pushBlob("two", layer));
            assertEquals(layer.length, java.nio.file.Files.size(file));
            assertEquals(List.of(file), listLayerFiles());
            var started = r.send("POST", "/v2/one/blobs/uploads/", null);
            assertEquals(202, started.statusCode());
            r.send("PATCH", started.headers().firstValue("Location").orElseThrow(), new byte[1000],
                    "Content-Type", "application/octet-stream");
            ecr.deleteRepository(b -> b.repositoryName("one").force(true));
        }
        try (Gureum g = start(); EcrClient ecr = AwsClients.client(EcrClient.builder(), g)) {
            String token = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0).authorizationToken();
            RegistryHttp r = new RegistryHttp(g.endpoint(), "Basic " + token);
            var got = r.get("/v2/two/blobs/" + digest);
            assertEquals(200, got.statusCode());
            assertEquals(digest, Digests.sha256(got.body()));
            try (var left = java.nio.file.Files.list(uploads)) {
                assertEquals(0, left.count(), "an unfinished registry upload is not kept across a restart");
            }
            ecr.deleteRepository(b -> b.repositoryName("two").force(true));
        }
        try (Gureum g = start()) {
            assertEquals(List.of(), listLayerFiles(), "no repository holds the layer any more");
        }
    }

    private List<Path> listLayerFiles() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dataDir.resolve("ecr").resolve("layers"))) {
            return files.filter(java.nio.file.Files::isRegularFile).toList();
        }
    }
}
