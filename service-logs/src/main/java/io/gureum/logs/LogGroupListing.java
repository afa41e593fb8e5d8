package io.gureum.logs;

import io.gureum.logs.insights.LogRecord;
import io.gureum.logs.insights.Records;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogGroupFieldsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogGroupFieldsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupField;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupSummary;
import software.amazon.awssdk.services.cloudwatchlogs.model.TagFilter;

/**
 * ListLogGroups (the newer listing: name prefixes and substrings, class, field index names and tag filters; API_ListLogGroups.html)
 * and GetLogGroupFields (the fields of a group's recent events with the percentage of events that have each).
 * Gureum's log groups have no data sources, so a {@code dataSources} filter matches none.
 */
final class LogGroupListing {
    private final LogsStores stores;
    private final Expiry expiry;

    LogGroupListing(LogsStores stores, Expiry expiry) {
        this.stores = stores;
        this.expiry = expiry;
    }

    public ListLogGroupsResponse listLogGroups(ListLogGroupsRequest request) {
        LogsStore store = stores.current();
        List<String> alternatives = request.logGroupNamePattern() == null ? null
                : List.of(request.logGroupNamePattern().split("\\|"));
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("listGroups", request.nextToken());
        List<LogGroupSummary> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (LogGroup g : (after == null ? store.groups : store.groups.tailMap(after, false)).values()) {
            if ((alternatives != null && alternatives.stream().noneMatch(a -> matches(a, g.name)))
                    || (request.logGroupClassAsString() != null && !request.logGroupClassAsString().equals(g.logGroupClass))
                    || (request.hasDataSources() && !request.dataSources().isEmpty())
                    || (request.hasFieldIndexNames() && !indexes(g).containsAll(request.fieldIndexNames()))
                    || (request.hasLogGroupTags() && !tagged(g, request.logGroupTags()))) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(LogGroupSummary.builder().logGroupName(g.name).logGroupArn(g.logGroupArn())
                    .logGroupClass(g.logGroupClass).build());
            last = g.name;
        }
        return ListLogGroupsResponse.builder().logGroups(page)
                .nextToken(more ? PageTokens.encode("listGroups", last) : null).build();
    }

    /**
     * One alternative of {@code logGroupNamePattern}: {@code ^text} matches names that start with it, {@code text}
     * names that contain it, case-sensitively (the model allows nothing else: 3–24 name characters, up to five
     * alternatives joined with {@code |}).
     */
    private static boolean matches(String alternative, String name) {
        return alternative.startsWith("^") ? name.startsWith(alternative.substring(1)) : name.contains(alternative);
    }

    private static List<String> indexes(LogGroup g) {
        LogGroup.StoredPolicy p = g.indexPolicy;
        return p == null ? List.of() : FieldIndexes.fields(Policies.checkJson(p.policyDocument()));
    }

    private static boolean tagged(LogGroup g, List<TagFilter> filters) {
        Map<String, String> tags = g.tags();
        for (TagFilter f : filters) {
            String v = tags.get(f.key());
            if (v == null || (f.hasValues() && !f.values().isEmpty() && !f.values().contains(v))) {
                return false;
            }
        }
        return true;
    }

    /**
     * "If you specify time, the 8 minutes before and 8 minutes after this time are searched. If you omit time, the
     * most recent 15 minutes up to the current time are searched." (API_GetLogGroupFields.html)
     */
    public GetLogGroupFieldsResponse getLogGroupFields(GetLogGroupFieldsRequest request) {
        LogsStore store = stores.current();
        LogGroup group = Identifiers.group(store, request.logGroupName(), request.logGroupIdentifier());
        long from;
        long to;
        if (request.time() != null) {
            long center = request.time() * 1000;
            from = center - Duration.ofMinutes(8).toMillis();
            to = center + Duration.ofMinutes(8).toMillis();
        } else {
            to = stores.now();
            from = to - Duration.ofMinutes(15).toMillis();
        }
        from = Math.max(from, expiry.cutoff(group));
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (LogStream stream : group.streams.values()) {
            for (StoredEvent e : stream.all()) {
                if (e.timestamp() < from || e.timestamp() > to) {
                    continue;
                }
                total++;
                LogRecord r = new LogRecord(e.timestamp(), e.ingestionTime(), e.insightsMessage(), stream.name,
                        store.account + ":" + group.name, "");
                for (String name : Records.fieldNames(r)) {
                    counts.merge(name, 1, Integer::sum);
                }
            }
        }
        List<LogGroupField> out = new ArrayList<>();
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            out.add(LogGroupField.builder().name(c.getKey()).percent((int) Math.round(100.0 * c.getValue() / total))
                    .build());
        }
        return GetLogGroupFieldsResponse.builder().logGroupFields(out).build();
    }
}
