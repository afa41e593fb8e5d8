package io.gureum.lambda.runtime;

import java.util.Locale;

/**
 * The lines Lambda itself writes around each invocation
 * (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html). Since August 2025 the
 * init phase is billed, so {@code Billed Duration} of a cold start includes {@code Init Duration}.
 */
final class LogFrames {
    private LogFrames() {
    }

    static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version;
    }

    static String end(String requestId) {
        return "END RequestId: " + requestId;
    }

    static String initReport(double initMs, String errorType) {
        return "INIT_REPORT Init Duration: " + ms(initMs) + " ms\tPhase: init\tStatus: error\tError Type: " + errorType;
    }

    /**
     * @param initMs    the init duration on a cold start, else null
     * @param status    {@code timeout} or {@code error} when Lambda ended the invocation, else null
     * @param errorType the platform error type with status {@code error}
     */
    static String report(String requestId, double durationMs, int memorySize, long maxMemoryMb, Double initMs,
            String status, String errorType) {
        double billed = Math.ceil(durationMs + (initMs == null ? 0 : initMs));
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(ms(durationMs)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.max(1, billed)).append(" ms")
                .append("\tMemory Size: ").append(memorySize).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryMb).append(" MB");
        if (initMs != null) {
            line.append("\tInit Duration: ").append(ms(initMs)).append(" ms");
        }
        if (status != null) {
            line.append("\tStatus: ").append(status);
            if (errorType != null) {
                line.append("\tError Type: ").append(errorType);
            }
        }
        return line.toString();
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
