package io.gureum.s3;

import io.gureum.s3.access.Acls;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.AccessControlPolicy;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.RestoreObjectRequest;
import software.amazon.awssdk.services.s3.model.RestoreObjectResponse;
import software.amazon.awssdk.services.s3.model.RestoreRequest;
import software.amazon.awssdk.services.s3.model.S3Error;

/**
 * Provider of the object writes: PutObject (streamed from the caller's {@link RequestBody}), CopyObject,
 * DeleteObject, DeleteObjects and RestoreObject. Behaviour is in {@link Objects} and {@link Archive}.
 */
final class ObjectWrites {
    private final S3Backend s3;
    private final BucketAccess access;

    ObjectWrites(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public PutObjectResponse putObject(PutObjectRequest request, RequestBody requestBody) {
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
        Map<String, String> expected = ChecksumFields.of(request.checksumCRC32(), request.checksumCRC32C(),
                request.checksumSHA1(), request.checksumSHA256(), request.checksumCRC64NVME());
        StoredObject o;
        try (InputStream in = requestBody.contentStreamProvider().newStream()) {
            o = s3.objects.put(b, request.key(), in, attrs, expected,
                    Checksums.normalize(request.checksumAlgorithmAsString()), request.contentMD5(),
                    new Objects.WriteCondition(request.ifMatch(), request.ifNoneMatch()), request.contentLength());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        o.acl = acl;
        PutObjectResponse.Builder out = PutObjectResponse.builder().eTag(o.etag).size(o.size)
                .serverSideEncryption(o.serverSideEncryption).ssekmsKeyId(SseFields.keyArn(o.encryption))
                .bucketKeyEnabled(SseFields.bucketKey(o.encryption))
                .ssekmsEncryptionContext(SseFields.context(o.encryption))
                .versionId(b.versioningEnabled() ? o.versionId : null)
                .expiration(Lifecycle.expirationHeader(b, o));
        ChecksumFields.put(out, o, true);
        return out.build();
    }

    public RestoreObjectResponse restoreObject(RestoreObjectRequest request) {
        Bucket b = access.bucket(request.bucket());
        StoredObject o = s3.objects.resolve(b, request.key(), request.versionId());
        RestoreRequest r = request.restoreRequest();
        if (r == null || r.days() == null || r.days() < 1) {
            throw S3Errors.malformedXml();
        }
        String tier = r.glacierJobParameters() == null ? null : r.glacierJobParameters().tierAsString();
        boolean started;
        synchronized (b) {
            started = Archive.restore(o, r.days(), tier, s3.context.clock().now());
        }
        // 202 Accepted when a restore starts, 200 OK when a restored copy exists and only its expiry moves
        // (https://docs.aws.amazon.com/AmazonS3/latest/API/API_RestoreObject.html#API_RestoreObject_ResponseSyntax).
        return (RestoreObjectResponse) RestoreObjectResponse.builder().sdkHttpResponse(
                software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(started ? 202 : 200).build()).build();
    }

    public DeleteObjectResponse deleteObject(DeleteObjectRequest request) {
        Bucket b = access.bucket(request.bucket());
        Objects.Deleted d = s3.objects.delete(b, request.key(), request.versionId(),
                NewObjects.bypassGovernance(request.bypassGovernanceRetention()));
        return DeleteObjectResponse.builder().deleteMarker(d.deleteMarker() ? Boolean.TRUE : null)
                .versionId(d.versionId()).build();
    }

    public DeleteObjectsResponse deleteObjects(DeleteObjectsRequest request) {
        Bucket b = access.bucket(request.bucket());
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
                        NewObjects.bypassGovernance(request.bypassGovernanceRetention()));
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
            } catch (AwsServiceException e) { // a modeled one, e.g. AccessDenied for a locked version
                errors.add(S3Error.builder().key(id.key()).versionId(id.versionId())
                        .code(e.awsErrorDetails().errorCode()).message(e.awsErrorDetails().errorMessage()).build());
            }
        }
        return DeleteObjectsResponse.builder().deleted(deleted).errors(errors).build();
    }

    public CopyObjectResponse copyObject(CopyObjectRequest request) {
        Bucket target = access.bucket(request.destinationBucket());
        @SuppressWarnings("deprecation")
        CopySource src = CopySource.parse(request.copySource());
        Bucket sourceBucket = s3.buckets.get(src.bucket());
        StoredObject source = s3.objects.resolve(sourceBucket, src.key(), src.versionId());
        Archive.checkReadable(source, s3.context.clock().now());
        s3.kms.checkReadable(sourceBucket, source);
        Preconditions.check(source, request.copySourceIfMatch(), request.copySourceIfNoneMatch(),
                request.copySourceIfModifiedSince(), request.copySourceIfUnmodifiedSince(), true);
        boolean replace = "REPLACE".equals(request.metadataDirectiveAsString());
        boolean replaceTags = "REPLACE".equals(request.taggingDirectiveAsString());
        if (target == sourceBucket && src.key().equals(request.destinationKey()) && src.versionId() == null && !replace
                && request.storageClassAsString() == null && request.websiteRedirectLocation() == null
                && request.serverSideEncryptionAsString() == null && request.ssekmsKeyId() == null) {
            throw S3Errors.invalidRequest("This copy request is illegal because it is trying to copy an object to "
                    + "itself without changing the object's metadata, storage class, website redirect location or "
                    + "encryption attributes.");
        }
        NewObjects.check(request.destinationKey(), replace ? request.metadata() : Map.of());
        // A copy gets the ACL the request states, not the source's (API_CopyObject.html).
        AccessControlPolicy acl = AclRequests.forObject(access.block(target, request.destinationBucket()), target, AclRequests.objectOwner(target, Requests.account(),
                request.aclAsString()), request.aclAsString(), new Acls.GrantHeaders(request.grantFullControl(),
                        request.grantRead(), request.grantReadACP(), null, request.grantWriteACP()), null);
        Objects.Attributes attrs = new Objects.Attributes(
                replace ? NewObjects.contentHeaders(request.contentType(), request.cacheControl(),
                        request.contentDisposition(),
                        request.contentEncoding(), request.contentLanguage(), request.expires(),
                        request.websiteRedirectLocation()) : source.headers,
                replace ? request.metadata() : source.metadata,
                NewObjects.storageClass(request.storageClassAsString()),
                replaceTags ? Tags.parseTagging(request.tagging()) : source.tags,
                request.objectLockModeAsString(), request.objectLockRetainUntilDate(),
                request.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON,
                s3.kms.forWrite(target, request.destinationKey(), new KmsEncryption.Requested(
                        request.serverSideEncryptionAsString(), request.ssekmsKeyId(),
                        request.ssekmsEncryptionContext(), request.bucketKeyEnabled(),
                        request.sseCustomerAlgorithm())));
        StoredObject o = s3.objects.copy(source, target, request.destinationKey(), attrs,
                Checksums.normalize(request.checksumAlgorithmAsString()),
                new Objects.WriteCondition(request.ifMatch(), request.ifNoneMatch()));
        o.acl = acl;
        if ("COPY".equals(request.annotationDirectiveAsString())) {
            ObjectAnnotations.copyAll(s3, target, source, o);
        }
        CopyObjectResult.Builder result = CopyObjectResult.builder().eTag(o.etag).lastModified(o.lastModified);
        ChecksumFields.put((SdkPojo) result, o, true);
        return CopyObjectResponse.builder().copyObjectResult(result.build())
                .expiration(Lifecycle.expirationHeader(target, o))
                .versionId(target.versioningEnabled() ? o.versionId : null)
                .copySourceVersionId(sourceBucket.versioned() ? source.versionId : null)
                .serverSideEncryption(o.serverSideEncryption).ssekmsKeyId(SseFields.keyArn(o.encryption))
                .bucketKeyEnabled(SseFields.bucketKey(o.encryption))
                .ssekmsEncryptionContext(SseFields.context(o.encryption)).build();
    }
}
