package io.gureum.logs.transform;

/** A processor that cannot work on this event (a source that does not parse); the event keeps its original form. */
final class TransformFailed extends RuntimeException {
    TransformFailed(String message) {
        super(message, null, false, false);
    }
}
