package io.gureum.cloudformation.resource;

/**
 * A handler's own refusal of a resource (a required property missing, a value the service would not
 * take): the message becomes the resource's failure reason in the stack's events.
 */
public class ResourceFailure extends RuntimeException {
    private final String handlerErrorCode;

    /** A failure with AWS's {@code HandlerErrorCode} {@code InvalidRequest}. */
    public ResourceFailure(String message) {
        this(message, "InvalidRequest");
    }

    /**
     * A failure with one of the handler error codes of the CloudFormation resource provider contract:
     * {@code InvalidRequest}, {@code NotFound}, {@code AlreadyExists}, {@code NotStabilized},
     * {@code ServiceLimitExceeded}, {@code GeneralServiceException} …
     */
    public ResourceFailure(String message, String handlerErrorCode) {
        super(message);
        this.handlerErrorCode = handlerErrorCode;
    }

    public String handlerErrorCode() {
        return handlerErrorCode;
    }
}
