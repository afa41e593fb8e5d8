package io.gureum.s3;

import io.gureum.s3.access.Acls;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyOrder;
import io.gureum.s3.store.StoredObject;
import io.gureum.s3.store.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.*;

/** Provider of the multipart upload operations; behaviour is in {@link Multipart}. */
final class MultipartOperations {
    private final S3Backend s3;
    private final BucketAccess access;

    MultipartOperations(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
        Bucket b = access.bucket(request.bucket());
        NewObjects.check(request.key(), request.metadata());
        AccessControlPolicy acl = AclRequests.forObject(access.block(b, request.bucket()), b, AclRequests.objectOwner(b, Requests.account(),
                request.aclAsString()), request.aclAsString(), new Acls.GrantHeaders(request.grantFullControl(),
                        request.grantRead(), request.grantReadACP(), null, request.grantWriteACP()), null);
        Objects.Attributes attrs = new Objects.Attributes(
                NewObjects.contentHeaders(request.contentType(), request.cacheControl(), request.contentDisposition(),
                        request.contentEncoding(), request.contentLanguage(), request.expires(),
                        request.websiteRedirectLocation()),
                request.metadata(), NewObjects.storageClass(request.storageClassAsString()),
                Tags.parseTagging(request.tagging()),
                request.objectLockModeAsString(), request.objectLockRetainUntilDate(),
                request.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON,
                s3.kms.forWrite(b, request.key(), new KmsEncryption.Requested(request.serverSideEncryptionAsString(),
                        request.ssekmsKeyId(), request.ssekmsEncryptionContext(), request.bucketKeyEnabled(),
                        request.sseCustomerAlgorithm())));
        Upload u = s3.multipart.create(b, request.key(), attrs,
                Checksums.normalize(request.checksumAlgorithmAsString()), request.checksumTypeAsString());
        u.acl = acl;
        return CreateMultipartUploadResponse.builder().bucket(b.name).key(u.key).uploadId(u.uploadId)
                .checksumAlgorithm(u.checksumAlgorithm)
                .checksumType(u.checksumType).serverSideEncryption(u.serverSideEncryption)
                .ssekmsKeyId(SseFields.keyArn(u.encryption)).bucketKeyEnabled(SseFields.bucketKey(u.encryption))
                .ssekmsEncryptionContext(SseFields.context(u.encryption)).build();
    }

    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody requestBody) {
        Bucket b = access.bucket(request.bucket());
        Map<String, String> expected = ChecksumFields.of(request.checksumCRC32(), request.checksumCRC32C(),
                request.checksumSHA1(), request.checksumSHA256(), request.checksumCRC64NVME());
        Upload u = s3.multipart.get(b, request.uploadId(), request.key());
        s3.kms.checkUsable(b, u.encryption);
        Upload.Part p;
        try (InputStream in = requestBody.contentStreamProvider().newStream()) {
            p = s3.multipart.uploadPart(b, request.uploadId(), request.key(),
                    request.partNumber() == null ? 0 : request.partNumber(), in, expected, request.contentMD5(),
                    request.contentLength());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UploadPartResponse.Builder out = UploadPartResponse.builder().eTag(p.etag())
                .serverSideEncryption(u.serverSideEncryption).ssekmsKeyId(SseFields.keyArn(u.encryption))
                .bucketKeyEnabled(SseFields.bucketKey(u.encryption));
        ChecksumFields.set((SdkPojo) out, p.checksums());
        return out.build();
    }

    public UploadPartCopyResponse uploadPartCopy(UploadPartCopyRequest request) {
        Bucket b = access.bucket(request.destinationBucket());
        @SuppressWarnings("deprecation")
        CopySource src = CopySource.parse(request.copySource());
        Bucket sourceBucket = s3.buckets.get(src.bucket());
        StoredObject source = s3.objects.resolve(sourceBucket, src.key(), src.versionId());
        s3.kms.checkReadable(sourceBucket, source);
        s3.kms.checkUsable(b, s3.multipart.get(b, request.uploadId(), request.destinationKey()).encryption);
        Preconditions.check(source, request.copySourceIfMatch(), request.copySourceIfNoneMatch(),
                request.copySourceIfModifiedSince(), request.copySourceIfUnmodifiedSince(), true);
        ByteRange range = null;
        if (request.copySourceRange() != null) {
            range = ByteRange.parse(request.copySourceRange(), source.size);
            if (range == null) {
                throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-"
                        + "last where first and last are the zero-based offsets of the first and last bytes to copy",
                        "x-amz-copy-source-range", request.copySourceRange());
            }
        }
        Upload.Part p = s3.multipart.uploadPartCopy(b, request.uploadId(), request.destinationKey(),
                request.partNumber() == null ? 0 : request.partNumber(), source, range);
        CopyPartResult.Builder result = CopyPartResult.builder().eTag(p.etag()).lastModified(p.lastModified());
        ChecksumFields.set((SdkPojo) result, p.checksums());
        return UploadPartCopyResponse.builder().copyPartResult(result.build())
                .copySourceVersionId(source.isNullVersion() ? null : source.versionId).build();
    }

    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
        Bucket b = access.bucket(request.bucket());
        List<Multipart.Named> parts = new ArrayList<>();
        if (request.multipartUpload() != null) {
            for (CompletedPart p : request.multipartUpload().parts()) {
                parts.add(new Multipart.Named(p.partNumber(), p.eTag(), ChecksumFields.of(p.checksumCRC32(),
                        p.checksumCRC32C(), p.checksumSHA1(), p.checksumSHA256(), p.checksumCRC64NVME())));
            }
        }
        Upload upload = s3.multipart.get(b, request.uploadId(), request.key());
        s3.kms.checkUsable(b, upload.encryption);
        StoredObject o = s3.multipart.complete(b, request.uploadId(), request.key(), parts,
                new Objects.WriteCondition(request.ifMatch(), request.ifNoneMatch()));
        o.acl = upload.acl;
        CompleteMultipartUploadResponse.Builder out = CompleteMultipartUploadResponse.builder().bucket(b.name)
                .key(o.key).eTag(o.etag).location("/" + b.name + "/" + o.key)
                .versionId(b.versioningEnabled() ? o.versionId : null).serverSideEncryption(o.serverSideEncryption)
                .ssekmsKeyId(SseFields.keyArn(o.encryption)).bucketKeyEnabled(SseFields.bucketKey(o.encryption))
                .expiration(Lifecycle.expirationHeader(b, o));
        ChecksumFields.put((SdkPojo) out, o, true);
        return out.build();
    }

    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
        Bucket b = access.bucket(request.bucket());
        s3.multipart.abort(b, request.uploadId(), request.key());
        return AbortMultipartUploadResponse.builder().build();
    }

    public ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest request) {
        Bucket b = access.bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        String prefix = request.prefix() == null ? "" : request.prefix();
        List<Upload> all = new ArrayList<>(b.uploads.values());
        all.sort((x, y) -> {
            int c = KeyOrder.INSTANCE.compare(x.key, y.key);
            return c != 0 ? c : x.initiated.compareTo(y.initiated);
        });
        int max = Paging.maxKeys(request.maxUploads(), 1000);
        List<MultipartUpload> out = new ArrayList<>();
        boolean truncated = false;
        for (Upload u : all) {
            if (!u.key.startsWith(prefix) || (request.keyMarker() != null
                    && KeyOrder.INSTANCE.compare(u.key, request.keyMarker()) <= 0)) {
                continue;
            }
            if (out.size() >= max) {
                truncated = true;
                break;
            }
            out.add(MultipartUpload.builder().key(Paging.enc(u.key, url)).uploadId(u.uploadId).initiated(u.initiated)
                    .storageClass(u.storageClass).owner(Requests.owner(u.owner)).initiator(Initiator.builder()
                            .id(Owners.canonicalId(u.owner)).build())
                    .checksumAlgorithm(u.checksumAlgorithm).checksumType(u.checksumType).build());
        }
        ListMultipartUploadsResponse.Builder r = ListMultipartUploadsResponse.builder().bucket(b.name)
                .prefix(Paging.enc(prefix, url)).maxUploads(max).isTruncated(truncated).uploads(out)
                .keyMarker(request.keyMarker() == null ? "" : Paging.enc(request.keyMarker(), url))
                .uploadIdMarker(request.uploadIdMarker() == null ? "" : request.uploadIdMarker())
                .encodingType(request.encodingType());
        if (truncated && !out.isEmpty()) {
            MultipartUpload last = out.get(out.size() - 1);
            r.nextKeyMarker(last.key()).nextUploadIdMarker(last.uploadId());
        }
        return r.build();
    }

    public ListPartsResponse listParts(ListPartsRequest request) {
        Bucket b = access.bucket(request.bucket());
        Upload u = s3.multipart.get(b, request.uploadId(), request.key());
        int marker = request.partNumberMarker() == null ? 0 : request.partNumberMarker();
        int max = Paging.maxKeys(request.maxParts(), 1000);
        List<Part> out = new ArrayList<>();
        boolean truncated = false;
        for (Upload.Part p : u.parts.tailMap(marker, false).values()) {
            if (out.size() >= max) {
                truncated = true;
                break;
            }
            Part.Builder pb = Part.builder().partNumber(p.number()).eTag(p.etag()).size(p.blob().size())
                    .lastModified(p.lastModified());
            ChecksumFields.set((SdkPojo) pb, p.checksums());
            out.add(pb.build());
        }
        return ListPartsResponse.builder().bucket(b.name).key(u.key).uploadId(u.uploadId).parts(out)
                .maxParts(max).isTruncated(truncated)
                .partNumberMarker(marker)
                .nextPartNumberMarker(out.isEmpty() ? null : out.get(out.size() - 1).partNumber())
                .storageClass(u.storageClass).owner(Requests.owner(u.owner))
                .initiator(Initiator.builder().id(Owners.canonicalId(u.owner)).build())
                .checksumAlgorithm(u.checksumAlgorithm).checksumType(u.checksumType).build();
    }
}
