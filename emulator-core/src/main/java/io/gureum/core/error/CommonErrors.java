package io.gureum.core.error;

/** Protocol-level errors every service can answer with, in AWS's wording. */
public final class CommonErrors {
    private CommonErrors() {
    }

    /** Query and EC2 services: an Action the service does not have. */
    public static AwsException invalidAction(String action) {
        return new AwsException("InvalidAction", "The action " + printable(action) + " is not valid for this web service.", 400);
    }

    /**
     * A client-sent value fit to echo in a message: control characters (which XML 1.0 cannot carry even
     * escaped) become '?', and it is cut at 256 characters.
     */
    public static String printable(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(value.length(), 256));
        for (int i = 0; i < value.length() && i < 256; i++) {
            char c = value.charAt(i);
            sb.append(c < 0x20 || c == 0x7f || c == 0xfffe || c == 0xffff || Character.isSurrogate(c) ? '?' : c);
        }
        return sb.toString();
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

    /**
     * A request for an AWS API no enabled module serves (KMS, EventBridge …), answered in that API's own
     * protocol; {@code api} is its signing name, as users know it from ARNs and the CLI.
     */
    public static AwsException notEmulated(String api) {
        return new AwsException("NotImplemented", "Gureum does not emulate " + api + " yet", 501, false);
    }

    /** A request for an API AWS has and Gureum serves, but not in this run ({@code --services}). */
    public static AwsException notEnabled(String api) {
        return new AwsException("NotImplemented", "Gureum serves " + api + " but it is not enabled in this run "
                + "(see --services)", 501, false);
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
