package io.gureum.cloudwatch.math;

/** An expression that does not parse or evaluate; the caller turns it into CloudWatch's error. */
public final class MathException extends RuntimeException {
    public MathException(String message) {
        super(message);
    }
}
