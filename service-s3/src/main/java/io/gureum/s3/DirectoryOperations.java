package io.gureum.s3;

import io.gureum.core.protocol.RequestContext;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.KeyVersions;
import io.gureum.s3.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of the directory-bucket operations: {@code CreateSession}, {@code ListDirectoryBuckets} and
 * {@code RenameObject} (directory buckets only, as in AWS).
 */
final class DirectoryOperations {
    private final S3Backend s3;
    private final BucketAccess access;
    private final DirectoryBuckets directories;

    DirectoryOperations(S3Backend s3, BucketAccess access, DirectoryBuckets directories) {
        this.s3 = s3;
        this.access = access;
        this.directories = directories;
    }

    public CreateSessionResponse createSession(CreateSessionRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (!DirectoryBuckets.isDirectory(b.name)) {
            throw DirectoryBuckets.onlyDirectory("CreateSession");
        }
        RequestContext ctx = RequestContext.current();
        DirectoryBuckets.Session s = directories.newSession(ctx.accountId(), ctx.principal());
        return CreateSessionResponse.builder().credentials(SessionCredentials.builder()
                .accessKeyId(s.key().accessKeyId()).secretAccessKey(s.key().secretAccessKey())
                .sessionToken(s.token()).expiration(s.expiration()).build())
                .serverSideEncryption(ServerSideEncryption.AES256).build();
    }

    public ListDirectoryBucketsResponse listDirectoryBuckets(ListDirectoryBucketsRequest request) {
        String after = request.continuationToken() == null ? null : Listing.fromToken(request.continuationToken());
        int max = request.maxDirectoryBuckets() == null ? 1000 : request.maxDirectoryBuckets();
        List<software.amazon.awssdk.services.s3.model.Bucket> out = new ArrayList<>();
        String next = null;
        for (Bucket b : s3.buckets.ownedBy(Requests.account())) {
            if (!DirectoryBuckets.isDirectory(b.name) || after != null && b.name.compareTo(after) <= 0) {
                continue;
            }
            if (out.size() >= max) {
                next = Listing.token(out.get(out.size() - 1).name());
                break;
            }
            out.add(software.amazon.awssdk.services.s3.model.Bucket.builder().name(b.name).creationDate(b.created)
                    .bucketRegion(b.region).build());
        }
        return ListDirectoryBucketsResponse.builder().buckets(out).continuationToken(next).build();
    }

    /**
     * Moves an object to a new key in the same directory bucket without copying its bytes
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_RenameObject.html).
     */
    public RenameObjectResponse renameObject(RenameObjectRequest request) {
        Bucket b = access.bucket(request.bucket());
        if (!DirectoryBuckets.isDirectory(b.name)) {
            throw DirectoryBuckets.onlyDirectory("RenameObject");
        }
        String source = io.gureum.core.http.AwsHttpRequest.decode(request.renameSource(), false);
        if (source.startsWith("/")) {
            source = source.substring(1);
        }
        if (source.startsWith(b.name + "/")) {
            source = source.substring(b.name.length() + 1);
        }
        StoredObject o = s3.objects.resolve(b, source, null);
        Preconditions.check(o, request.sourceIfMatch(), request.sourceIfNoneMatch(), request.sourceIfModifiedSince(),
                request.sourceIfUnmodifiedSince(), true);
        String target = request.key();
        synchronized (b) {
            StoredObject existing = b.latest(target);
            if (existing != null && !existing.deleteMarker) {
                Preconditions.check(existing, request.destinationIfMatch(), request.destinationIfNoneMatch(),
                        request.destinationIfModifiedSince(), request.destinationIfUnmodifiedSince(), true);
            } else if (request.destinationIfMatch() != null) {
                throw S3Errors.noSuchKey();
            }
            StoredObject moved = new StoredObject(target, o.versionId, false, o.blobs, o.size, o.etag, o.lastModified,
                    o.owner, o.headers, o.metadata, o.checksums, o.checksumType, o.partSizes, o.storageClass, o.tags,
                    o.encryption);
            KeyVersions from = b.objects.get(source);
            from.remove(o);
            s3.objects.dropIfEmpty(b, source, from);
            s3.objects.commit(b, moved, Objects.WriteCondition.NONE); // replaces (and frees) an object at the target
        }
        if (s3.records.enabled()) {
            s3.records.key(b, source);
        }
        return RenameObjectResponse.builder().build();
    }
}
