package io.gureum.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogStreamResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogStreamsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;

/** Log streams: create, delete, describe (names and limits are checked by core against the API model). */
final class LogStreams {
    private final LogsStores stores;
    private final Expiry expiry;

    LogStreams(LogsStores stores, Expiry expiry) {
        this.stores = stores;
        this.expiry = expiry;
    }

    public CreateLogStreamResponse createLogStream(CreateLogStreamRequest request) {
        String logStreamName = request.logStreamName();
        LogGroup group = stores.current().group(request.logGroupName());
        LogStream stream = new LogStream(logStreamName, stores.now(), group.streamArn(logStreamName));
        if (group.streams.putIfAbsent(logStreamName, stream) != null) {
            throw LogsErrors.alreadyExists("The specified log stream already exists");
        }
        return CreateLogStreamResponse.builder().build();
    }

    public DeleteLogStreamResponse deleteLogStream(DeleteLogStreamRequest request) {
        LogGroup group = stores.current().group(request.logGroupName());
        LogStream stream = group.streams.remove(request.logStreamName());
        if (stream == null) {
            throw LogsErrors.streamNotFound();
        }
        expiry.dropStream(stream);
        return DeleteLogStreamResponse.builder().build();
    }

    public DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest request) {
        LogGroup group = Identifiers.group(stores.current(), request.logGroupName(), request.logGroupIdentifier());
        String prefix = request.logStreamNamePrefix();
        boolean byTime = request.orderBy() == OrderBy.LAST_EVENT_TIME;
        if (byTime && prefix != null) {
            throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        boolean descending = Boolean.TRUE.equals(request.descending());
        int limit = request.limit() == null ? 50 : request.limit();
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
