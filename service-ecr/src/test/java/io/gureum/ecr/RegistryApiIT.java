package io.gureum.ecr;

import static io.gureum.ecr.RegistryHttp.assertRegistryError;
import static io.gureum.ecr.RegistryHttp.json;
import static io.gureum.ecr.RegistryHttp.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;

/** The Docker Registry / OCI Distribution API under /v2/, over the JDK's HttpClient, on the ECR API's store. */
class RegistryApiIT extends EcrTestSupport {

    private static RegistryHttp registry() {
        return RegistryHttp.login(gureum.endpoint(), ecr);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Pushes a config and a layer (the layer in two chunks) and a manifest under {@code tag}; returns its digest. */
    private static String pushImage(RegistryHttp r, String repo, String tag, String content) {
        byte[] config = bytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"c\":\"" + content + "\"}");
        String configDigest = r.pushBlob(repo, config);
        byte[] layer = bytes("layer of " + content);
        String layerDigest = r.pushBlob(repo, layer);
        String manifest = RegistryHttp.manifest(configDigest, config.length, layerDigest, layer.length);
        HttpResponse<byte[]> put = r.putManifest(repo, tag, Manifests.SCHEMA2, manifest);
        assertEquals(201, put.statusCode(), text(put));
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    @Test
    void theRegistryChallengesRequestsWithoutAValidToken() {
        HttpResponse<byte[]> anonymous = RegistryHttp.anonymous(gureum.endpoint()).get("/v2/");
        assertEquals(401, anonymous.statusCode());
        assertEquals("Not Authorized\n", text(anonymous));
        assertEquals("Basic realm=\"" + gureum.endpoint().getScheme() + "://" + gureum.endpoint().getAuthority()
                + "/\",service=\"ecr.amazonaws.com\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals(401, RegistryHttp.withPassword(gureum.endpoint(), "AWS", "not-a-token").get("/v2/").statusCode());
        String password = new String(java.util.Base64.getDecoder().decode(ecr.getAuthorizationToken(b -> { })
                .authorizationData().get(0).authorizationToken()), StandardCharsets.UTF_8).substring(4);
        assertEquals(401, RegistryHttp.withPassword(gureum.endpoint(), "someone", password).get("/v2/").statusCode());

        HttpResponse<byte[]> ping = RegistryHttp.withPassword(gureum.endpoint(), "AWS", password).get("/v2/");
        assertEquals(200, ping.statusCode(), text(ping));
        assertEquals("registry/2.0", ping.headers().firstValue("Docker-Distribution-API-Version").orElse(null));
    }

    @Test
    void aTokenExpiresAfterTwelveHoursOnTheGureumClock() {
        RegistryHttp r = registry();
        assertEquals(200, r.get("/v2/").statusCode());
        gureum.context().clock().advance(Duration.ofHours(11));
        assertEquals(200, r.get("/v2/").statusCode());
        gureum.context().clock().advance(Duration.ofHours(1));
        assertRegistryError(403, "DENIED", r.get("/v2/"));
        assertEquals(200, registry().get("/v2/").statusCode());
    }

    @Test
    void anImagePushedThroughTheRegistryIsPulledBackAndSeenByTheEcrApi() {
        String repo = repository("team/app");
        RegistryHttp r = registry();
        byte[] config = bytes("{\"architecture\":\"amd64\",\"os\":\"linux\"}");
        String configDigest = r.pushBlob(repo, config);

        // The layer in two chunks: POST, PATCH, PATCH, PUT ?digest=
        byte[] layer = new byte[300_000];
        new java.util.Random(7).nextBytes(layer);
        String layerDigest = Digests.sha256(layer);
        HttpResponse<byte[]> start = r.send("POST", "/v2/" + repo + "/blobs/uploads/", null);
        assertEquals(202, start.statusCode(), text(start));
        String location = start.headers().firstValue("Location").orElseThrow();
        String uuid = start.headers().firstValue("Docker-Upload-UUID").orElseThrow();
        assertEquals("/v2/" + repo + "/blobs/uploads/" + uuid, location);
        HttpResponse<byte[]> first = r.send("PATCH", location, Arrays.copyOfRange(layer, 0, 100_000),
                "Content-Range", "0-99999", "Content-Type", "application/octet-stream");
        assertEquals(202, first.statusCode(), text(first));
        assertEquals("0-99999", first.headers().firstValue("Range").orElse(null));
        HttpResponse<byte[]> second = r.send("PATCH", location, Arrays.copyOfRange(layer, 100_000, layer.length),
                "Content-Range", "100000-299999", "Content-Type", "application/octet-stream");
        assertEquals(202, second.statusCode(), text(second));
        HttpResponse<byte[]> status = r.get(location);
        assertEquals(204, status.statusCode());
        assertEquals("0-299999", status.headers().firstValue("Range").orElse(null));
        HttpResponse<byte[]> done = r.send("PUT", location + "?digest=" + layerDigest, null);
        assertEquals(201, done.statusCode(), text(done));
        assertEquals("/v2/" + repo + "/blobs/" + layerDigest, done.headers().firstValue("Location").orElse(null));
        assertEquals(layerDigest, done.headers().firstValue("Docker-Content-Digest").orElse(null));

        HttpResponse<byte[]> head = r.send("HEAD", "/v2/" + repo + "/blobs/" + layerDigest, null);
        assertEquals(200, head.statusCode());
        assertEquals("300000", head.headers().firstValue("Content-Length").orElse(null));

        String manifest = RegistryHttp.manifest(configDigest, config.length, layerDigest, layer.length);
        HttpResponse<byte[]> put = r.putManifest(repo, "v1", Manifests.SCHEMA2, manifest);
        assertEquals(201, put.statusCode(), text(put));
        String digest = Digests.sha256(bytes(manifest));
        assertEquals(digest, put.headers().firstValue("Docker-Content-Digest").orElse(null));
        assertEquals("/v2/" + repo + "/manifests/" + digest, put.headers().firstValue("Location").orElse(null));

        for (String reference : List.of("v1", digest)) {
            HttpResponse<byte[]> got = r.get("/v2/" + repo + "/manifests/" + reference, "Accept", Manifests.SCHEMA2);
            assertEquals(200, got.statusCode());
            assertEquals(manifest, text(got));
            assertEquals(Manifests.SCHEMA2, got.headers().firstValue("Content-Type").orElse(null));
            assertEquals(digest, got.headers().firstValue("Docker-Content-Digest").orElse(null));
        }
        HttpResponse<byte[]> headManifest = r.send("HEAD", "/v2/" + repo + "/manifests/v1", null);
        assertEquals(200, headManifest.statusCode());
        assertEquals(String.valueOf(manifest.length()), headManifest.headers().firstValue("Content-Length").orElse(null));
        assertEquals(0, headManifest.body().length);
        HttpResponse<byte[]> blob = r.get("/v2/" + repo + "/blobs/" + layerDigest);
        assertEquals(200, blob.statusCode());
        assertArrayEquals(layer, blob.body());

        // The ECR API sees the same image.
        ImageDetail detail = ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().get(0);
        assertEquals(digest, detail.imageDigest());
        assertEquals(List.of("v1"), detail.imageTags());
        assertEquals(300_000L, detail.imageSizeInBytes());
        assertEquals(Manifests.SCHEMA2, detail.imageManifestMediaType());
        assertEquals(manifest, ecr.batchGetImage(b -> b.repositoryName(repo).imageIds(i -> i.imageTag("v1")))
                .images().get(0).imageManifest());
        assertEquals("AVAILABLE", ecr.batchCheckLayerAvailability(b -> b.repositoryName(repo)
                .layerDigests(layerDigest)).layers().get(0).layerAvailabilityAsString());
    }

    @Test
    void aLayerOverOneMibStreamsInOnePatchWithoutContentRangeAsDockerSendsIt() {
        String repo = repository("streamed");
        RegistryHttp r = registry();
        byte[] layer = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(11).nextBytes(layer);
        String location = r.send("POST", "/v2/" + repo + "/blobs/uploads/", null).headers().firstValue("Location")
                .orElseThrow();
        HttpResponse<byte[]> patched = r.send("PATCH", location, layer, "Content-Type", "application/octet-stream");
        assertEquals(202, patched.statusCode(), text(patched));
        assertEquals("0-" + (layer.length - 1), patched.headers().firstValue("Range").orElse(null));
        String digest = Digests.sha256(layer);
        assertEquals(201, r.send("PUT", location + "?digest=" + digest, null).statusCode());
        assertArrayEquals(layer, r.get("/v2/" + repo + "/blobs/" + digest).body());
        assertEquals((long) layer.length, ecr.batchCheckLayerAvailability(b -> b.repositoryName(repo)
                .layerDigests(digest)).layers().get(0).layerSize());
    }

    @Test
    void anImagePushedThroughTheEcrApiIsPulledThroughTheRegistry() {
        String repo = repository("api-pushed");
        String digest = push(repo, "latest", "hello from the API");
        RegistryHttp r = registry();
        HttpResponse<byte[]> got = r.get("/v2/" + repo + "/manifests/latest");
        assertEquals(200, got.statusCode(), text(got));
        assertEquals(digest, got.headers().firstValue("Docker-Content-Digest").orElse(null));
        String layerDigest = json(got).path("layers").path(0).path("digest").asText();
        HttpResponse<byte[]> blob = r.get("/v2/" + repo + "/blobs/" + layerDigest);
        assertEquals(200, blob.statusCode());
        assertEquals("hello from the API", text(blob));
        assertEquals(List.of("latest"), tags(r, repo));
    }

    private static List<String> tags(RegistryHttp r, String repo) {
        List<String> tags = new ArrayList<>();
        json(r.get("/v2/" + repo + "/tags/list")).path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    @Test
    void tagsArePagedInLexicalOrderWithALinkToTheNextPage() {
        String repo = repository("paged");
        RegistryHttp r = registry();
        for (String tag : List.of("c", "a", "d", "b")) {
            pushImage(r, repo, tag, "image " + tag);
        }
        assertEquals(List.of("a", "b", "c", "d"), tags(r, repo));
        HttpResponse<byte[]> first = r.get("/v2/" + repo + "/tags/list?n=2");
        assertEquals(200, first.statusCode());
        assertEquals(repo, json(first).path("name").asText());
        assertEquals("[\"a\",\"b\"]", json(first).path("tags").toString());
        assertEquals("</v2/" + repo + "/tags/list?n=2&last=b>; rel=\"next\"",
                first.headers().firstValue("Link").orElse(null));
        HttpResponse<byte[]> second = r.get("/v2/" + repo + "/tags/list?n=2&last=b");
        assertEquals("[\"c\",\"d\"]", json(second).path("tags").toString());
        assertTrue(second.headers().firstValue("Link").isEmpty());
        assertEquals("[\"d\"]", json(r.get("/v2/" + repo + "/tags/list?last=c")).path("tags").toString());
        assertRegistryError(400, "PAGINATION_NUMBER_INVALID", r.get("/v2/" + repo + "/tags/list?n=-1"));
    }

    @Test
    void blobsAreMountedAcrossRepositoriesOnlyWithBlobMountingEnabled() {
        String source = repository("mount-from");
        String target = repository("mount-to");
        RegistryHttp r = registry();
        String digest = r.pushBlob(source, bytes("a shared layer"));
        String mountPath = "/v2/" + target + "/blobs/uploads/?mount=" + digest + "&from=" + source;

        // BLOB_MOUNTING is DISABLED by default: the registry starts an upload instead, as the specification allows.
        HttpResponse<byte[]> notMounted = r.send("POST", mountPath, null);
        assertEquals(202, notMounted.statusCode(), text(notMounted));
        assertEquals(404, r.send("HEAD", "/v2/" + target + "/blobs/" + digest, null).statusCode());

        ecr.putAccountSetting(b -> b.name("BLOB_MOUNTING").value("ENABLED"));
        try {
            HttpResponse<byte[]> mounted = r.send("POST", mountPath, null);
            assertEquals(201, mounted.statusCode(), text(mounted));
            assertEquals("/v2/" + target + "/blobs/" + digest, mounted.headers().firstValue("Location").orElse(null));
            assertEquals(digest, mounted.headers().firstValue("Docker-Content-Digest").orElse(null));
            assertEquals(200, r.send("HEAD", "/v2/" + target + "/blobs/" + digest, null).statusCode());

            // Another encryption: no mount.
            String kms = unique("kms-repo");
            ecr.createRepository(b -> b.repositoryName(kms).encryptionConfiguration(e -> e.encryptionType("KMS")));
            assertEquals(202, r.send("POST", "/v2/" + kms + "/blobs/uploads/?mount=" + digest + "&from=" + source,
                    null).statusCode());
        } finally {
            ecr.putAccountSetting(b -> b.name("BLOB_MOUNTING").value("DISABLED"));
        }
    }

    @Test
    void uploadsRefuseChunksOutOfOrderWrongDigestsAndCanBeCancelled() {
        String repo = repository("uploads");
        RegistryHttp r = registry();
        String location = r.send("POST", "/v2/" + repo + "/blobs/uploads/", null).headers().firstValue("Location")
                .orElseThrow();
        assertEquals(202, r.send("PATCH", location, bytes("0123456789"), "Content-Range", "0-9").statusCode());
        HttpResponse<byte[]> gap = r.send("PATCH", location, bytes("abc"), "Content-Range", "20-22");
        assertEquals(416, gap.statusCode(), text(gap));
        assertEquals("0-9", gap.headers().firstValue("Range").orElse(null));

        HttpResponse<byte[]> wrong = r.send("PUT", location + "?digest=" + Digests.sha256(bytes("other")), null);
        assertRegistryError(400, "DIGEST_INVALID", wrong);
        assertRegistryError(404, "BLOB_UPLOAD_UNKNOWN", r.get(location));

        String another = r.send("POST", "/v2/" + repo + "/blobs/uploads/", null).headers().firstValue("Location")
                .orElseThrow();
        assertEquals(204, r.send("DELETE", another, null).statusCode());
        assertRegistryError(404, "BLOB_UPLOAD_UNKNOWN", r.send("PATCH", another, bytes("x")));
        assertRegistryError(400, "DIGEST_INVALID",
                r.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=sha256:nothex", bytes("x")));
        // An upload belongs to its repository.
        String mine = r.send("POST", "/v2/" + repo + "/blobs/uploads/", null).headers().firstValue("Docker-Upload-UUID")
                .orElseThrow();
        String other = repository("uploads-other");
        assertRegistryError(404, "BLOB_UPLOAD_UNKNOWN", r.get("/v2/" + other + "/blobs/uploads/" + mine));
    }

    @Test
    void errorsAreAnsweredWithTheSpecificationsCodesAndEcrsRules() {
        RegistryHttp r = registry();
        String missing = unique("missing");
        assertRegistryError(404, "NAME_UNKNOWN", r.get("/v2/" + missing + "/tags/list"));
        assertRegistryError(404, "NAME_UNKNOWN", r.send("POST", "/v2/" + missing + "/blobs/uploads/", null));
        assertEquals("The repository with name '" + missing + "' does not exist in the registry with id '"
                + gureum.context().config().defaultAccount() + "'",
                json(r.get("/v2/" + missing + "/manifests/latest")).path("errors").path(0).path("message").asText());
        assertRegistryError(400, "NAME_INVALID", r.get("/v2/Upper/tags/list"));

        String repo = repository("errors");
        assertRegistryError(404, "MANIFEST_UNKNOWN", r.get("/v2/" + repo + "/manifests/latest"));
        assertRegistryError(404, "BLOB_UNKNOWN", r.get("/v2/" + repo + "/blobs/" + Digests.sha256(bytes("none"))));
        assertRegistryError(405, "UNSUPPORTED",
                r.send("DELETE", "/v2/" + repo + "/blobs/" + Digests.sha256(bytes("none")), null));
        String unknownBlobs = RegistryHttp.manifest(Digests.sha256(bytes("c")), 1, Digests.sha256(bytes("l")), 1);
        assertRegistryError(400, "MANIFEST_BLOB_UNKNOWN", r.putManifest(repo, "v1", Manifests.SCHEMA2, unknownBlobs));
        assertRegistryError(400, "MANIFEST_INVALID", r.putManifest(repo, "v1", Manifests.SCHEMA2, "not json"));
        String digest = pushImage(r, repo, "v1", "first");
        assertRegistryError(400, "DIGEST_INVALID", r.putManifest(repo, Digests.sha256(bytes("x")),
                Manifests.SCHEMA2, text(r.get("/v2/" + repo + "/manifests/v1"))));
        // The same manifest again under its tag is no change.
        assertEquals(201, r.putManifest(repo, "v1", Manifests.SCHEMA2, text(r.get("/v2/" + repo + "/manifests/v1")))
                .statusCode());

        // Deleting by tag takes the tag (the image with its last tag); by digest, the image.
        pushImage(r, repo, "v2", "second");
        assertEquals(202, r.send("DELETE", "/v2/" + repo + "/manifests/v2", null).statusCode());
        assertRegistryError(404, "MANIFEST_UNKNOWN", r.get("/v2/" + repo + "/manifests/v2"));
        assertEquals(202, r.send("DELETE", "/v2/" + repo + "/manifests/" + digest, null).statusCode());
        assertRegistryError(404, "MANIFEST_UNKNOWN", r.send("DELETE", "/v2/" + repo + "/manifests/" + digest, null));
        assertTrue(ecr.listImages(b -> b.repositoryName(repo)).imageIds().isEmpty());
    }

    @Test
    void anImmutableTagIsNotMovedByAPush() {
        String repo = unique("immutable");
        ecr.createRepository(b -> b.repositoryName(repo).imageTagMutability("IMMUTABLE"));
        RegistryHttp r = registry();
        String first = pushImage(r, repo, "release", "one");
        byte[] config = bytes("{\"os\":\"linux\",\"n\":2}");
        byte[] layer = bytes("two");
        String manifest = RegistryHttp.manifest(r.pushBlob(repo, config), config.length, r.pushBlob(repo, layer),
                layer.length);
        HttpResponse<byte[]> refused = r.putManifest(repo, "release", Manifests.SCHEMA2, manifest);
        assertRegistryError(400, "TAG_INVALID", refused);
        assertEquals("The image tag 'release' already exists in the '" + repo + "' repository and cannot be"
                + " overwritten because the repository is immutable.",
                json(refused).path("errors").path(0).path("message").asText());
        assertEquals(first, ecr.batchGetImage(b -> b.repositoryName(repo).imageIds(ImageIdentifier.builder()
                .imageTag("release").build())).images().get(0).imageId().imageDigest());
    }

    @Test
    void anOciIndexAndTheCatalogAreServed() {
        String repo = repository("oci");
        RegistryHttp r = registry();
        byte[] config = bytes("{\"os\":\"linux\"}");
        byte[] layer = bytes("oci layer");
        String configDigest = r.pushBlob(repo, config);
        String layerDigest = r.pushBlob(repo, layer);
        String oci = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + configDigest + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"size\":" + layer.length + ",\"digest\":\""
                + layerDigest + "\"}]}";
        String imageDigest = Digests.sha256(bytes(oci));
        assertEquals(201, r.putManifest(repo, imageDigest, "application/vnd.oci.image.manifest.v1+json", oci)
                .statusCode());
        String index = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"size\":"
                + oci.length() + ",\"digest\":\"" + imageDigest + "\",\"platform\":{\"architecture\":\"amd64\","
                + "\"os\":\"linux\"}}]}";
        assertEquals(201, r.putManifest(repo, "multi", "application/vnd.oci.image.index.v1+json", index)
                .statusCode());
        HttpResponse<byte[]> got = r.get("/v2/" + repo + "/manifests/multi");
        assertEquals("application/vnd.oci.image.index.v1+json", got.headers().firstValue("Content-Type").orElse(null));
        assertEquals(2, ecr.describeImages(b -> b.repositoryName(repo)).imageDetails().size());

        List<String> names = new ArrayList<>();
        json(r.get("/v2/_catalog")).path("repositories").forEach(n -> names.add(n.asText()));
        assertTrue(names.contains(repo), names.toString());
        List<String> sorted = new ArrayList<>(names);
        java.util.Collections.sort(sorted);
        assertEquals(sorted, names);
    }

    @Test
    void aHostNamingAnAccountAndRegionSelectsThatRegistry() throws Exception {
        String repo = repository("by-host");
        String token = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0).authorizationToken();
        String account = gureum.context().config().defaultAccount();
        String region = gureum.context().config().defaultRegion();
        assertEquals(200, rawGet(account + ".dkr.ecr." + region + ".localhost.localstack.cloud", token,
                "/v2/" + repo + "/tags/list"));
        // The same token for the registry of another region, where the repository does not exist.
        assertEquals(404, rawGet(account + ".dkr.ecr.eu-north-1.localhost.localstack.cloud", token,
                "/v2/" + repo + "/tags/list"));
    }

    /** A GET with a Host header of our choosing (the JDK client sets Host itself); returns the status. */
    private static int rawGet(String host, String token, String path) throws Exception {
        try (Socket s = new Socket(gureum.endpoint().getHost(), gureum.endpoint().getPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + gureum.endpoint().getPort()
                    + "\r\nAuthorization: Basic " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertFalse(status == null, "no answer");
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
