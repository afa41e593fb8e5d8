package io.gureum.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;

/** Log streams: create, delete, describe. */
final class LogStreams {
    private final Expiry expiry;

    LogStreams(Expiry expiry) {
        this.expiry = expiry;
    }

    void create(LogsStore store, String logGroupName, String logStreamName, long now) {
        Validation.groupName(logGroupName, "logGroupName");
        Validation.streamName(logStreamName, "logStreamName");
        LogGroup group = store.group(logGroupName);
        LogStream stream = new LogStream(logStreamName, now, group.streamArn(logStreamName));
        if (group.streams.putIfAbsent(logStreamName, stream) != null) {
            throw LogsErrors.alreadyExists("The specified log stream already exists");
        }
    }

    void delete(LogsStore store, String logGroupName, String logStreamName) {
        Validation.groupName(logGroupName, "logGroupName");
        Validation.streamName(logStreamName, "logStreamName");
        LogGroup group = store.group(logGroupName);
        LogStream stream = group.streams.remove(logStreamName);
        if (stream == null) {
            throw LogsErrors.streamNotFound();
        }
        expiry.dropStream(stream);
    }

    DescribeLogStreamsResponse describe(LogsStore store, DescribeLogStreamsRequest request) {
        LogGroup group = Identifiers.group(store, request.logGroupName(), request.logGroupIdentifier());
        String prefix = request.logStreamNamePrefix();
        if (prefix != null) {
            Validation.streamName(prefix, "logStreamNamePrefix");
        }
        boolean byTime = request.orderBy() == OrderBy.LAST_EVENT_TIME;
        if (request.orderBy() == OrderBy.UNKNOWN_TO_SDK_VERSION) {
            throw LogsErrors.validation(request.orderByAsString(), "orderBy",
                    "Member must satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if (byTime && prefix != null) {
            throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        boolean descending = Boolean.TRUE.equals(request.descending());
        int limit = Validation.limit(request.limit(), "limit", 1, 50, 50);
        int offset = offset(PageTokens.decode("streams", request.nextToken()));

        List<LogStream> matching = new ArrayList<>();
        for (LogStream s : group.streams.values()) {
            if (prefix == null || s.name.startsWith(prefix)) {
                matching.add(s);
            }
        }
        Comparator<LogStream> order = byTime
                ? Comparator.comparingLong(LogStream::lastEventTimestamp).thenComparing(s -> s.name)
                : Comparator.comparing(s -> s.name);
        matching.sort(descending ? order.reversed() : order);

        List<software.amazon.awssdk.services.cloudwatchlogs.model.LogStream> page = new ArrayList<>();
        for (int i = offset; i < matching.size() && page.size() < limit; i++) {
            page.add(describe(matching.get(i)));
        }
        int next = offset + page.size();
        return DescribeLogStreamsResponse.builder().logStreams(page)
                .nextToken(next < matching.size() ? PageTokens.encode("streams", Integer.toString(next)) : null)
                .build();
    }

    private static int offset(String position) {
        if (position == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(position);
            if (n < 0) {
                throw LogsErrors.invalidToken();
            }
            return n;
        } catch (NumberFormatException e) {
            throw LogsErrors.invalidToken();
        }
    }

    /** {@code storedBytes} of streams "is always reported as zero" since 2019 (LogStream's API reference). */
    static software.amazon.awssdk.services.cloudwatchlogs.model.LogStream describe(LogStream s) {
        LogStream.Summary sum = s.summary();
        return software.amazon.awssdk.services.cloudwatchlogs.model.LogStream.builder()
                .logStreamName(s.name).creationTime(s.creationTime)
                .firstEventTimestamp(sum.firstEventTimestamp()).lastEventTimestamp(sum.lastEventTimestamp())
                .lastIngestionTime(sum.lastIngestionTime()).uploadSequenceToken(sum.sequenceToken())
                .arn(s.arn).storedBytes(0L).build();
    }
}
