package io.gureum.events.delivery;

/**
 * A delivery that failed with the dead-letter queue's ERROR_CODE already known (an API destination's answer,
 * a host that is not loopback), and whether EventBridge retries it.
 */
public final class DeliveryFailure extends RuntimeException {
    private final String errorCode;
    private final boolean retryable;

    public DeliveryFailure(String errorCode, String message, boolean retryable) {
        super(message);
        this.errorCode = errorCode;
        this.retryable = retryable;
    }

    public String errorCode() {
        return errorCode;
    }

    public boolean retryable() {
        return retryable;
    }
}
