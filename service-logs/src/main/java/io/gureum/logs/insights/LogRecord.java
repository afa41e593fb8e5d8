package io.gureum.logs.insights;

/**
 * One log event as a query sees it. {@code log} is the {@code @log} field, {@code <account>:<log group>};
 * {@code ptr} the {@code @ptr} that names the event for {@code GetLogRecord}.
 */
public record LogRecord(long timestamp, long ingestionTime, String message, String logStream, String log,
        String ptr) {
}
