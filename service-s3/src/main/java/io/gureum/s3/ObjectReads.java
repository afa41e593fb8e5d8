package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.Checksum;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesParts;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesRequest;
import software.amazon.awssdk.services.s3.model.GetObjectAttributesResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectPart;

/**
 * Provider of the object reads: GetObject, HeadObject and GetObjectAttributes. GetObject streams the
 * version's bytes to the caller's {@link ResponseTransformer}: over HTTP core's, in-process the
 * calling service's (Lambda reading a deployment package).
 */
final class ObjectReads {
    private final S3Backend s3;
    private final BucketAccess access;

    ObjectReads(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public <ReturnT> ReturnT getObject(GetObjectRequest request,
            ResponseTransformer<GetObjectResponse, ReturnT> transformer) {
        Bucket b = access.bucket(request.bucket());
        for (int attempt = 1; ; attempt++) {
            StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
            Preconditions.check(o, request.ifMatch(), request.ifNoneMatch(), request.ifModifiedSince(),
                    request.ifUnmodifiedSince(), false);
            GetObjectResponse.Builder out = GetObjectResponse.builder();
            Archive.checkReadable(o, s3.context.clock().now());
            s3.kms.checkReadable(b, o);
            ByteRange range = describe(b, o, request.range(), request.partNumber(),
                    "ENABLED".equals(request.checksumModeAsString()), (SdkPojo) out);
            overrides(out, request);
            out.expiration(Lifecycle.expirationHeader(b, o));
            long offset = range == null ? 0 : range.first();
            long length = range == null ? o.size : range.length();
            InputStream in;
            try {
                in = s3.objects.open(o, offset, length);
            } catch (UncheckedIOException e) {
                // Overwritten (and its file deleted) between resolve and open: read the new version.
                if (attempt < 3 && e.getCause() instanceof java.nio.file.NoSuchFileException) {
                    continue;
                }
                throw e;
            }
            try {
                ReturnT result = transformer.transform(out.build(), AbortableInputStream.create(in));
                if (Requests.inProcess() && !transformer.needsConnectionLeftOpen()) {
                    // As an SDK client does: the stream is done once the transformer returns, unless the
                    // transformer keeps it (toInputStream). Over HTTP core streams it to the socket afterwards.
                    closeQuietly(in);
                }
                return result;
            } catch (RuntimeException e) {
                closeQuietly(in);
                throw e;
            } catch (Exception e) {
                closeQuietly(in);
                throw new IllegalStateException(e);
            }
        }
    }

    private static void overrides(GetObjectResponse.Builder out, GetObjectRequest r) {
        if (r.responseContentType() != null) {
            out.contentType(r.responseContentType());
        }
        if (r.responseContentDisposition() != null) {
            out.contentDisposition(r.responseContentDisposition());
        }
        if (r.responseContentEncoding() != null) {
            out.contentEncoding(r.responseContentEncoding());
        }
        if (r.responseContentLanguage() != null) {
            out.contentLanguage(r.responseContentLanguage());
        }
        if (r.responseCacheControl() != null) {
            out.cacheControl(r.responseCacheControl());
        }
        if (r.responseExpires() != null) {
            out.expires(r.responseExpires());
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    public HeadObjectResponse headObject(HeadObjectRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        Preconditions.check(o, request.ifMatch(), request.ifNoneMatch(), request.ifModifiedSince(),
                request.ifUnmodifiedSince(), false);
        // HEAD returns metadata and needs KMS only to return checksums of an SSE-KMS object
        // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html, "Permissions").
        if ("ENABLED".equals(request.checksumModeAsString())) {
            s3.kms.checkReadable(b, o);
        }
        HeadObjectResponse.Builder out = HeadObjectResponse.builder();
        describe(b, o, request.range(), request.partNumber(), "ENABLED".equals(request.checksumModeAsString()),
                (SdkPojo) out);
        out.restore(Archive.header(o, s3.context.clock().now()));
        out.expiration(Lifecycle.expirationHeader(b, o));
        return out.build();
    }

    /**
     * Fills the headers GET and HEAD share (by member name, so one method serves both builders) and
     * returns the byte range to serve (null: all).
     */
    private static ByteRange describe(Bucket b, StoredObject o, String rangeHeader, Integer partNumber,
            boolean checksumMode, SdkPojo builder) {
        ByteRange range;
        if (partNumber != null) {
            if (partNumber < 1 || partNumber > Math.max(1, o.partsCount())) {
                throw S3Errors.invalidPartNumber();
            }
            long first = 0;
            for (int i = 0; i < partNumber - 1; i++) {
                first += o.partSizes.get(i);
            }
            long size = o.partsCount() == 0 ? o.size : o.partSizes.get(partNumber - 1);
            range = size == 0 ? null : new ByteRange(first, first + size - 1);
        } else {
            range = ByteRange.parse(rangeHeader, o.size);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("AcceptRanges", "bytes");
        v.put("LastModified", o.lastModified);
        v.put("ContentLength", range == null ? o.size : range.length());
        v.put("ETag", o.etag);
        if (range != null) {
            v.put("ContentRange", range.contentRange(o.size));
        }
        if (partNumber != null || o.partsCount() > 0 && partNumber != null) {
            v.put("PartsCount", Math.max(1, o.partsCount()));
        }
        if (b.versioned()) {
            v.put("VersionId", o.versionId);
        }
        v.put("ContentType", o.headers.contentType());
        v.put("CacheControl", o.headers.cacheControl());
        v.put("ContentDisposition", o.headers.contentDisposition());
        v.put("ContentEncoding", o.headers.contentEncoding());
        v.put("ContentLanguage", o.headers.contentLanguage());
        v.put("Expires", o.headers.expires());
        v.put("WebsiteRedirectLocation", o.headers.websiteRedirectLocation());
        v.put("ReplicationStatus", o.replicationStatus);
        v.put("Metadata", o.metadata);
        v.put("ServerSideEncryption", o.serverSideEncryption);
        v.put("SSEKMSKeyId", SseFields.keyArn(o.encryption));
        v.put("BucketKeyEnabled", SseFields.bucketKey(o.encryption));
        if (!"STANDARD".equals(o.storageClass)) {
            v.put("StorageClass", o.storageClass);
        }
        if (!o.tags.isEmpty()) {
            v.put("TagCount", o.tags.size());
        }
        if (o.retentionMode != null) {
            v.put("ObjectLockMode", o.retentionMode);
            v.put("ObjectLockRetainUntilDate", o.retainUntil);
        }
        if (b.objectLockEnabled) {
            v.put("ObjectLockLegalHoldStatus", o.legalHold ? "ON" : "OFF");
        }
        // Checksums describe the whole object (or, for a part, that part): not a byte range.
        if (checksumMode && (range == null || partNumber != null && o.partsCount() <= 1)) {
            o.checksums.forEach((alg, sum) -> v.put("Checksum" + alg, sum));
            if (o.checksumType != null && !o.checksums.isEmpty()) {
                v.put("ChecksumType", o.checksumType);
            }
        }
        // Only the members set above, each found by name (the builders have 50-60 members to walk through).
        Map<String, SdkField<?>> fields = fieldsByName(builder);
        for (Map.Entry<String, Object> e : v.entrySet()) {
            SdkField<?> f = e.getValue() == null ? null : fields.get(e.getKey());
            if (f != null) {
                f.set(builder, e.getValue());
            }
        }
        return range;
    }

    /** The members of the GET and HEAD response builders by name, indexed once per class. */
    private static final Map<Class<?>, Map<String, SdkField<?>>> FIELDS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Map<String, SdkField<?>> fieldsByName(SdkPojo builder) {
        return FIELDS.computeIfAbsent(builder.getClass(), c -> {
            Map<String, SdkField<?>> out = new java.util.HashMap<>();
            for (SdkField<?> f : builder.sdkFields()) {
                out.put(f.memberName(), f);
            }
            return Map.copyOf(out);
        });
    }

    public GetObjectAttributesResponse getObjectAttributes(GetObjectAttributesRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        List<String> wanted = request.objectAttributesAsStrings();
        if (wanted.isEmpty()) {
            throw S3Errors.invalidArgument("Invalid attribute name specified.");
        }
        // Unlike GET and HEAD, GetObjectAttributes answers the ETag without quotes.
        GetObjectAttributesResponse.Builder out = GetObjectAttributesResponse.builder().lastModified(o.lastModified)
                .versionId(b.versioned() ? o.versionId : null);
        if (wanted.contains("ETag")) {
            out.eTag(Preconditions.unquote(o.etag));
        }
        if (wanted.contains("ObjectSize")) {
            out.objectSize(o.size);
        }
        if (wanted.contains("StorageClass")) {
            out.storageClass(o.storageClass);
        }
        if (wanted.contains("Checksum") && !o.checksums.isEmpty()) {
            Checksum.Builder c = Checksum.builder().checksumType(o.checksumType);
            ChecksumFields.set((SdkPojo) c, o.checksums);
            out.checksum(c.build());
        }
        if (wanted.contains("ObjectParts") && o.partsCount() > 0) {
            int marker = request.partNumberMarker() == null ? 0 : request.partNumberMarker();
            int max = Paging.maxKeys(request.maxParts(), 1000);
            List<ObjectPart> parts = new ArrayList<>();
            for (int n = marker + 1; n <= o.partsCount() && parts.size() < max; n++) {
                parts.add(ObjectPart.builder().partNumber(n).size(o.partSizes.get(n - 1)).build());
            }
            int last = parts.isEmpty() ? marker : parts.get(parts.size() - 1).partNumber();
            out.objectParts(GetObjectAttributesParts.builder().totalPartsCount(o.partsCount())
                    .partNumberMarker(marker).nextPartNumberMarker(last).maxParts(max)
                    .isTruncated(last < o.partsCount()).parts(parts).build());
        }
        return out.build();
    }
}
