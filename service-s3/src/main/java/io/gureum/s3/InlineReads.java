package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.StoredObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Which GetObject and HeadObject requests may be answered on the event loop (ADR 0018): those for a version whose
 * bytes are in memory (small objects without persistence, {@link io.gureum.s3.store.BlobStore#MEMORY_MAX}) and need
 * no KMS call to be read, addressed to a bucket by its own name. Everything else (files, SSE-KMS, access points,
 * Object Lambda, website hosts, errors such as NoSuchKey) stays on the handler pool. The check reads the same state
 * the operation reads next; a concurrent overwrite in between can at worst make one read open a small file.
 */
final class InlineReads {
    private final S3Backend s3;

    InlineReads(S3Backend s3) {
        this.s3 = s3;
    }

    boolean inMemory(AwsHttpRequest request) {
        S3Addressing.Target target = S3Addressing.target(request);
        if (target.bucket() == null || target.keySegments().isEmpty()) {
            return false;
        }
        Bucket b = s3.store.buckets.get(target.bucket());
        if (b == null) {
            return false; // an access point alias, an Object Lambda host, or no such bucket
        }
        StoredObject o = version(b, key(target.keySegments()), request.queryParameter("versionId"));
        if (o == null || o.deleteMarker) {
            return false;
        }
        io.gureum.s3.store.Encryption e = o.encryption;
        return (e == null || !e.kms()) && s3.store.blobs.inMemory(o.blobs);
    }

    private static StoredObject version(Bucket b, String key, String versionId) {
        if (versionId == null || versionId.isEmpty()) {
            return b.latest(key);
        }
        synchronized (b) {
            KeyVersions kv = b.objects.get(key);
            return kv == null ? null : kv.find(versionId);
        }
    }

    /** The key as the operation's {@code {Key+}} label decodes it: each path segment decoded, joined by '/'. */
    private static String key(List<String> segments) {
        List<String> decoded = new ArrayList<>(segments.size());
        for (String s : segments) {
            decoded.add(AwsHttpRequest.decode(s, false));
        }
        return String.join("/", decoded);
    }
}
