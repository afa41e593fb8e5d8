package io.gureum.logs;

import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceClients;
import io.gureum.core.time.DueTimer;
import io.gureum.logs.insights.MalformedQuery;
import io.gureum.logs.insights.Query;
import io.gureum.logs.schedule.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs scheduled queries when Gureum's clock reaches their schedule ({@link DueTimer}: real time passing and clock
 * advances alike): each run is a Logs Insights query over the window {@code startTimeOffset} seconds (300 when
 * omitted) before the scheduled time up to it, recorded in the query's history, and its rows are written to the S3
 * destination, if any, as JSON lines.
 */
final class ScheduledQueryRunner {
    static final long DEFAULT_OFFSET_SECONDS = 300;

    private final LogsStores stores;
    private final Queries queries;
    private final DueTimer timer;
    private final ServiceClients clients;
    private final LogsRecords records;

    ScheduledQueryRunner(LogsStores stores, Queries queries, DueTimer timer, ServiceClients clients,
            LogsRecords records) {
        this.stores = stores;
        this.queries = queries;
        this.timer = timer;
        this.clients = clients;
        this.records = records;
    }

    static ZoneId zone(String timezone) {
        return timezone == null ? ZoneOffset.UTC : ZoneId.of(timezone);
    }

    /** Arms the next run of an enabled query, from now or its scheduleStartTime, until its scheduleEndTime. */
    void arm(LogsStore store, ScheduledQuery q) {
        armAfter(store, q, Math.max(stores.now(), q.scheduleStartTime() == null ? 0 : q.scheduleStartTime() - 1));
    }

    void armAll(LogsStores all) {
        all.all.forEach((key, store) -> store.scheduledQueries.values().forEach(q -> arm(store, q)));
    }

    private void armAfter(LogsStore store, ScheduledQuery q, long after) {
        if (!"ENABLED".equals(q.state())) {
            return;
        }
        Instant next = Schedule.parse(q.scheduleExpression()).next(Instant.ofEpochMilli(after), zone(q.timezone()));
        if (next == null || (q.scheduleEndTime() != null && next.toEpochMilli() > q.scheduleEndTime())) {
            return;
        }
        timer.at(next, () -> fire(store, q.name(), q.version(), next.toEpochMilli()));
    }

    private void fire(LogsStore store, String name, long version, long due) {
        ScheduledQuery q = store.scheduledQueries.get(name);
        if (q == null || q.version() != version || !"ENABLED".equals(q.state())) {
            return;
        }
        ScheduledQuery.Run run = run(store, q, due);
        store.scheduledQueries.computeIfPresent(name, (k, cur) -> cur.version() == version ? cur.ran(run) : cur);
        records.record(store);
        armAfter(store, q, due);
    }

    private ScheduledQuery.Run run(LogsStore store, ScheduledQuery q, long due) {
        long offset = q.startTimeOffset() == null ? DEFAULT_OFFSET_SECONDS : q.startTimeOffset();
        List<LogGroup> groups = new ArrayList<>();
        try {
            for (String id : q.logGroupIdentifiers()) {
                groups.add(Identifiers.group(store, null, id));
            }
        } catch (RuntimeException e) {
            return new ScheduledQuery.Run(null, "Failed", due, e.getMessage(), List.of());
        }
        InsightsQuery result;
        try {
            result = queries.runScheduled(store, groups, q.queryString(), due - offset * 1000, due);
        } catch (MalformedQuery e) {
            return new ScheduledQuery.Run(null, "InvalidQuery", due, e.getMessage(), List.of());
        }
        if (!"Complete".equals(result.status())) {
            return new ScheduledQuery.Run(result.queryId, "Failed", due, "The query failed.", List.of());
        }
        List<ScheduledQuery.Delivery> delivered = q.s3() == null ? List.of()
                : List.of(deliver(store, q, result));
        return new ScheduledQuery.Run(result.queryId, "Complete", due, null, delivered);
    }

    /** Writes the rows as JSON lines to {@code <s3 URI>/<query name>/<query ID>.json}. */
    private ScheduledQuery.Delivery deliver(LogsStore store, ScheduledQuery q, InsightsQuery result) {
        String uri = q.s3().destinationIdentifier();
        String rest = uri.startsWith("s3://") ? uri.substring(5) : uri;
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1).replaceAll("/+$", "");
        String key = (prefix.isEmpty() ? "" : prefix + "/") + q.name() + "/" + result.queryId + ".json";
        if (!clients.serves(S3Client.class)) {
            return new ScheduledQuery.Delivery("S3", uri, "FAILED", null, "Amazon S3 is not served by this Gureum.");
        }
        StringBuilder body = new StringBuilder();
        for (Query.Row row : result.rows()) {
            com.fasterxml.jackson.databind.node.ObjectNode line =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            row.fields().forEach(line::put);
            body.append(line).append('\n');
        }
        try {
            S3Client s3 = clients.client(S3Client.class,
                    Caller.service(SubscriptionDelivery.PRINCIPAL, store.account, store.region, q.arn()));
            s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"),
                    RequestBody.fromString(body.toString()));
            return new ScheduledQuery.Delivery("S3", uri, "COMPLETE", "s3://" + bucket + "/" + key, null);
        } catch (software.amazon.awssdk.awscore.exception.AwsServiceException e) {
            return new ScheduledQuery.Delivery("S3", uri, "CLIENT_ERROR", null,
                    e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        } catch (RuntimeException e) {
            return new ScheduledQuery.Delivery("S3", uri, "FAILED", null, e.getMessage());
        }
    }
}
