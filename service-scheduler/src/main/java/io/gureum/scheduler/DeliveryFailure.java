package io.gureum.scheduler;

/**
 * A target invocation that failed: the error code and message the dead-letter event carries, and whether
 * trying again could help (throttling and server errors) or not (a missing queue, a bad input).
 */
final class DeliveryFailure extends RuntimeException {
    private final String code;
    private final boolean retryable;

    DeliveryFailure(String code, String message, boolean retryable) {
        super(message, null, false, false);
        this.code = code;
        this.retryable = retryable;
    }

    String code() {
        return code;
    }

    boolean retryable() {
        return retryable;
    }
}
