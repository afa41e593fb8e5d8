package io.gureum.lambda.runtime;

import java.time.Instant;

/**
 * One line a function's environment wrote, as CloudWatch Logs would store it.
 *
 * @param timestamp     when Gureum read it
 * @param logGroupName  {@code /aws/lambda/<function>}
 * @param logStreamName the environment's stream ({@code YYYY/MM/DD/[$LATEST]<32 hex>})
 * @param message       the line, or one of Lambda's START/END/REPORT lines
 */
public record LogEvent(Instant timestamp, String logGroupName, String logStreamName, String message) {
}
