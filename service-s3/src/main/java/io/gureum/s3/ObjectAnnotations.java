package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import io.gureum.s3.store.Annotation;
import io.gureum.s3.store.Blob;
import io.gureum.s3.store.BlobStore;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.*;

/**
 * Provider of object annotations: named UTF-8 payloads of 1 byte to 1 MiB, at most 1,000 per object version,
 * names of 1 to 512 bytes (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAnnotation.html).
 * An annotation belongs to one version: a new PutObject starts a version without any.
 */
final class ObjectAnnotations {
    static final int MAX_NAME_BYTES = 512;
    static final int MAX_PAYLOAD = 1024 * 1024;
    static final int MAX_PER_VERSION = 1000;

    private final S3Backend s3;
    private final BucketAccess access;

    ObjectAnnotations(S3Backend s3, BucketAccess access) {
        this.s3 = s3;
        this.access = access;
    }

    public PutObjectAnnotationResponse putObjectAnnotation(PutObjectAnnotationRequest request,
            RequestBody requestBody) {
        Bucket b = access.bucket(request.bucket());
        String name = checkName(request.annotationName());
        byte[] payload = readPayload(requestBody);
        Map<String, String> expected = ChecksumFields.of(request.checksumCRC32(), request.checksumCRC32C(),
                request.checksumSHA1(), request.checksumSHA256(), request.checksumCRC64NVME());
        String algorithm = Checksums.normalize(request.checksumAlgorithmAsString());
        if (algorithm == null) {
            algorithm = expected.isEmpty() ? "CRC64NVME" : expected.keySet().iterator().next();
        }
        String checksum = Checksums.of(algorithm, payload);
        String sent = expected.get(algorithm);
        if (sent != null && !sent.equals(checksum)) {
            throw S3Errors.badDigest(algorithm.toLowerCase(java.util.Locale.ROOT));
        }
        String md5 = HexFormat.of().formatHex(Checksums.md("MD5").digest(payload));
        if (request.contentMD5() != null
                && !request.contentMD5().equals(Checksums.base64(HexFormat.of().parseHex(md5)))) {
            throw S3Errors.badDigest("Content-MD5");
        }
        BlobStore.Written written;
        try {
            written = s3.store.blobs.write(new ByteArrayInputStream(payload), List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Annotation a = new Annotation(name, written.blob(), "\"" + md5 + "\"", s3.context.clock().now(), algorithm,
                Map.of(algorithm, checksum));
        StoredObject o;
        List<Blob> garbage = new ArrayList<>();
        try {
            synchronized (b) {
                o = s3.objects.resolve(b, request.key(), request.versionId());
                checkObjectIfMatch(o, request.objectIfMatch());
                TreeMap<String, Annotation> next = new TreeMap<>(o.annotations);
                Annotation old = next.put(name, a);
                if (old != null) {
                    garbage.add(old.blob());
                } else if (next.size() > MAX_PER_VERSION) {
                    throw ModeledErrors.of(AnnotationLimitExceededException.class,
                            "An object version can have at most " + MAX_PER_VERSION + " annotations");
                }
                o.annotations = java.util.Collections.unmodifiableSortedMap(next);
            }
        } catch (RuntimeException e) {
            garbage.add(written.blob());
            throw e;
        } finally {
            s3.store.blobs.delete(garbage);
        }
        PutObjectAnnotationResponse.Builder out = PutObjectAnnotationResponse.builder().key(o.key)
                .annotationName(name).objectVersionId(versionOf(b, o)).eTag(a.etag())
                .serverSideEncryption(o.serverSideEncryption);
        ChecksumFields.set((software.amazon.awssdk.core.SdkPojo) out, a.checksums());
        return out.build();
    }

    public <ReturnT> ReturnT getObjectAnnotation(GetObjectAnnotationRequest request,
            ResponseTransformer<GetObjectAnnotationResponse, ReturnT> transformer) {
        Bucket b = access.bucket(request.bucket());
        String name = checkName(request.annotationName());
        StoredObject o;
        Annotation a;
        InputStream in;
        synchronized (b) {
            o = s3.objects.resolve(b, request.key(), request.versionId());
            a = o.annotations.get(name);
            if (a == null) {
                throw ModeledErrors.of(NoSuchAnnotationException.class, "The specified annotation does not exist");
            }
            try {
                in = s3.store.blobs.open(List.of(a.blob()), 0, a.blob().size());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        GetObjectAnnotationResponse.Builder out = GetObjectAnnotationResponse.builder()
                .objectVersionId(versionOf(b, o)).lastModified(a.lastModified()).contentLength(a.blob().size())
                .eTag(a.etag()).serverSideEncryption(o.serverSideEncryption)
                .replicationStatus(o.replicationStatus);
        if ("ENABLED".equals(request.checksumModeAsString())) {
            ChecksumFields.set((software.amazon.awssdk.core.SdkPojo) out, a.checksums());
            out.checksumType(ChecksumType.FULL_OBJECT);
        }
        try {
            ReturnT result = transformer.transform(out.build(), AbortableInputStream.create(in));
            if (Requests.inProcess() && !transformer.needsConnectionLeftOpen()) {
                in.close();
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

    public ListObjectAnnotationsResponse listObjectAnnotations(ListObjectAnnotationsRequest request) {
        Bucket b = access.bucket(request.bucket());
        String prefix = request.annotationPrefix() == null ? "" : request.annotationPrefix();
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw ModeledErrors.of(InvalidPrefixException.class, "The annotation prefix is longer than "
                    + MAX_NAME_BYTES + " bytes");
        }
        Integer requested = request.maxAnnotationResults();
        if (requested != null && requested < 0) {
            throw S3Errors.invalidArgument("Argument max-annotation-results must be an integer between 0 and "
                    + MAX_PER_VERSION, "max-annotation-results", String.valueOf(requested));
        }
        int max = requested == null ? MAX_PER_VERSION : Math.min(requested, MAX_PER_VERSION);
        String after = request.continuationToken() == null ? null : Listing.fromToken(request.continuationToken());
        StoredObject o;
        synchronized (b) {
            o = s3.objects.resolve(b, request.key(), request.versionId());
        }
        SortedMap<String, Annotation> all = o.annotations;
        SortedMap<String, Annotation> from = after == null ? all : all.tailMap(after + "\0");
        List<AnnotationEntry> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Annotation a : from.values()) {
            if (!a.name().startsWith(prefix)) {
                if (a.name().compareTo(prefix) > 0) {
                    break;
                }
                continue;
            }
            if (page.size() == max) {
                more = true;
                break;
            }
            page.add(AnnotationEntry.builder().annotationName(a.name()).lastModified(a.lastModified())
                    .eTag(a.etag()).checksumAlgorithmWithStrings(a.checksumAlgorithm()).size(a.blob().size())
                    .replicationStatus(o.replicationStatus).build());
            last = a.name();
        }
        return ListObjectAnnotationsResponse.builder().bucket(b.name).key(o.key).objectVersionId(versionOf(b, o))
                .annotations(page).annotationPrefix(request.annotationPrefix()).maxAnnotationResults(max)
                .annotationCount(page.size()).continuationToken(request.continuationToken())
                .nextContinuationToken(more && last != null ? Listing.token(last) : null).build();
    }

    /** Deleting an annotation the version does not have succeeds, as deleting a missing object does. */
    public DeleteObjectAnnotationResponse deleteObjectAnnotation(DeleteObjectAnnotationRequest request) {
        Bucket b = access.bucket(request.bucket());
        String name = checkName(request.annotationName());
        StoredObject o;
        Annotation old;
        synchronized (b) {
            o = s3.objects.resolve(b, request.key(), request.versionId());
            checkObjectIfMatch(o, request.objectIfMatch());
            old = o.annotations.get(name);
            if (old != null) {
                TreeMap<String, Annotation> next = new TreeMap<>(o.annotations);
                next.remove(name);
                o.annotations = java.util.Collections.unmodifiableSortedMap(next);
            }
        }
        if (old != null) {
            s3.store.blobs.delete(List.of(old.blob()));
        }
        return DeleteObjectAnnotationResponse.builder().objectVersionId(versionOf(b, o)).build();
    }

    /**
     * CopyObject with {@code x-amz-annotation-directive: COPY}: the copy gets the source version's annotations,
     * each payload copied to a file of its own. Without the header the copy starts without any (Gureum's reading:
     * the default is not documented).
     */
    static void copyAll(S3Backend s3, Bucket target, StoredObject from, StoredObject to) {
        SortedMap<String, Annotation> source = from.annotations;
        if (source.isEmpty()) {
            return;
        }
        TreeMap<String, Annotation> copies = new TreeMap<>();
        try {
            for (Annotation a : source.values()) {
                Blob copy = s3.store.blobs.copy(List.of(a.blob()), 0, a.blob().size(), List.of()).blob();
                copies.put(a.name(), new Annotation(a.name(), copy, a.etag(), s3.context.clock().now(),
                        a.checksumAlgorithm(), a.checksums()));
            }
        } catch (IOException e) {
            s3.store.blobs.delete(copies.values().stream().map(Annotation::blob).toList());
            throw new UncheckedIOException(e);
        }
        synchronized (target) {
            to.annotations = java.util.Collections.unmodifiableSortedMap(copies);
        }
    }

    private static String versionOf(Bucket b, StoredObject o) {
        return b.versioned() ? o.versionId : null;
    }

    /** {@code x-amz-object-if-match}: the write applies only while the object's ETag is this one. */
    private static void checkObjectIfMatch(StoredObject o, String ifMatch) {
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(o.etag)
                && !("\"" + ifMatch + "\"").equals(o.etag)) {
            throw S3Errors.preconditionFailed("x-amz-object-if-match");
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw ModeledErrors.of(InvalidAnnotationNameException.class, "The annotation name must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw ModeledErrors.of(AnnotationNameTooLongException.class,
                    "The annotation name exceeds " + MAX_NAME_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw ModeledErrors.of(InvalidAnnotationNameException.class,
                        "The annotation name must not contain control characters");
            }
        }
        return name;
    }

    /** At most {@link #MAX_PAYLOAD} bytes are read: a longer body is refused before more of it is held. */
    private static byte[] readPayload(RequestBody body) {
        byte[] bytes;
        try (InputStream in = body.contentStreamProvider().newStream()) {
            bytes = in.readNBytes(MAX_PAYLOAD + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length == 0) {
            throw S3Errors.invalidRequest("The annotation payload must be at least 1 byte");
        }
        if (bytes.length > MAX_PAYLOAD) {
            throw new AwsException("EntityTooLarge", "The annotation payload exceeds the maximum allowed size of "
                    + MAX_PAYLOAD + " bytes", 400);
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            throw ModeledErrors.of(UnsupportedMediaTypeException.class,
                    "The annotation payload is not valid UTF-8 encoded text");
        }
        return bytes;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // already failing
        }
    }
}
