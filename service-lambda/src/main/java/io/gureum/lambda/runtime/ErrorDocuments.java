package io.gureum.lambda.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The error payloads Lambda itself (not the runtime) returns from Invoke. */
final class ErrorDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErrorDocuments() {
    }

    /**
     * Current Lambda answers a timeout with {@code {"errorType":"Sandbox.Timedout","errorMessage":"RequestId: <id>
     * Error: Task timed out after 3.00 seconds"}} (older platforms put an ISO timestamp first and had no errorType);
     * see https://docs.aws.amazon.com/lambda/latest/dg/troubleshooting-invocation.html#troubleshooting-timeouts.
     */
    static byte[] timeout(String requestId, double seconds) {
        return doc("Sandbox.Timedout", "RequestId: " + requestId + " Error: Task timed out after "
                + String.format(Locale.ROOT, "%.2f", seconds) + " seconds");
    }

    /** The runtime process ended during an invocation: {@code Runtime.ExitError}. */
    static byte[] exit(String requestId, String exitDescription) {
        return doc("Runtime.ExitError", "RequestId: " + requestId + " Error: Runtime exited with error: "
                + exitDescription);
    }

    /** {@code provided} runtimes need an executable {@code bootstrap}; Lambda says so with {@code Runtime.InvalidEntrypoint}. */
    static byte[] invalidEntrypoint(String requestId, String detail) {
        return doc("Runtime.InvalidEntrypoint", "RequestId: " + requestId + " Error: " + detail);
    }

    static byte[] streamTooLarge() {
        return doc("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size ("
                + StreamedResponses.MAX_STREAMED_BYTES + " bytes).");
    }

    static byte[] responseTooLarge() {
        return doc("Function.ResponseSizeTooLarge", "Response payload size exceeded maximum allowed payload size ("
                + RuntimeApiServer.MAX_RESPONSE_BYTES + " bytes).");
    }

    /** A runtime's error post with no usable body: Lambda reports the error type header alone. */
    static byte[] fromErrorType(String errorType) {
        return doc(errorType == null ? "Runtime.Unknown" : errorType, "");
    }

    /** How Go describes a process end, which is what Lambda's messages show ({@code exit status 1}, {@code signal: killed}). */
    static String exitDescription(int exitValue) {
        if (exitValue > 128) {
            return switch (exitValue - 128) {
                case 9 -> "signal: killed";
                case 15 -> "signal: terminated";
                case 6 -> "signal: aborted";
                case 11 -> "signal: segmentation fault";
                case 2 -> "signal: interrupt";
                default -> "signal: " + (exitValue - 128);
            };
        }
        return "exit status " + exitValue;
    }

    static byte[] doc(String errorType, String errorMessage) {
        ObjectNode node = JSON.createObjectNode();
        node.put("errorType", errorType);
        node.put("errorMessage", errorMessage);
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The {@code errorType} of an error document, or null when it is not one. */
    static String errorTypeOf(byte[] document) {
        try {
            var node = JSON.readTree(document);
            return node != null && node.hasNonNull("errorType") ? node.get("errorType").asText() : null;
        } catch (Exception notJson) {
            return null;
        }
    }
}
