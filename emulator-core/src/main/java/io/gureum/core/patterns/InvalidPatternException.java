package io.gureum.core.patterns;

/** A pattern EventBridge refuses; the message is the reason after "Event pattern is not valid. Reason: ". */
public final class InvalidPatternException extends RuntimeException {
    public InvalidPatternException(String reason) {
        super(reason, null, false, false);
    }
}
