package io.gureum.s3;

import io.gureum.core.ids.ResourceIds;
import io.gureum.s3.store.Blob;
import io.gureum.s3.store.BlobStore;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.S3Store;
import io.gureum.s3.store.StoredObject;
import io.gureum.s3.store.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multipart uploads: parts are files of their own and the completed object streams them back to back
 * (no copy). The ETag is the MD5 of the parts' MD5s with {@code -N}; every part but the last must be at
 * least 5 MiB. https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
 */
public final class Multipart {
    static final long MIN_PART = 5L * 1024 * 1024;

    private final S3Store store;
    private final Objects objects;
    private final ResourceIds ids;
    private final Notifications notifications;

    public Multipart(S3Store store, Objects objects, ResourceIds ids, Notifications notifications) {
        this.store = store;
        this.objects = objects;
        this.ids = ids;
        this.notifications = notifications;
    }

    public Upload create(Bucket b, String key, Objects.Attributes attrs, String checksumAlgorithm,
            String checksumType) {
        if (attrs.lockMode() != null || attrs.legalHold()) {
            ObjectLock.requireEnabled(b);
        }
        String type = checksumAlgorithm == null ? null
                : checksumType != null ? checksumType : "CRC64NVME".equals(checksumAlgorithm) ? "FULL_OBJECT"
                        : "COMPOSITE";
        Upload u = new Upload(ids.hex(64), key, objects.now(), Objects.currentAccount(), attrs.headers(),
                attrs.metadata(), attrs.storageClass(), attrs.tags(), checksumAlgorithm, type, attrs.lockMode(),
                attrs.retainUntil(), attrs.legalHold(), attrs.sse());
        b.uploads.put(u.uploadId, u);
        return u;
    }

    public Upload get(Bucket b, String uploadId, String key) {
        Upload u = uploadId == null ? null : b.uploads.get(uploadId);
        if (u == null || (key != null && !u.key.equals(key))) {
            throw S3Errors.noSuchUpload();
        }
        return u;
    }

    static void checkPartNumber(Integer n) {
        if (n == null || n < 1 || n > 10000) {
            throw S3Errors.invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber",
                    n == null ? null : n.toString());
        }
    }

    public Upload.Part uploadPart(Bucket b, String uploadId, String key, int number, InputStream body,
            Map<String, String> expected, String contentMd5, Long declaredLength) {
        checkPartNumber(number);
        Upload u = get(b, uploadId, key);
        Set<String> algorithms = new java.util.LinkedHashSet<>(expected.keySet());
        if (u.checksumAlgorithm != null) {
            algorithms.add(u.checksumAlgorithm);
        }
        BlobStore.Written w;
        try {
            w = store.blobs.write(body, algorithms);
        } catch (IOException e) {
            throw S3Errors.incompleteBody(); // the client went away or sent less than it announced
        }
        objects.checkLength(w, declaredLength);
        Map<String, String> sums = objects.verify(w, expected, contentMd5);
        return addPart(b, u, number, w, sums);
    }

    public Upload.Part uploadPartCopy(Bucket b, String uploadId, String key, int number, StoredObject source,
            ByteRange range) {
        checkPartNumber(number);
        Upload u = get(b, uploadId, key);
        long first = range == null ? 0 : range.first();
        long length = range == null ? source.size : range.length();
        BlobStore.Written w;
        try {
            w = store.blobs.copy(source.blobs, first, length,
                    u.checksumAlgorithm == null ? List.of() : List.of(u.checksumAlgorithm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        w.checksums().forEach((alg, raw) -> sums.put(alg, Checksums.base64(raw)));
        return addPart(b, u, number, w, sums);
    }

    private Upload.Part addPart(Bucket b, Upload u, int number, BlobStore.Written w, Map<String, String> sums) {
        Upload.Part part = new Upload.Part(number, w.blob(), '"' + HexFormat.of().formatHex(w.md5()) + '"', w.md5(),
                objects.now(), sums);
        Upload.Part old = u.parts.put(number, part);
        if (old != null) {
            store.blobs.delete(List.of(old.blob()));
        }
        if (b.uploads.get(u.uploadId) != u) { // aborted meanwhile
            store.blobs.delete(List.of(w.blob()));
            throw S3Errors.noSuchUpload();
        }
        return part;
    }

    /** A part as CompleteMultipartUpload names it. */
    public record Named(Integer number, String etag, Map<String, String> checksums) {
    }

    public StoredObject complete(Bucket b, String uploadId, String key, List<Named> named,
            Objects.WriteCondition condition) {
        Upload u = get(b, uploadId, key);
        if (named.isEmpty()) {
            throw S3Errors.malformedXml();
        }
        List<Upload.Part> chosen = new ArrayList<>();
        int previous = 0;
        for (Named n : named) {
            if (n.number() == null || n.number() <= previous) {
                throw S3Errors.invalidPartOrder();
            }
            previous = n.number();
            Upload.Part p = u.parts.get(n.number());
            if (p == null || n.etag() == null
                    || !Preconditions.unquote(n.etag().trim()).equals(Preconditions.unquote(p.etag()))) {
                throw ErrorDetails.add(S3Errors.invalidPart(), "UploadId", u.uploadId, "PartNumber",
                        String.valueOf(n.number()), "ETag", n.etag());
            }
            for (Map.Entry<String, String> c : n.checksums().entrySet()) {
                if (!c.getValue().equals(p.checksums().get(c.getKey()))) {
                    throw S3Errors.invalidPart();
                }
            }
            chosen.add(p);
        }
        for (int i = 0; i < chosen.size() - 1; i++) {
            if (chosen.get(i).blob().size() < MIN_PART) {
                throw ErrorDetails.add(S3Errors.entityTooSmall(), "ProposedSize",
                        Long.toString(chosen.get(i).blob().size()), "MinSizeAllowed", Long.toString(MIN_PART));
            }
        }
        var md5 = Checksums.md("MD5");
        List<Blob> blobs = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<String> partSums = new ArrayList<>();
        long size = 0;
        for (Upload.Part p : chosen) {
            md5.update(p.md5());
            blobs.add(p.blob());
            sizes.add(p.blob().size());
            size += p.blob().size();
            if (u.checksumAlgorithm != null) {
                partSums.add(p.checksums().get(u.checksumAlgorithm));
            }
        }
        String etag = '"' + HexFormat.of().formatHex(md5.digest()) + "-" + chosen.size() + '"';
        Map<String, String> sums = new LinkedHashMap<>();
        if (u.checksumAlgorithm != null && !partSums.contains(null)) {
            if ("FULL_OBJECT".equals(u.checksumType)) {
                sums.put(u.checksumAlgorithm, fullChecksum(u.checksumAlgorithm, blobs, size));
            } else {
                sums.put(u.checksumAlgorithm, Checksums.composite(u.checksumAlgorithm, partSums));
            }
        }
        StoredObject o = new StoredObject(u.key, objects.newVersionId(b), false, blobs, size, etag, objects.now(),
                Objects.ownerOf(b, u.owner), u.headers, u.metadata, sums, sums.isEmpty() ? null : u.checksumType,
                sizes, u.storageClass, u.tags, u.encryption);
        objects.applyLock(b, o, new Objects.Attributes(u.headers, u.metadata, u.storageClass, u.tags,
                u.objectLockMode, u.retainUntil, u.legalHold, u.encryption));
        if (b.uploads.remove(uploadId) != u) {
            throw S3Errors.noSuchUpload();
        }
        try {
            objects.commit(b, o, condition);
        } finally {
            List<Blob> unused = new ArrayList<>();
            for (Upload.Part p : u.parts.values()) {
                if (!chosen.contains(p)) {
                    unused.add(p.blob());
                }
            }
            store.blobs.delete(unused);
        }
        notifications.emit(b, "ObjectCreated:CompleteMultipartUpload", o);
        return o;
    }

    private String fullChecksum(String algorithm, List<Blob> blobs, long size) {
        Checksums.Hasher h = Checksums.hasher(algorithm);
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = store.blobs.open(blobs, 0, size)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                h.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Checksums.base64(h.digest());
    }

    public void abort(Bucket b, String uploadId, String key) {
        Upload u = get(b, uploadId, key);
        if (b.uploads.remove(uploadId, u)) {
            List<Blob> blobs = new ArrayList<>();
            u.parts.values().forEach(p -> blobs.add(p.blob()));
            store.blobs.delete(blobs);
        }
    }
}
