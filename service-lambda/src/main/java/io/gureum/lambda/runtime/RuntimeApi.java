package io.gureum.lambda.runtime;

import java.util.function.Consumer;

/** What one execution environment answers on its Lambda Runtime API; called by {@link RuntimeApiHandler} on the event loop. */
interface RuntimeApi {

    /** Long poll for the next invocation: {@code delivery} is called once, now or when an invocation arrives. */
    void next(Consumer<NextInvocation> delivery);

    Answer response(String requestId, byte[] body);

    Answer error(String requestId, String errorType, byte[] body);

    Answer initError(String errorType, byte[] body);

    /**
     * The runtime begins a streamed response ({@code Lambda-Runtime-Function-Response-Mode: streaming}): where its
     * body goes, or null when {@code requestId} is not the invocation running.
     */
    ResponseSink streamStarted(String requestId, String contentType);

    /**
     * The streamed response ended: {@code errorType} and {@code errorBody} (the trailers
     * {@code Lambda-Runtime-Function-Error-Type} and the decoded {@code -Error-Body}) are null unless the function
     * failed mid-stream.
     */
    Answer streamEnded(String requestId, String errorType, byte[] errorBody);

    /** The runtime posted a response over the payload limit (the body was not read). */
    Answer responseTooLarge(String requestId);

    /** The event handed to the runtime by {@code GET /runtime/invocation/next}. */
    record NextInvocation(String requestId, long deadlineMs, String invokedFunctionArn, String traceId,
            String clientContext, byte[] payload) {
    }

    /** The HTTP status and, unless accepted, the error document of a Runtime API call. */
    record Answer(int status, String errorType, String errorMessage) {
        static final Answer ACCEPTED = new Answer(202, null, null);

        static Answer invalidRequestId() {
            return new Answer(400, "InvalidRequestID", "Invalid request ID");
        }

        static Answer invalidState(String message) {
            return new Answer(403, "InvalidStateTransition", message);
        }

        static Answer tooLarge() {
            return new Answer(413, "RequestEntityTooLarge", "Exceeded maximum allowed payload size ("
                    + RuntimeApiServer.MAX_RESPONSE_BYTES + " bytes).");
        }
    }
}
