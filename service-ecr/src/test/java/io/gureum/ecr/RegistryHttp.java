package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The registry API over the JDK's HttpClient (no SDK): Basic authentication with a GetAuthorizationToken token. */
final class RegistryHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    private final URI endpoint;
    private final String authorization;

    RegistryHttp(URI endpoint, String authorization) {
        this.endpoint = endpoint;
        this.authorization = authorization;
    }

    /** A client logged in with the token the ECR API answers, as {@code docker login} is. */
    static RegistryHttp login(URI endpoint, software.amazon.awssdk.services.ecr.EcrClient ecr) {
        String token = ecr.getAuthorizationToken(b -> { }).authorizationData().get(0).authorizationToken();
        return new RegistryHttp(endpoint, "Basic " + token);
    }

    static RegistryHttp anonymous(URI endpoint) {
        return new RegistryHttp(endpoint, null);
    }

    static RegistryHttp withPassword(URI endpoint, String user, String password) {
        return new RegistryHttp(endpoint, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    HttpResponse<byte[]> send(String method, String pathAndQuery, byte[] body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** Uploads {@code blob} monolithically (POST ?digest=); returns its digest. */
    String pushBlob(String repo, byte[] blob) {
        String digest = Digests.sha256(blob);
        HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + digest, blob,
                "Content-Type", "application/octet-stream");
        assertEquals(201, r.statusCode(), text(r));
        return digest;
    }

    /** PUTs {@code manifest} under {@code reference}; returns the response. */
    HttpResponse<byte[]> putManifest(String repo, String reference, String mediaType, String manifest) {
        return send("PUT", "/v2/" + repo + "/manifests/" + reference, manifest.getBytes(StandardCharsets.UTF_8),
                "Content-Type", mediaType);
    }

    static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Asserts the distribution specification's error body: status and the first error's code. */
    static void assertRegistryError(int status, String code, HttpResponse<byte[]> r) {
        assertEquals(status, r.statusCode(), text(r));
        assertEquals(code, json(r).path("errors").path(0).path("code").asText(), text(r));
    }

    /** A Docker image manifest V2 schema 2 of {@code config} and one {@code layer}. */
    static String manifest(String configDigest, int configSize, String layerDigest, int layerSize) {
        var m = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", Manifests.SCHEMA2);
        m.putObject("config").put("mediaType", "application/vnd.docker.container.image.v1+json")
                .put("size", configSize).put("digest", configDigest);
        m.putArray("layers").addObject().put("mediaType", "application/vnd.docker.image.rootfs.diff.tar.gzip")
                .put("size", layerSize).put("digest", layerDigest);
        return m.toString();
    }
}
