package io.gureum.s3;

import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Provider of the object listings: ListObjects, ListObjectsV2, ListObjectVersions. Paging is in {@link Listing}. */
final class ListingOperations {
    private final BucketAccess access;

    ListingOperations(BucketAccess access) {
        this.access = access;
    }

    public ListObjectsResponse listObjects(ListObjectsRequest request) {
        Bucket b = access.bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        Listing.Page page = Listing.objects(b, request.prefix(), request.delimiter(), request.marker(),
                Paging.maxKeys(request.maxKeys(), 1000));
        ListObjectsResponse.Builder out = ListObjectsResponse.builder().name(b.name)
                .prefix(Paging.enc(request.prefix() == null ? "" : request.prefix(), url))
                .delimiter(Paging.enc(request.delimiter(), url))
                .marker(Paging.enc(request.marker() == null ? "" : request.marker(), url))
                .maxKeys(request.maxKeys() == null ? 1000 : request.maxKeys()).isTruncated(page.truncated())
                .encodingType(request.encodingType())
                .contents(contents(page, url, true))
                .commonPrefixes(page.prefixes().stream()
                        .map(p -> CommonPrefix.builder().prefix(Paging.enc(p, url)).build()).toList());
        if (page.truncated() && request.delimiter() != null) {
            out.nextMarker(Paging.enc(page.next(), url));
        }
        return out.build();
    }

    private static List<S3Object> contents(Listing.Page page, boolean url, boolean withOwner) {
        List<S3Object> out = new ArrayList<>(page.objects().size());
        for (StoredObject o : page.objects()) {
            S3Object.Builder e = S3Object.builder().key(Paging.enc(o.key, url)).lastModified(o.lastModified).eTag(o.etag)
                    .size(o.size).storageClass(o.storageClass)
                    .checksumAlgorithmWithStrings(new ArrayList<>(o.checksums.keySet()))
                    .checksumType(o.checksums.isEmpty() ? null : o.checksumType);
            if (withOwner) {
                e.owner(Requests.owner(o.owner));
            }
            out.add(e.build());
        }
        return out;
    }

    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        Bucket b = access.bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        String marker = request.continuationToken() != null ? Listing.fromToken(request.continuationToken())
                : request.startAfter();
        Listing.Page page = Listing.objects(b, request.prefix(), request.delimiter(), marker,
                Paging.maxKeys(request.maxKeys(), 1000));
        return ListObjectsV2Response.builder().name(b.name)
                .prefix(Paging.enc(request.prefix() == null ? "" : request.prefix(), url))
                .delimiter(Paging.enc(request.delimiter(), url))
                .maxKeys(request.maxKeys() == null ? 1000 : request.maxKeys())
                .keyCount(page.objects().size() + page.prefixes().size())
                .isTruncated(page.truncated())
                .encodingType(request.encodingType())
                .continuationToken(request.continuationToken())
                .startAfter(Paging.enc(request.startAfter(), url))
                .nextContinuationToken(page.truncated() ? Listing.token(page.next()) : null)
                .contents(contents(page, url, Boolean.TRUE.equals(request.fetchOwner())))
                .commonPrefixes(page.prefixes().stream()
                        .map(p -> CommonPrefix.builder().prefix(Paging.enc(p, url)).build()).toList())
                .build();
    }

    public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
        Bucket b = access.bucket(request.bucket());
        boolean url = "url".equals(request.encodingTypeAsString());
        Listing.VersionPage page = Listing.versions(b, request.prefix(), request.delimiter(), request.keyMarker(),
                request.versionIdMarker(), Paging.maxKeys(request.maxKeys(), 1000));
        List<ObjectVersion> versions = new ArrayList<>();
        List<DeleteMarkerEntry> markers = new ArrayList<>();
        for (int i = 0; i < page.versions().size(); i++) {
            StoredObject o = page.versions().get(i);
            boolean latest = page.latest().get(i);
            if (o.deleteMarker) {
                markers.add(DeleteMarkerEntry.builder().key(Paging.enc(o.key, url)).versionId(o.versionId).isLatest(latest)
                        .lastModified(o.lastModified).owner(Requests.owner(o.owner)).build());
            } else {
                versions.add(ObjectVersion.builder().key(Paging.enc(o.key, url)).versionId(o.versionId).isLatest(latest)
                        .lastModified(o.lastModified).eTag(o.etag).size(o.size).storageClass(o.storageClass)
                        .owner(Requests.owner(o.owner)).checksumAlgorithmWithStrings(new ArrayList<>(o.checksums.keySet()))
                        .checksumType(o.checksums.isEmpty() ? null : o.checksumType).build());
            }
        }
        ListObjectVersionsResponse.Builder out = ListObjectVersionsResponse.builder().name(b.name)
                .prefix(Paging.enc(request.prefix() == null ? "" : request.prefix(), url))
                .delimiter(Paging.enc(request.delimiter(), url))
                .keyMarker(Paging.enc(request.keyMarker() == null ? "" : request.keyMarker(), url))
                .versionIdMarker(request.versionIdMarker() == null ? "" : request.versionIdMarker())
                .maxKeys(request.maxKeys() == null ? 1000 : request.maxKeys())
                .isTruncated(page.truncated()).encodingType(request.encodingType())
                .versions(versions).deleteMarkers(markers)
                .commonPrefixes(page.prefixes().stream()
                        .map(p -> CommonPrefix.builder().prefix(Paging.enc(p, url)).build()).toList());
        if (page.truncated()) {
            out.nextKeyMarker(Paging.enc(page.nextKey(), url)).nextVersionIdMarker(page.nextVersionId());
        }
        return out.build();
    }
}
