package io.gureum.core.protocol.index;

/** A modeled error: the wire code, the SDK exception class that stands for it, and its HTTP status. */
public record ErrorEntry(String code, String exceptionClass, int status) {
}
