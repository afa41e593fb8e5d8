package io.gureum.core.error;

/**
 * An AWS error that has no modeled exception class in the SDK (every EC2 error, the protocol-level
 * errors, and codes a service adds). Services throw it from handler methods; the codec writes it in
 * the request's protocol.
 */
public class AwsException extends RuntimeException {
    private final String code;
    private final int status;
    private final boolean senderFault;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();

    public AwsException(String code, String message, int status) {
        this(code, message, status, status < 500);
    }

    public AwsException(String code, String message, int status, boolean senderFault) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.senderFault = senderFault;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public boolean senderFault() {
        return senderFault;
    }

    /** Adds a header to the error response (S3's {@code x-amz-delete-marker} on a 404 …). */
    public AwsException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public java.util.Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    public static AwsException badRequest(String code, String message) {
        return new AwsException(code, message, 400);
    }
}
