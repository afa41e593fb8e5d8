package io.gureum.ecr;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** One image: its manifest as pushed, the digest of that manifest, and the tags that point at it. */
final class Image {
    final String digest;
    final String manifest;
    final String mediaType;
    final String artifactMediaType;
    final long sizeInBytes;
    final Instant pushedAt;
    final Set<String> tags = new LinkedHashSet<>();
    /** When each tag was put on this image (ECR Public's DescribeImageTags answers it); absent: its push time. */
    final java.util.Map<String, Instant> taggedAt = new java.util.HashMap<>();

    Image(String digest, String manifest, String mediaType, String artifactMediaType, long sizeInBytes,
            Instant pushedAt) {
        this.digest = digest;
        this.manifest = manifest;
        this.mediaType = mediaType;
        this.artifactMediaType = artifactMediaType;
        this.sizeInBytes = sizeInBytes;
        this.pushedAt = pushedAt;
    }
}
