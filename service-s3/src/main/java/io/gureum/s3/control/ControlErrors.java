package io.gureum.s3.control;

import io.gureum.core.error.AwsException;
import io.gureum.core.protocol.RequestContext;

/** S3 Control's error codes and wording (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). */
final class ControlErrors {
    private ControlErrors() {
    }

    static AwsException noSuchAccessPoint() {
        return new AwsException("NoSuchAccessPoint", "The specified accesspoint does not exist", 404);
    }

    static AwsException noSuchAccessPointPolicy() {
        return new AwsException("NoSuchAccessPointPolicy", "The specified accesspoint policy does not exist", 404);
    }

    static AwsException accessDenied() {
        return new AwsException("AccessDenied", "Access Denied", 403);
    }

    static AwsException invalidRequest(String message) {
        return new AwsException("InvalidRequest", message, 400);
    }

    /**
     * The account named in {@code x-amz-account-id} must be the caller's: S3 Control acts on the caller's
     * own account only (another account's ID is refused with AccessDenied).
     */
    static String callerAccount(String named) {
        String caller = RequestContext.current().accountId();
        if (named == null || !named.equals(caller)) {
            throw accessDenied();
        }
        return caller;
    }
}
