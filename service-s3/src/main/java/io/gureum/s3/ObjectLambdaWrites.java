package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.http.AwsHttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.WriteGetObjectResponseRequest;
import software.amazon.awssdk.services.s3.model.WriteGetObjectResponseResponse;

/**
 * {@code WriteGetObjectResponse}: an S3 Object Lambda function's answer to the GetObject
 * {@link ObjectLambdaRequests} keeps waiting.
 */
final class ObjectLambdaWrites {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final ObjectLambdaRequests requests;

    ObjectLambdaWrites(ObjectLambdaRequests requests) {
        this.requests = requests;
    }

    /**
     * The function's answer to a waiting GetObject
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_WriteGetObjectResponse.html): its status, headers and
     * body, or an error ({@code ErrorCode} and {@code ErrorMessage} with a status of 400 or more and no body). The
     * body is taken in full (spooled to a temporary file) before the GetObject is answered. An unknown or expired
     * token, or an invalid answer, is {@code ValidationError} 400 (and the caller gets {@code LambdaInvalidResponse}).
     */
    public WriteGetObjectResponseResponse writeGetObjectResponse(WriteGetObjectResponseRequest request,
            RequestBody body) {
        ObjectLambdaRequests.Pending p = requests.pending(request.requestToken());
        if (p == null || p.answer().isDone()) {
            throw validation("The request token is not valid or has expired");
        }
        if (request.requestRoute() != null && !request.requestRoute().equals(p.route())) {
            throw validation("The request route does not match the request token");
        }
        int status = request.statusCode() == null ? 200 : request.statusCode();
        Path spooled = null;
        long length;
        try {
            spooled = Files.createTempFile("gureum-wgor-", ".body");
            try (InputStream in = body.contentStreamProvider().newStream()) {
                length = Files.copy(in, spooled, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (request.errorCode() != null) {
                if (status < 400 || !request.errorCode().matches("[A-Z][a-zA-Z]+") || length > 0) {
                    throw invalid(p, "ErrorCode needs a StatusCode of 400 or more, the form ^[A-Z][a-zA-Z]+$ and no "
                            + "body");
                }
                Files.deleteIfExists(spooled);
                p.answer().completeExceptionally(new AwsException(request.errorCode(),
                        request.errorMessage() == null ? "" : request.errorMessage(), status));
                return WriteGetObjectResponseResponse.builder().build();
            }
            if (status < 100 || status > 599) {
                throw invalid(p, "StatusCode must be an HTTP status code");
            }
            AwsHttpResponse answer = new AwsHttpResponse(status);
            headers(answer, request);
            answer.bodyStream(Files.newInputStream(spooled, StandardOpenOption.DELETE_ON_CLOSE), length);
            spooled = null;
            if (!p.answer().complete(answer)) {
                answer.discard();
                throw validation("The request token is not valid or has expired");
            }
            return WriteGetObjectResponseResponse.builder().build();
        } catch (IOException e) {
            p.answer().completeExceptionally(new AwsException("ConnectionClosedByRequester",
                    "An error occurred while reading the WriteGetObjectResponse body.", 400));
            throw new UncheckedIOException(e);
        } finally {
            if (spooled != null) {
                try {
                    Files.deleteIfExists(spooled);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static AwsException validation(String message) {
        return new AwsException("ValidationError", message, 400);
    }

    private static AwsException invalid(ObjectLambdaRequests.Pending p, String message) {
        p.answer().completeExceptionally(new AwsException("LambdaInvalidResponse",
                "WriteGetObjectResponse answered ValidationError: " + message, 400));
        return validation(message);
    }

    private static void headers(AwsHttpResponse r, WriteGetObjectResponseRequest w) {
        set(r, "Accept-Ranges", w.acceptRanges());
        set(r, "Cache-Control", w.cacheControl());
        set(r, "Content-Disposition", w.contentDisposition());
        set(r, "Content-Encoding", w.contentEncoding());
        set(r, "Content-Language", w.contentLanguage());
        set(r, "Content-Range", w.contentRange());
        set(r, "Content-Type", w.contentType());
        set(r, "ETag", w.eTag());
        set(r, "Expires", w.expires() == null ? null : HTTP_DATE.format(w.expires()));
        set(r, "Last-Modified", w.lastModified() == null ? null : HTTP_DATE.format(w.lastModified()));
        set(r, "x-amz-checksum-crc32", w.checksumCRC32());
        set(r, "x-amz-checksum-crc32c", w.checksumCRC32C());
        set(r, "x-amz-checksum-crc64nvme", w.checksumCRC64NVME());
        set(r, "x-amz-checksum-sha1", w.checksumSHA1());
        set(r, "x-amz-checksum-sha256", w.checksumSHA256());
        set(r, "x-amz-delete-marker", w.deleteMarker() == null ? null : w.deleteMarker().toString());
        set(r, "x-amz-expiration", w.expiration());
        set(r, "x-amz-missing-meta", w.missingMeta() == null ? null : w.missingMeta().toString());
        set(r, "x-amz-object-lock-mode", w.objectLockModeAsString());
        set(r, "x-amz-object-lock-legal-hold", w.objectLockLegalHoldStatusAsString());
        set(r, "x-amz-object-lock-retain-until-date", w.objectLockRetainUntilDate() == null ? null
                : w.objectLockRetainUntilDate().toString());
        set(r, "x-amz-mp-parts-count", w.partsCount() == null ? null : w.partsCount().toString());
        set(r, "x-amz-replication-status", w.replicationStatusAsString());
        set(r, "x-amz-request-charged", w.requestChargedAsString());
        set(r, "x-amz-restore", w.restore());
        set(r, "x-amz-server-side-encryption", w.serverSideEncryptionAsString());
        set(r, "x-amz-server-side-encryption-customer-algorithm", w.sseCustomerAlgorithm());
        set(r, "x-amz-server-side-encryption-aws-kms-key-id", w.ssekmsKeyId());
        set(r, "x-amz-server-side-encryption-customer-key-MD5", w.sseCustomerKeyMD5());
        set(r, "x-amz-server-side-encryption-bucket-key-enabled", w.bucketKeyEnabled() == null ? null
                : w.bucketKeyEnabled().toString());
        set(r, "x-amz-storage-class", w.storageClassAsString());
        set(r, "x-amz-tagging-count", w.tagCount() == null ? null : w.tagCount().toString());
        set(r, "x-amz-version-id", w.versionId());
        if (w.hasMetadata()) {
            w.metadata().forEach((k, v) -> r.header("x-amz-meta-" + k, v));
        }
    }

    private static void set(AwsHttpResponse r, String name, String value) {
        if (value != null) {
            r.header(name, value);
        }
    }
}
