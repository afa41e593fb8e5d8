package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import io.gureum.s3.store.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.*;

/**
 * S3 on the wire: buckets, objects and listings (configuration operations are in
 * {@link BucketConfigHandler}, multipart in {@link MultipartHandler}). Methods translate SDK requests to the behaviour classes and back.
 */
final class S3Handler extends MultipartHandler implements AutoCloseable {

    private final CorsRequests cors;

    S3Handler(S3Backend s3) {
        super(s3);
        this.cors = new CorsRequests(s3);
    }

    CorsRequests cors() {
        return cors;
    }

    @Override
    public String serviceName() {
        return "s3";
    }

    @Override
    public void close() {
        s3.close();
    }

    // --- buckets

    @Override
    public CreateBucketResponse createBucket(CreateBucketRequest request) {
        checkPresignExpiry();
        String constraint = request.createBucketConfiguration() == null ? null
                : request.createBucketConfiguration().locationConstraintAsString();
        Bucket b = s3.buckets.create(request.bucket(), account(), region(), constraint,
                Boolean.TRUE.equals(request.objectLockEnabledForBucket()));
        if (request.objectOwnershipAsString() != null && b.ownership == null) {
            b.ownership = OwnershipControls.builder().rules(OwnershipControlsRule.builder()
                    .objectOwnership(request.objectOwnershipAsString()).build()).build();
        }
        return CreateBucketResponse.builder().location("/" + b.name)
                .bucketArn("arn:aws:s3:::" + b.name).build();
    }

    @Override
    public HeadBucketResponse headBucket(HeadBucketRequest request) {
        Bucket b = bucket(request.bucket());
        return HeadBucketResponse.builder().bucketRegion(b.region).accessPointAlias(false).build();
    }

    @Override
    public DeleteBucketResponse deleteBucket(DeleteBucketRequest request) {
        checkPresignExpiry();
        s3.buckets.delete(request.bucket());
        return DeleteBucketResponse.builder().build();
    }

    @Override
    public ListBucketsResponse listBuckets(ListBucketsRequest request) {
        List<software.amazon.awssdk.services.s3.model.Bucket> out = new ArrayList<>();
        String after = request.continuationToken() == null ? null : Listing.fromToken(request.continuationToken());
        int max = request.maxBuckets() == null ? Integer.MAX_VALUE : request.maxBuckets();
        String next = null;
        for (Bucket b : s3.buckets.ownedBy(account())) {
            if ((request.prefix() != null && !b.name.startsWith(request.prefix()))
                    || (request.bucketRegion() != null && !request.bucketRegion().equals(b.region))
                    || (after != null && b.name.compareTo(after) <= 0)) {
                continue;
            }
            if (out.size() >= max) {
                next = Listing.token(out.get(out.size() - 1).name());
                break;
            }
            out.add(software.amazon.awssdk.services.s3.model.Bucket.builder().name(b.name).creationDate(b.created)
                    .bucketRegion(b.region).bucketArn("arn:aws:s3:::" + b.name).build());
        }
        return ListBucketsResponse.builder().buckets(out).owner(owner(account())).prefix(request.prefix())
                .continuationToken(next).build();
    }

    @Override
    public GetBucketLocationResponse getBucketLocation(GetBucketLocationRequest request) {
        Bucket b = bucket(request.bucket());
        // us-east-1 buckets answer an empty LocationConstraint.
        return GetBucketLocationResponse.builder()
                .locationConstraint("us-east-1".equals(b.region) ? null : b.region).build();
    }

    // --- objects

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody requestBody) {
        Bucket b = bucket(request.bucket());
        checkNewObject(request.key(), request.metadata());
        Objects.Attributes attrs = new Objects.Attributes(
                contentHeaders(request.contentType(), request.cacheControl(), request.contentDisposition(),
                        request.contentEncoding(), request.contentLanguage(), request.expires(),
                        request.websiteRedirectLocation()),
                request.metadata(), storageClass(request.storageClassAsString()), parseTagging(request.tagging()),
                request.objectLockModeAsString(), request.objectLockRetainUntilDate(),
                request.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON, sse(b,
                        request.serverSideEncryptionAsString()));
        Map<String, String> expected = checksums(request.checksumCRC32(), request.checksumCRC32C(),
                request.checksumSHA1(), request.checksumSHA256(), request.checksumCRC64NVME());
        StoredObject o;
        try (InputStream in = requestBody.contentStreamProvider().newStream()) {
            o = s3.objects.put(b, request.key(), in, attrs, expected,
                    Checksums.normalize(request.checksumAlgorithmAsString()), request.contentMD5(),
                    new Objects.WriteCondition(request.ifMatch(), request.ifNoneMatch()), request.contentLength());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PutObjectResponse.Builder out = PutObjectResponse.builder().eTag(o.etag).size(o.size)
                .serverSideEncryption(o.serverSideEncryption)
                .versionId(b.versioningEnabled() ? o.versionId : null);
        putChecksums(out, o, true);
        return out.build();
    }

    @Override
    public <ReturnT> ReturnT getObject(GetObjectRequest request,
            ResponseTransformer<GetObjectResponse, ReturnT> transformer) {
        Bucket b = bucket(request.bucket());
        for (int attempt = 1; ; attempt++) {
            StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
            Preconditions.check(o, request.ifMatch(), request.ifNoneMatch(), request.ifModifiedSince(),
                    request.ifUnmodifiedSince(), false);
            GetObjectResponse.Builder out = GetObjectResponse.builder();
            Archive.checkReadable(o, s3.context.clock().now());
            ByteRange range = describe(b, o, request.range(), request.partNumber(),
                    "ENABLED".equals(request.checksumModeAsString()), (SdkPojo) out);
            overrides(out, request);
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
                return transformer.transform(out.build(), AbortableInputStream.create(in));
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

    @Override
    public HeadObjectResponse headObject(HeadObjectRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        Preconditions.check(o, request.ifMatch(), request.ifNoneMatch(), request.ifModifiedSince(),
                request.ifUnmodifiedSince(), false);
        HeadObjectResponse.Builder out = HeadObjectResponse.builder();
        describe(b, o, request.range(), request.partNumber(), "ENABLED".equals(request.checksumModeAsString()),
                (SdkPojo) out);
        out.restore(Archive.header(o, s3.context.clock().now()));
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
        v.put("Metadata", o.metadata);
        v.put("ServerSideEncryption", o.serverSideEncryption);
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
        for (SdkField<?> f : builder.sdkFields()) {
            Object value = v.get(f.memberName());
            if (value != null) {
                f.set(builder, value);
            }
        }
        return range;
    }

    @Override
    public GetObjectAttributesResponse getObjectAttributes(GetObjectAttributesRequest request) {
        Bucket b = bucket(request.bucket());
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
            setChecksums((SdkPojo) c, o.checksums);
            out.checksum(c.build());
        }
        if (wanted.contains("ObjectParts") && o.partsCount() > 0) {
            int marker = request.partNumberMarker() == null ? 0 : request.partNumberMarker();
            int max = maxKeys(request.maxParts(), 1000);
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

    @Override
    public RestoreObjectResponse restoreObject(RestoreObjectRequest request) {
        Bucket b = bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        RestoreRequest r = request.restoreRequest();
        if (r == null || r.days() == null || r.days() < 1) {
            throw S3Errors.malformedXml();
        }
        String tier = r.glacierJobParameters() == null ? null : r.glacierJobParameters().tierAsString();
        synchronized (b) {
            Archive.restore(o, r.days(), tier, s3.context.clock().now());
        }
        return RestoreObjectResponse.builder().build();
    }

    @Override
    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        Bucket b = bucket(request.bucket());
        Objects.Deleted d = s3.objects.delete(b, request.key(), request.versionId(),
                bypassGovernance(request.bypassGovernanceRetention()));
        return DeleteObjectResponse.builder().deleteMarker(d.deleteMarker() ? Boolean.TRUE : null)
                .versionId(d.versionId()).build();
    }

    @Override
    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
        Bucket b = bucket(request.bucket());
        List<ObjectIdentifier> ids = request.delete() == null ? List.of() : request.delete().objects();
        if (ids.isEmpty() || ids.size() > 1000) {
            throw S3Errors.malformedXml();
        }
        boolean quiet = Boolean.TRUE.equals(request.delete().quiet());
        List<DeletedObject> deleted = new ArrayList<>();
        List<S3Error> errors = new ArrayList<>();
        for (ObjectIdentifier id : ids) {
            try {
                Objects.Deleted d = s3.objects.delete(b, id.key(), id.versionId(),
                        bypassGovernance(request.bypassGovernanceRetention()));
                if (!quiet) {
                    DeletedObject.Builder e = DeletedObject.builder().key(id.key()).versionId(id.versionId());
                    if (d.deleteMarker()) {
                        e.deleteMarker(true).deleteMarkerVersionId(d.versionId());
                    }
                    deleted.add(e.build());
                }
            } catch (io.gureum.core.error.AwsException e) {
                errors.add(S3Error.builder().key(id.key()).versionId(id.versionId()).code(e.code())
                        .message(e.getMessage()).build());
            }
        }
        return DeleteObjectsResponse.builder().deleted(deleted).errors(errors).build();
    }

    @Override
    public CopyObjectResponse copyObject(CopyObjectRequest request) {
        Bucket target = bucket(request.destinationBucket());
        @SuppressWarnings("deprecation")
        CopySource src = CopySource.parse(request.copySource());
        Bucket sourceBucket = s3.buckets.get(src.bucket());
        StoredObject source = s3.objects.resolve(sourceBucket, src.key(), src.versionId());
        Archive.checkReadable(source, s3.context.clock().now());
        Preconditions.check(source, request.copySourceIfMatch(), request.copySourceIfNoneMatch(),
                request.copySourceIfModifiedSince(), request.copySourceIfUnmodifiedSince(), true);
        boolean replace = "REPLACE".equals(request.metadataDirectiveAsString());
        boolean replaceTags = "REPLACE".equals(request.taggingDirectiveAsString());
        if (target == sourceBucket && src.key().equals(request.destinationKey()) && src.versionId() == null && !replace
                && request.storageClassAsString() == null && request.websiteRedirectLocation() == null
                && request.serverSideEncryptionAsString() == null) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to "
                    + "itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        checkNewObject(request.destinationKey(), replace ? request.metadata() : Map.of());
        Objects.Attributes attrs = new Objects.Attributes(
                replace ? contentHeaders(request.contentType(), request.cacheControl(), request.contentDisposition(),
                        request.contentEncoding(), request.contentLanguage(), request.expires(),
                        request.websiteRedirectLocation()) : source.headers,
                replace ? request.metadata() : source.metadata,
                storageClass(request.storageClassAsString()),
                replaceTags ? parseTagging(request.tagging()) : source.tags,
                request.objectLockModeAsString(), request.objectLockRetainUntilDate(),
                request.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON,
                sse(target, request.serverSideEncryptionAsString()));
        StoredObject o = s3.objects.copy(source, target, request.destinationKey(), attrs,
                Checksums.normalize(request.checksumAlgorithmAsString()),
                new Objects.WriteCondition(request.ifMatch(), request.ifNoneMatch()));
        CopyObjectResult.Builder result = CopyObjectResult.builder().eTag(o.etag).lastModified(o.lastModified);
        putChecksums((SdkPojo) result, o, true);
        return CopyObjectResponse.builder().copyObjectResult(result.build())
                .versionId(target.versioningEnabled() ? o.versionId : null)
                .copySourceVersionId(sourceBucket.versioned() ? source.versionId : null)
                .serverSideEncryption(o.serverSideEncryption).build();
    }

    // --- listings

    @Override
    public ListObjectsResponse listObjects(ListObjectsRequest request) {
        Bucket b = bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        Listing.Page page = Listing.objects(b, request.prefix(), request.delimiter(), request.marker(),
                maxKeys(request.maxKeys(), 1000));
        ListObjectsResponse.Builder out = ListObjectsResponse.builder().name(b.name)
                .prefix(enc(request.prefix() == null ? "" : request.prefix(), url))
                .delimiter(enc(request.delimiter(), url)).marker(enc(request.marker() == null ? "" : request.marker(), url))
                .maxKeys(request.maxKeys() == null ? 1000 : request.maxKeys()).isTruncated(page.truncated())
                .encodingType(request.encodingType())
                .contents(contents(page, url, true))
                .commonPrefixes(page.prefixes().stream()
                        .map(p -> CommonPrefix.builder().prefix(enc(p, url)).build()).toList());
        if (page.truncated() && request.delimiter() != null) {
            out.nextMarker(enc(page.next(), url));
        }
        return out.build();
    }

    private static List<S3Object> contents(Listing.Page page, boolean url, boolean withOwner) {
        List<S3Object> out = new ArrayList<>(page.objects().size());
        for (StoredObject o : page.objects()) {
            S3Object.Builder e = S3Object.builder().key(enc(o.key, url)).lastModified(o.lastModified).eTag(o.etag)
                    .size(o.size).storageClass(o.storageClass)
                    .checksumAlgorithmWithStrings(new ArrayList<>(o.checksums.keySet()))
                    .checksumType(o.checksums.isEmpty() ? null : o.checksumType);
            if (withOwner) {
                e.owner(owner(o.owner));
            }
            out.add(e.build());
        }
        return out;
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        Bucket b = bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        String marker = request.continuationToken() != null ? Listing.fromToken(request.continuationToken())
                : request.startAfter();
        Listing.Page page = Listing.objects(b, request.prefix(), request.delimiter(), marker,
                maxKeys(request.maxKeys(), 1000));
        return ListObjectsV2Response.builder().name(b.name)
                .prefix(enc(request.prefix() == null ? "" : request.prefix(), url))
                .delimiter(enc(request.delimiter(), url))
                .maxKeys(request.maxKeys() == null ? 1000 : request.maxKeys())
                .keyCount(page.objects().size() + page.prefixes().size())
                .isTruncated(page.truncated())
                .encodingType(request.encodingType())
                .continuationToken(request.continuationToken())
                .startAfter(enc(request.startAfter(), url))
                .nextContinuationToken(page.truncated() ? Listing.token(page.next()) : null)
                .contents(contents(page, url, Boolean.TRUE.equals(request.fetchOwner())))
                .commonPrefixes(page.prefixes().stream()
                        .map(p -> CommonPrefix.builder().prefix(enc(p, url)).build()).toList())
                .build();
    }

    @Override
    public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
        Bucket b = bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        Listing.VersionPage page = Listing.versions(b, request.prefix(), request.delimiter(), request.keyMarker(),
                request.versionIdMarker(), maxKeys(request.maxKeys(), 1000));
        List<ObjectVersion> versions = new ArrayList<>();
        List<DeleteMarkerEntry> markers = new ArrayList<>();
        for (int i = 0; i < page.versions().size(); i++) {
            StoredObject o = page.versions().get(i);
            boolean latest = page.latest().get(i);
            if (o.deleteMarker) {
                markers.add(DeleteMarkerEntry.builder().key(enc(o.key, url)).versionId(o.versionId).isLatest(latest)
                        .lastModified(o.lastModified).owner(owner(o.owner)).build());
            } else {
                versions.add(ObjectVersion.builder().key(enc(o.key, url)).versionId(o.versionId).isLatest(latest)
                        .lastModified(o.lastModified).eTag(o.etag).size(o.size).storageClass(o.storageClass)
                        .owner(owner(o.owner)).checksumAlgorithmWithStrings(new ArrayList<>(o.checksums.keySet()))
                        .checksumType(o.checksums.isEmpty() ? null : o.checksumType).build());
            }
        }
        ListObjectVersionsResponse.Builder out = ListObjectVersionsResponse.builder().name(b.name)
                .prefix(enc(request.prefix() == null ? "" : request.prefix(), url))
                .delimiter(enc(request.delimiter(), url))
                .keyMarker(enc(request.keyMarker() == null ? "" : request.keyMarker(), url))
                .versionIdMarker(request.versionIdMarker() == null ? "" : request.versionIdMarker())
                .maxKeys(request.maxKeys() == null ? 1000 : request.maxKeys())
                .isTruncated(page.truncated()).encodingType(request.encodingType())
                .versions(versions).deleteMarkers(markers)
                .commonPrefixes(page.prefixes().stream()
                        .map(p -> CommonPrefix.builder().prefix(enc(p, url)).build()).toList());
        if (page.truncated()) {
            out.nextKeyMarker(enc(page.nextKey(), url)).nextVersionIdMarker(page.nextVersionId());
        }
        return out.build();
    }
}
