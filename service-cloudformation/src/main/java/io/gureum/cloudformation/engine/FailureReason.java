package io.gureum.cloudformation.engine;

import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.core.error.AwsException;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * A resource failure's reason as the stack's events show it. Failures of registry-based resource types
 * read {@code Resource handler returned message: "<service message>" (RequestToken: …, HandlerErrorCode:
 * …)}; template errors found while resolving the resource's properties are shown as they are.
 */
final class FailureReason {
    private FailureReason() {
    }

    static String of(Throwable error, String requestToken) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof AwsException || e instanceof Signals.SignalFailure || e instanceof NestedFailure) {
            return e.getMessage();
        }
        String code;
        String message;
        if (e instanceof ResourceFailure f) {
            code = f.handlerErrorCode();
            message = f.getMessage();
        } else if (e instanceof AwsServiceException s) {
            code = handlerCode(s);
            message = s.getMessage();
        } else {
            code = "InternalFailure";
            message = String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return "Resource handler returned message: \"" + message + "\" (RequestToken: " + requestToken
                + ", HandlerErrorCode: " + code + ")";
    }

    /** A failure whose message is the whole reason (a nested stack's). */
    public static final class NestedFailure extends RuntimeException {
        public NestedFailure(String message) {
            super(message);
        }
    }

    /** The resource provider contract's error code for a service error. */
    private static String handlerCode(AwsServiceException s) {
        String code = s.awsErrorDetails() == null ? "" : String.valueOf(s.awsErrorDetails().errorCode());
        if (code.contains("AlreadyExists") || code.contains("Exists") || code.contains("Duplicate")) {
            return "AlreadyExists";
        }
        if (code.contains("NotFound") || code.startsWith("NoSuch") || code.contains("DoesNotExist")) {
            return "NotFound";
        }
        if (code.contains("LimitExceeded")) {
            return "ServiceLimitExceeded";
        }
        // JSON APIs deny with AccessDeniedException and status 400, EC2 with UnauthorizedOperation, SNS with
        // AuthorizationError: each is the contract's AccessDenied, as a 403 is.
        if (s.statusCode() == 403 || code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")
                || code.equals("AuthorizationError")) {
            return "AccessDenied";
        }
        return s.statusCode() >= 500 ? "GeneralServiceException" : "InvalidRequest";
    }
}
