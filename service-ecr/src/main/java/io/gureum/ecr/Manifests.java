package io.gureum.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What ECR reads in an image manifest it is given (Docker image manifest V2 schema 2, OCI image manifest, and
 * their lists/indexes): the blobs and images it references, its media type and the image's size (the sum of its
 * layers, as DescribeImages reports it).
 */
record Manifests(String mediaType, String artifactMediaType, List<String> blobs, List<String> images, long size) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    static final String SCHEMA2 = "application/vnd.docker.distribution.manifest.v2+json";

    /** Reads {@code text}; InvalidParameterException when it is not a JSON object. */
    static Manifests read(String text, String givenMediaType) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (java.io.IOException e) {
            m = null;
        }
        if (m == null || !m.isObject()) {
            throw EcrErrors.constraint("ImageManifest", "Invalid JSON syntax");
        }
        String mediaType = givenMediaType != null ? givenMediaType
                : m.hasNonNull("mediaType") ? m.get("mediaType").asText()
                : m.path("schemaVersion").asInt() == 1 ? SCHEMA1 : SCHEMA2;
        List<String> blobs = new ArrayList<>();
        List<String> images = new ArrayList<>();
        long size = 0;
        String artifact = null;
        if (m.has("config")) {
            blobs.add(m.path("config").path("digest").asText());
            artifact = m.path("config").path("mediaType").asText(null);
        }
        for (JsonNode layer : m.path("layers")) {
            blobs.add(layer.path("digest").asText());
            size += layer.path("size").asLong();
        }
        for (JsonNode layer : m.path("fsLayers")) {
            blobs.add(layer.path("blobSum").asText());
        }
        for (JsonNode image : m.path("manifests")) {
            images.add(image.path("digest").asText());
        }
        return new Manifests(mediaType, artifact, blobs, images, size);
    }
}
