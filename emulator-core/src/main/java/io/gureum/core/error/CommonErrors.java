package io.gureum.core.error;

/** Protocol-level errors every service can answer with, in AWS's wording. */
public final class CommonErrors {
    private CommonErrors() {
    }

    /** Query and EC2 services: an Action the service does not have. */
    public static AwsException invalidAction(String action) {
        return new AwsException("InvalidAction", "The action " + action + " is not valid for this web service.", 400);
    }

    /** JSON services: an X-Amz-Target the service does not have. */
    public static AwsException unknownOperation() {
        return new AwsException("UnknownOperationException", null, 400);
    }

    /** An operation AWS has and Gureum does not emulate yet. */
    public static AwsException notImplemented(String service, String operation) {
        return new AwsException("NotImplemented",
                "The operation " + operation + " of service " + service + " is not implemented by Gureum.", 501, false);
    }

    public static AwsException serialization(String message) {
        return new AwsException("SerializationException", message, 400);
    }

    public static AwsException malformedQuery(String message) {
        return new AwsException("MalformedQueryString", message, 400);
    }

    public static AwsException missingParameter(String name) {
        return new AwsException("MissingParameter", "The request must contain the parameter " + name, 400);
    }

    public static AwsException invalidParameterValue(String message) {
        return new AwsException("InvalidParameterValue", message, 400);
    }

    public static AwsException internalFailure(String requestId) {
        return new AwsException("InternalFailure",
                "The request processing has failed because of an unknown error, exception or failure. Request id: "
                        + requestId, 500, false);
    }

    public static AwsException requestTooLarge(long limit) {
        return new AwsException("RequestEntityTooLarge", "Request body exceeds the limit of " + limit + " bytes", 413);
    }
}
