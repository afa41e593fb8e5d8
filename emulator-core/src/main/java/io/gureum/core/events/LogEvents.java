package io.gureum.core.events;

import java.util.List;

/**
 * Log lines a service writes to CloudWatch Logs on a resource's behalf (Lambda's function output):
 * published on the {@link EventBus}; the Logs service, when it runs, appends them to the group and
 * stream, creating both if needed, as Lambda's service role does in AWS.
 *
 * @param account       the account of the log group
 * @param region        the region of the log group
 * @param logGroupName  e.g. {@code /aws/lambda/my-function}
 * @param logStreamName e.g. {@code 2026/11/26/[$LATEST]0123456789abcdef0123456789abcdef}
 * @param events        in the order they were written
 */
public record LogEvents(String account, String region, String logGroupName, String logStreamName,
        List<Event> events) {

    /** One line: when it was written (epoch milliseconds) and its text. */
    public record Event(long timestamp, String message) {
    }
}
