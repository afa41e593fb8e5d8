package io.gureum.logs;

import io.gureum.logs.insights.LogRecord;
import io.gureum.logs.insights.Records;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogRecordRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogRecordResponse;

/** GetLogRecord: the event a Logs Insights row's {@code @ptr} names. */
final class LogRecords {
    private final LogsStores stores;

    LogRecords(LogsStores stores) {
        this.stores = stores;
    }

    /**
     * The fields of the event a query row's {@code @ptr} names: {@code @timestamp} and {@code @ingestionTime} in
     * epoch milliseconds, {@code @message}, {@code @logStream}, {@code @log} and the JSON message's fields.
     */
    public GetLogRecordResponse getLogRecord(GetLogRecordRequest request) {
        LogsStore store = stores.current();
        LogPointers.Pointer p = LogPointers.decode(request.logRecordPointer());
        if (p == null) {
            throw LogsErrors.invalidParameter("Invalid log record pointer");
        }
        LogGroup group = store.groups.get(p.group());
        LogStream stream = group == null ? null : group.streams.get(p.stream());
        List<StoredEvent> found = stream == null ? List.of()
                : stream.forward(StoredEvent.probe(p.timestamp(), p.seq() - 1), 1, e -> true);
        if (found.isEmpty() || found.get(0).seq() != p.seq()) {
            throw LogsErrors.notFound("The specified log record does not exist.");
        }
        StoredEvent e = found.get(0);
        LogRecord r = new LogRecord(e.timestamp(), e.ingestionTime(), e.insightsMessage(), stream.name,
                store.account + ":" + group.name, request.logRecordPointer());
        Map<String, String> fields = Records.asText(r);
        return GetLogRecordResponse.builder().logRecord(fields).build();
    }
}
