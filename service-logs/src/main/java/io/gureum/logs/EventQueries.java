package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** Reads events: {@code GetLogEvents} (one stream, forward/backward tokens) and {@code FilterLogEvents}. */
final class EventQueries {
    static final int MAX_LIMIT = 10_000;
    private static final String ZERO = "0".repeat(56);

    private final LogsStores stores;
    private final Expiry expiry;

    EventQueries(LogsStores stores, Expiry expiry) {
        this.stores = stores;
        this.expiry = expiry;
    }

    /**
     * GetLogEvents' tokens are {@code f/<56 digits>/s} and {@code b/<56 digits>/s}, as AWS's look: the
     * digits are the event ID the page ends at. "If you have reached the end of the stream, it returns
     * the same token you passed in" (API_GetLogEvents.html), which is how clients know to stop.
     */
    public GetLogEventsResponse getLogEvents(GetLogEventsRequest request) {
        LogsStore store = stores.current();
        LogGroup group = Identifiers.group(store, request.logGroupName(), request.logGroupIdentifier());
        LogStream stream = store.stream(group, request.logStreamName());
        int limit = request.limit() == null ? MAX_LIMIT : request.limit();
        Predicate<StoredEvent> keep = window(group, request.startTime(), request.endTime(), false);
        String token = request.nextToken();
        Boolean forward = null;
        StoredEvent position = null;
        if (token != null) {
            if (!token.matches("[fb]/\\d{56}/s")) {
                throw LogsErrors.invalidToken();
            }
            forward = token.charAt(0) == 'f';
            String digits = token.substring(2, 58);
            try {
                position = StoredEvent.probe(Long.parseLong(digits.substring(0, 20)),
                        Long.parseLong(digits.substring(20)));
            } catch (NumberFormatException outOfRange) {
                throw LogsErrors.invalidToken();
            }
        }
        boolean goForward = forward != null ? forward : Boolean.TRUE.equals(request.startFromHead());
        List<StoredEvent> events = goForward ? stream.forward(position, limit, keep)
                : stream.backward(position, limit, keep);
        String idOrZero = position == null ? ZERO : position.eventId();
        String nextForward;
        String nextBackward;
        if (events.isEmpty()) {
            nextForward = Boolean.TRUE.equals(forward) ? token : "f/" + idOrZero + "/s";
            nextBackward = Boolean.FALSE.equals(forward) ? token : "b/" + idOrZero + "/s";
        } else {
            nextForward = "f/" + events.get(events.size() - 1).eventId() + "/s";
            nextBackward = "b/" + events.get(0).eventId() + "/s";
        }
        List<OutputLogEvent> out = new ArrayList<>(events.size());
        for (StoredEvent e : events) {
            out.add(OutputLogEvent.builder().timestamp(e.timestamp()).message(e.message())
                    .ingestionTime(e.ingestionTime()).build());
        }
        return GetLogEventsResponse.builder().events(out).nextForwardToken(nextForward)
                .nextBackwardToken(nextBackward).build();
    }

    /** Events of the group's chosen streams, in timestamp order, that match the pattern; paged by position. */
    public FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest request) {
        LogGroup group = Identifiers.group(stores.current(), request.logGroupName(), request.logGroupIdentifier());
        List<String> names = request.hasLogStreamNames() ? request.logStreamNames() : null;
        String prefix = request.logStreamNamePrefix();
        if (names != null && prefix != null) {
            throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive");
        }
        FilterPattern pattern = FilterPatterns.parse(request.filterPattern());
        int limit = request.limit() == null ? MAX_LIMIT : request.limit();
        StoredEvent after = position(PageTokens.decode("filter", request.nextToken()));
        Predicate<StoredEvent> keep = window(group, request.startTime(), request.endTime(), true)
                .and(e -> pattern.matches(e.message()));

        List<Hit> hits = new ArrayList<>();
        for (LogStream stream : group.streams.values()) {
            if ((names != null && !names.contains(stream.name)) || (prefix != null && !stream.name.startsWith(prefix))) {
                continue;
            }
            // At most limit + 1 from each stream: enough to fill the page and know whether more remain.
            for (StoredEvent e : stream.forward(after, limit + 1, keep)) {
                hits.add(new Hit(stream.name, e));
            }
        }
        hits.sort((a, b) -> StoredEvent.ORDER.compare(a.event(), b.event()));
        List<FilteredLogEvent> out = new ArrayList<>();
        for (Hit h : hits.subList(0, Math.min(limit, hits.size()))) {
            StoredEvent e = h.event();
            out.add(FilteredLogEvent.builder().logStreamName(h.stream()).timestamp(e.timestamp())
                    .message(e.message()).ingestionTime(e.ingestionTime()).eventId(e.eventId()).build());
        }
        String next = null;
        if (hits.size() > limit) {
            StoredEvent last = hits.get(limit - 1).event();
            next = PageTokens.encode("filter", last.timestamp() + ":" + last.seq());
        }
        return FilterLogEventsResponse.builder().events(out).nextToken(next).build();
    }

    private record Hit(String stream, StoredEvent event) {
    }

    private static StoredEvent position(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        try {
            return StoredEvent.probe(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw LogsErrors.invalidToken();
        }
    }

    /**
     * {@code startTime} inclusive; {@code endTime} exclusive for GetLogEvents ("equal to or later than this
     * time are not included") but inclusive for FilterLogEvents ("later than this time are not returned");
     * never events past the group's retention.
     */
    private Predicate<StoredEvent> window(LogGroup group, Long startTime, Long endTime, boolean endInclusive) {
        long from = Math.max(startTime == null ? Long.MIN_VALUE : startTime, expiry.cutoff(group));
        long to = endTime == null ? Long.MAX_VALUE : endInclusive && endTime < Long.MAX_VALUE ? endTime + 1 : endTime;
        return e -> e.timestamp() >= from && e.timestamp() < to;
    }
}
