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

    public static AwsException badRequest(String code, String message) {
        return new AwsException(code, message, 400);
    }
}
