package io.gureum.s3;

import io.gureum.s3.store.Bucket;
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

/** The wire side of multipart uploads; behaviour is in {@link Multipart}. */
abstract class MultipartHandler extends BucketConfigHandler {

    MultipartHandler(S3Backend s3) {
        super(s3);
    }

    // --- multipart

    @Override
    public CreateMultipartUploadResponse createMultipartUpload(CreateMultipartUploadRequest request) {
        Bucket b = bucket(request.bucket());
        checkNewObject(request.key(), request.metadata());
        Objects.Attributes attrs = new Objects.Attributes(
                contentHeaders(request.contentType(), request.cacheControl(), request.contentDisposition(),
                        request.contentEncoding(), request.contentLanguage(), request.expires(),
                        request.websiteRedirectLocation()),
                request.metadata(), storageClass(request.storageClassAsString()), parseTagging(request.tagging()),
                request.objectLockModeAsString(), request.objectLockRetainUntilDate(),
                request.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON,
                sse(b, request.serverSideEncryptionAsString()));
        Upload u = s3.multipart.create(b, request.key(), attrs,
                Checksums.normalize(request.checksumAlgorithmAsString()), request.checksumTypeAsString());
        return CreateMultipartUploadResponse.builder().bucket(b.name).key(u.key).uploadId(u.uploadId)
                .checksumAlgorithm(u.checksumAlgorithm)
                .checksumType(u.checksumType).serverSideEncryption(u.serverSideEncryption).build();
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody requestBody) {
        Bucket b = bucket(request.bucket());
        Map<String, String> expected = checksums(request.checksumCRC32(), request.checksumCRC32C(),
                request.checksumSHA1(), request.checksumSHA256(), request.checksumCRC64NVME());
        Upload.Part p;
        try (InputStream in = requestBody.contentStreamProvider().newStream()) {
            p = s3.multipart.uploadPart(b, request.uploadId(), request.key(),
                    request.partNumber() == null ? 0 : request.partNumber(), in, expected, request.contentMD5(),
                    request.contentLength());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        UploadPartResponse.Builder out = UploadPartResponse.builder().eTag(p.etag());
        setChecksums((SdkPojo) out, p.checksums());
        return out.build();
    }

    @Override
    public UploadPartCopyResponse uploadPartCopy(UploadPartCopyRequest request) {
        Bucket b = bucket(request.destinationBucket());
        @SuppressWarnings("deprecation")
        CopySource src = CopySource.parse(request.copySource());
        StoredObject source = s3.objects.resolve(s3.buckets.get(src.bucket()), src.key(), src.versionId());
        Preconditions.check(source, request.copySourceIfMatch(), request.copySourceIfNoneMatch(),
                request.copySourceIfModifiedSince(), request.copySourceIfUnmodifiedSince(), true);
        ByteRange range = null;
        if (request.copySourceRange() != null) {
            range = ByteRange.parse(request.copySourceRange(), source.size);
            if (range == null) {
                throw S3Errors.invalidArgument("The x-amz-copy-source-range value must be of the form bytes=first-"
                        + "last where first and last are the zero-based offsets of the first and last bytes to copy");
            }
        }
        Upload.Part p = s3.multipart.uploadPartCopy(b, request.uploadId(), request.destinationKey(),
                request.partNumber() == null ? 0 : request.partNumber(), source, range);
        CopyPartResult.Builder result = CopyPartResult.builder().eTag(p.etag()).lastModified(p.lastModified());
        setChecksums((SdkPojo) result, p.checksums());
        return UploadPartCopyResponse.builder().copyPartResult(result.build())
                .copySourceVersionId(source.isNullVersion() ? null : source.versionId).build();
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(CompleteMultipartUploadRequest request) {
        Bucket b = bucket(request.bucket());
        List<Multipart.Named> parts = new ArrayList<>();
        if (request.multipartUpload() != null) {
            for (CompletedPart p : request.multipartUpload().parts()) {
                parts.add(new Multipart.Named(p.partNumber(), p.eTag(), checksums(p.checksumCRC32(),
                        p.checksumCRC32C(), p.checksumSHA1(), p.checksumSHA256(), p.checksumCRC64NVME())));
            }
        }
        StoredObject o = s3.multipart.complete(b, request.uploadId(), request.key(), parts,
                new Objects.WriteCondition(request.ifMatch(), request.ifNoneMatch()));
        CompleteMultipartUploadResponse.Builder out = CompleteMultipartUploadResponse.builder().bucket(b.name)
                .key(o.key).eTag(o.etag).location("/" + b.name + "/" + o.key)
                .versionId(b.versioningEnabled() ? o.versionId : null).serverSideEncryption(o.serverSideEncryption);
        putChecksums((SdkPojo) out, o, true);
        return out.build();
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
        Bucket b = bucket(request.bucket());
        s3.multipart.abort(b, request.uploadId(), request.key());
        return AbortMultipartUploadResponse.builder().build();
    }

    @Override
    public ListMultipartUploadsResponse listMultipartUploads(ListMultipartUploadsRequest request) {
        Bucket b = bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        String prefix = request.prefix() == null ? "" : request.prefix();
        List<Upload> all = new ArrayList<>(b.uploads.values());
        all.sort((x, y) -> {
            int c = io.gureum.s3.store.KeyOrder.INSTANCE.compare(x.key, y.key);
            return c != 0 ? c : x.initiated.compareTo(y.initiated);
        });
        int max = maxKeys(request.maxUploads(), 1000);
        List<MultipartUpload> out = new ArrayList<>();
        boolean truncated = false;
        for (Upload u : all) {
            if (!u.key.startsWith(prefix) || (request.keyMarker() != null
                    && io.gureum.s3.store.KeyOrder.INSTANCE.compare(u.key, request.keyMarker()) <= 0)) {
                continue;
            }
            if (out.size() >= max) {
                truncated = true;
                break;
            }
            out.add(MultipartUpload.builder().key(enc(u.key, url)).uploadId(u.uploadId).initiated(u.initiated)
                    .storageClass(u.storageClass).owner(owner(u.owner)).initiator(Initiator.builder()
                            .id(Owners.canonicalId(u.owner)).build())
                    .checksumAlgorithm(u.checksumAlgorithm).checksumType(u.checksumType).build());
        }
        ListMultipartUploadsResponse.Builder r = ListMultipartUploadsResponse.builder().bucket(b.name)
                .prefix(enc(prefix, url)).maxUploads(max).isTruncated(truncated).uploads(out)
                .keyMarker(request.keyMarker() == null ? "" : enc(request.keyMarker(), url))
                .uploadIdMarker(request.uploadIdMarker() == null ? "" : request.uploadIdMarker())
                .encodingType(request.encodingType());
        if (truncated && !out.isEmpty()) {
            MultipartUpload last = out.get(out.size() - 1);
            r.nextKeyMarker(last.key()).nextUploadIdMarker(last.uploadId());
        }
        return r.build();
    }

    @Override
    public ListPartsResponse listParts(ListPartsRequest request) {
        Bucket b = bucket(request.bucket());
        Upload u = s3.multipart.get(b, request.uploadId(), request.key());
        int marker = request.partNumberMarker() == null ? 0 : request.partNumberMarker();
        int max = maxKeys(request.maxParts(), 1000);
        List<Part> out = new ArrayList<>();
        boolean truncated = false;
        for (Upload.Part p : u.parts.tailMap(marker, false).values()) {
            if (out.size() >= max) {
                truncated = true;
                break;
            }
            Part.Builder pb = Part.builder().partNumber(p.number()).eTag(p.etag()).size(p.blob().size())
                    .lastModified(p.lastModified());
            setChecksums((SdkPojo) pb, p.checksums());
            out.add(pb.build());
        }
        return ListPartsResponse.builder().bucket(b.name).key(u.key).uploadId(u.uploadId).parts(out)
                .maxParts(max).isTruncated(truncated)
                .partNumberMarker(marker)
                .nextPartNumberMarker(out.isEmpty() ? null : out.get(out.size() - 1).partNumber())
                .storageClass(u.storageClass).owner(owner(u.owner))
                .initiator(Initiator.builder().id(Owners.canonicalId(u.owner)).build())
                .checksumAlgorithm(u.checksumAlgorithm).checksumType(u.checksumType).build();
    }
}
