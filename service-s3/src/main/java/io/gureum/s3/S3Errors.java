package io.gureum.s3;

import io.gureum.core.error.AwsException;
import io.gureum.core.error.ModeledErrors;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.AccessDeniedException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.InvalidObjectStateException;
import software.amazon.awssdk.services.s3.model.InvalidRequestException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;

/**
 * S3's errors in one place, with AWS's codes, statuses and wording
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
 */
public final class S3Errors {
    private S3Errors() {
    }

    public static NoSuchBucketException noSuchBucket(String bucket) {
        return ErrorDetails.add(ModeledErrors.of(NoSuchBucketException.class, "The specified bucket does not exist"),
                "BucketName", bucket);
    }

    /**
     * GET or HEAD of a key whose current version is a delete marker: 404 NoSuchKey that says so in
     * {@code x-amz-delete-marker} and {@code x-amz-version-id}
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeleteMarker.html). The headers travel in the
     * exception's {@code sdkHttpResponse}, which core writes onto the error response.
     */
    public static NoSuchKeyException noSuchKeyDeleteMarker(String markerVersionId) {
        NoSuchKeyException e = noSuchKey();
        return (NoSuchKeyException) e.toBuilder().awsErrorDetails(e.awsErrorDetails().toBuilder()
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(e.statusCode())
                        .putHeader("x-amz-delete-marker", "true")
                        .putHeader("x-amz-version-id", markerVersionId).build())
                .build()).build();
    }

    public static NoSuchKeyException noSuchKey() {
        return ModeledErrors.of(NoSuchKeyException.class, "The specified key does not exist.");
    }

    public static NoSuchUploadException noSuchUpload() {
        return ModeledErrors.of(NoSuchUploadException.class, "The specified upload does not exist. The upload ID may "
                + "be invalid, or the upload may have been aborted or completed.");
    }

    public static BucketAlreadyExistsException bucketAlreadyExists() {
        return ModeledErrors.of(BucketAlreadyExistsException.class, "The requested bucket name is not available. The "
                + "bucket namespace is shared by all users of the system. Please select a different name and try again.");
    }

    public static BucketAlreadyOwnedByYouException bucketAlreadyOwnedByYou() {
        return ModeledErrors.of(BucketAlreadyOwnedByYouException.class,
                "Your previous request to create the named bucket succeeded and you already own it.");
    }

    /**
     * GET or copy of a GLACIER or DEEP_ARCHIVE object that is not restored: 403 InvalidObjectState, whose
     * body also names the object's {@code StorageClass} (a member of the modeled error, which the codec
     * writes after Code and Message).
     */
    public static InvalidObjectStateException notRestored(String storageClass) {
        InvalidObjectStateException e = ModeledErrors.of(InvalidObjectStateException.class,
                "The operation is not valid for the object's storage class");
        return (InvalidObjectStateException) e.toBuilder().storageClass(storageClass).build();
    }

    public static AwsException noSuchVersion() {
        return new AwsException("NoSuchVersion",
                "The specified version does not exist.", 404);
    }

    public static AwsException invalidBucketName() {
        return new AwsException("InvalidBucketName", "The specified bucket is not valid.", 400);
    }

    public static AwsException bucketNotEmpty(boolean versioned) {
        return new AwsException("BucketNotEmpty", versioned
                ? "The bucket you tried to delete is not empty. You must delete all versions in the bucket."
                : "The bucket you tried to delete is not empty", 409);
    }

    public static AwsException invalidRange() {
        return new AwsException("InvalidRange", "The requested range is not satisfiable", 416);
    }

    /** InvalidRange with the object's size (the request's Range is added as RangeRequested). */
    public static AwsException invalidRange(long actualObjectSize) {
        return ErrorDetails.add(invalidRange(), "ActualObjectSize", Long.toString(actualObjectSize));
    }

    public static AwsException preconditionFailed() {
        return new AwsException("PreconditionFailed", "At least one of the pre-conditions you specified did not hold",
                412);
    }

    public static AwsException notModified() {
        return new AwsException("NotModified", "Not Modified", 304);
    }

    public static AwsException conditionalRequestConflict() {
        return new AwsException("ConditionalRequestConflict",
                "A conflicting operation occurred. If using PutObject you can retry the request. If using "
                        + "CompleteMultipartUpload you should reupload the part and retry the request.", 409);
    }

    public static AwsException entityTooSmall() {
        return new AwsException("EntityTooSmall",
                "Your proposed upload is smaller than the minimum allowed object size.", 400);
    }

    public static AwsException entityTooLarge() {
        return new AwsException("EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size.", 400);
    }

    public static AwsException invalidPart() {
        return new AwsException("InvalidPart", "One or more of the specified parts could not be found.  The part "
                + "may not have been uploaded, or the specified entity tag may not match the part's entity tag.", 400);
    }

    public static AwsException invalidPartOrder() {
        return new AwsException("InvalidPartOrder",
                "The list of parts was not in ascending order. Parts must be ordered by part number.", 400);
    }

    public static AwsException methodNotAllowed() {
        return new AwsException("MethodNotAllowed", "The specified method is not allowed against this resource.",
                405);
    }

    public static AwsException invalidArgument(String message) {
        return new AwsException("InvalidArgument", message, 400);
    }

    /** InvalidArgument naming the argument and the value given, as S3's body does. */
    public static AwsException invalidArgument(String message, String argumentName, String argumentValue) {
        return ErrorDetails.add(invalidArgument(message), "ArgumentName", argumentName, "ArgumentValue",
                argumentValue == null ? "" : argumentValue);
    }

    /** PreconditionFailed naming the header whose condition did not hold ({@code If-Match} …). */
    public static AwsException preconditionFailed(String condition) {
        return ErrorDetails.add(preconditionFailed(), "Condition", condition);
    }

    public static InvalidRequestException invalidRequest(String message) {
        return ModeledErrors.of(InvalidRequestException.class, message);
    }

    public static AwsException malformedXml() {
        return new AwsException("MalformedXML", "The XML you provided was not well-formed or did not validate "
                + "against our published schema", 400);
    }

    public static AwsException badDigest(String what) {
        return new AwsException("BadDigest", "The " + what + " you specified did not match the calculated checksum.",
                400);
    }

    public static AwsException invalidDigest() {
        return new AwsException("InvalidDigest", "The Content-MD5 you specified was invalid.", 400);
    }

    public static AccessDeniedException accessDenied(String message) {
        return ModeledErrors.of(AccessDeniedException.class, message);
    }

    public static AwsException invalidTag(String message) {
        return new AwsException("InvalidTag", message, 400);
    }

    public static AwsException missing(String code, String message) {
        return new AwsException(code, message, 404);
    }

    public static AwsException invalidLocationConstraint() {
        return new AwsException("InvalidLocationConstraint", "The specified location-constraint is not valid", 400);
    }

    public static AwsException illegalLocationConstraint(String constraint) {
        return new AwsException("IllegalLocationConstraintException", (constraint == null ? "The unspecified"
                : "The " + constraint) + " location constraint is incompatible for the region specific endpoint "
                + "this request was sent to.", 400);
    }

    public static AccessDeniedException objectLocked() {
        return accessDenied("Access Denied because object protected by object lock.");
    }

    public static AwsException malformedPolicy(String message) {
        return new AwsException("MalformedPolicy", message, 400);
    }

    public static AwsException invalidPartNumber() {
        return new AwsException("InvalidPartNumber", "The requested partnumber is not satisfiable", 416);
    }

    public static AwsException incompleteBody() {
        return new AwsException("IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header", 400);
    }

    public static AwsException keyTooLong() {
        return new AwsException("KeyTooLongError", "Your key is too long", 400);
    }

    public static AwsException metadataTooLarge() {
        return new AwsException("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size",
                400);
    }

    public static AwsException invalidObjectState(String message) {
        return new AwsException("InvalidObjectState", message, 403);
    }
}
