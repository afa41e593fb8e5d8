package io.gureum.logs;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.logs.schedule.Schedule;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.ConflictException;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateScheduledQueryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateScheduledQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteScheduledQueryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteScheduledQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DestinationConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetScheduledQueryHistoryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetScheduledQueryHistoryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetScheduledQueryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetScheduledQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListScheduledQueriesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListScheduledQueriesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.S3Configuration;
import software.amazon.awssdk.services.cloudwatchlogs.model.ScheduledQueryDestination;
import software.amazon.awssdk.services.cloudwatchlogs.model.ScheduledQuerySummary;
import software.amazon.awssdk.services.cloudwatchlogs.model.TriggerHistoryRecord;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateScheduledQueryRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateScheduledQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ValidationException;

/**
 * Scheduled queries (API_CreateScheduledQuery.html): Logs Insights queries run on a schedule by
 * {@link ScheduledQueryRunner}, named uniquely in the account and Region, found by name or ARN
 * ({@code arn:aws:logs:<region>:<account>:scheduled-query:<name>}); UpdateScheduledQuery replaces the whole
 * configuration ("PUT semantics").
 */
final class ScheduledQueries {
    private final LogsStores stores;
    private final ScheduledQueryRunner runner;

    ScheduledQueries(LogsStores stores, ScheduledQueryRunner runner) {
        this.stores = stores;
        this.runner = runner;
    }

    public CreateScheduledQueryResponse createScheduledQuery(CreateScheduledQueryRequest r) {
        LogsStore store = stores.current();
        long now = stores.now();
        String arn = Arn.of("logs", store.region, store.account, "scheduled-query:" + r.name()).toString();
        ScheduledQuery q = checked(store, new ScheduledQuery(arn, r.name(), r.description(),
                r.queryLanguageAsString(), r.queryString(), r.hasLogGroupIdentifiers() ? r.logGroupIdentifiers()
                        : List.of(), r.scheduleExpression(), r.timezone(), r.startTimeOffset(),
                s3(r.destinationConfiguration()), r.scheduleStartTime(), r.scheduleEndTime(), r.executionRoleArn(),
                r.stateAsString() == null ? "ENABLED" : r.stateAsString(), new TagSet(r.hasTags() ? r.tags() : Map.of()), now,
                now, null, null, List.of(), 0));
        if (store.scheduledQueries.putIfAbsent(q.name(), q) != null) {
            throw ModeledErrors.of(ConflictException.class, "A scheduled query named " + q.name() + " already exists.");
        }
        runner.arm(store, q);
        return CreateScheduledQueryResponse.builder().scheduledQueryArn(arn).state(q.state()).build();
    }

    public GetScheduledQueryResponse getScheduledQuery(GetScheduledQueryRequest r) {
        ScheduledQuery q = find(stores.current(), r.identifier());
        return GetScheduledQueryResponse.builder().scheduledQueryArn(q.arn()).name(q.name())
                .description(q.description()).queryLanguage(q.queryLanguage()).queryString(q.queryString())
                .logGroupIdentifiers(q.logGroupIdentifiers()).scheduleExpression(q.scheduleExpression())
                .timezone(q.timezone()).startTimeOffset(q.startTimeOffset()).destinationConfiguration(destination(q))
                .state(q.state()).lastTriggeredTime(q.lastTriggeredTime())
                .lastExecutionStatus(q.lastExecutionStatus()).scheduleStartTime(q.scheduleStartTime())
                .scheduleEndTime(q.scheduleEndTime()).executionRoleArn(q.executionRoleArn())
                .creationTime(q.creationTime()).lastUpdatedTime(q.lastUpdatedTime()).build();
    }

    public UpdateScheduledQueryResponse updateScheduledQuery(UpdateScheduledQueryRequest r) {
        LogsStore store = stores.current();
        ScheduledQuery old = find(store, r.identifier());
        ScheduledQuery q = checked(store, new ScheduledQuery(old.arn(), old.name(), r.description(),
                r.queryLanguageAsString(), r.queryString(), r.hasLogGroupIdentifiers() ? r.logGroupIdentifiers()
                        : List.of(), r.scheduleExpression(), r.timezone(), r.startTimeOffset(),
                s3(r.destinationConfiguration()), r.scheduleStartTime(), r.scheduleEndTime(), r.executionRoleArn(),
                r.stateAsString() == null ? "ENABLED" : r.stateAsString(), old.tags(), old.creationTime(),
                stores.now(), old.lastTriggeredTime(), old.lastExecutionStatus(), old.history(), old.version() + 1));
        store.scheduledQueries.put(q.name(), q);
        runner.arm(store, q);
        return UpdateScheduledQueryResponse.builder().scheduledQueryArn(q.arn()).name(q.name())
                .description(q.description()).queryLanguage(q.queryLanguage()).queryString(q.queryString())
                .logGroupIdentifiers(q.logGroupIdentifiers()).scheduleExpression(q.scheduleExpression())
                .timezone(q.timezone()).startTimeOffset(q.startTimeOffset()).destinationConfiguration(destination(q))
                .state(q.state()).lastTriggeredTime(q.lastTriggeredTime())
                .lastExecutionStatus(q.lastExecutionStatus()).scheduleStartTime(q.scheduleStartTime())
                .scheduleEndTime(q.scheduleEndTime()).executionRoleArn(q.executionRoleArn())
                .creationTime(q.creationTime()).lastUpdatedTime(q.lastUpdatedTime()).build();
    }

    public DeleteScheduledQueryResponse deleteScheduledQuery(DeleteScheduledQueryRequest r) {
        LogsStore store = stores.current();
        store.scheduledQueries.remove(find(store, r.identifier()).name());
        return DeleteScheduledQueryResponse.builder().build();
    }

    /** In name order, by state, {@code maxResults} 1–1000 (default 1000). */
    public ListScheduledQueriesResponse listScheduledQueries(ListScheduledQueriesRequest r) {
        LogsStore store = stores.current();
        String after = PageTokens.decode("scheduledQueries", r.nextToken());
        int limit = r.maxResults() == null ? 1000 : r.maxResults();
        List<ScheduledQuerySummary> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (ScheduledQuery q : (after == null ? store.scheduledQueries
                : store.scheduledQueries.tailMap(after, false)).values()) {
            if (r.stateAsString() != null && !r.stateAsString().equals(q.state())) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(ScheduledQuerySummary.builder().scheduledQueryArn(q.arn()).name(q.name()).state(q.state())
                    .lastTriggeredTime(q.lastTriggeredTime()).lastExecutionStatus(q.lastExecutionStatus())
                    .scheduleExpression(q.scheduleExpression()).timezone(q.timezone())
                    .destinationConfiguration(destination(q)).creationTime(q.creationTime())
                    .lastUpdatedTime(q.lastUpdatedTime()).build());
            last = q.name();
        }
        return ListScheduledQueriesResponse.builder().scheduledQueries(page)
                .nextToken(more ? PageTokens.encode("scheduledQueries", last) : null).build();
    }

    /** Runs triggered from {@code startTime} to {@code endTime} (inclusive), newest first, by status. */
    public GetScheduledQueryHistoryResponse getScheduledQueryHistory(GetScheduledQueryHistoryRequest r) {
        ScheduledQuery q = find(stores.current(), r.identifier());
        if (r.endTime() < r.startTime()) {
            throw validation("endTime must not be before startTime.");
        }
        List<ScheduledQuery.Run> runs = new ArrayList<>();
        for (ScheduledQuery.Run run : q.history()) {
            if (run.triggeredTimestamp() >= r.startTime() && run.triggeredTimestamp() <= r.endTime()
                    && (!r.hasExecutionStatuses() || r.executionStatusesAsStrings().contains(run.executionStatus()))) {
                runs.add(0, run);
            }
        }
        int from = 0;
        if (r.nextToken() != null) {
            try {
                from = Integer.parseInt(PageTokens.decode("history:" + q.arn(), r.nextToken()));
            } catch (NumberFormatException e) {
                throw validation("The specified nextToken is invalid.");
            }
        }
        int limit = r.maxResults() == null ? 1000 : r.maxResults();
        int to = Math.min(runs.size(), from + limit);
        List<TriggerHistoryRecord> page = new ArrayList<>();
        for (ScheduledQuery.Run run : runs.subList(Math.min(from, to), to)) {
            page.add(TriggerHistoryRecord.builder().queryId(run.queryId()).executionStatus(run.executionStatus())
                    .triggeredTimestamp(run.triggeredTimestamp()).errorMessage(run.errorMessage())
                    .destinations(run.destinations().stream().map(d -> ScheduledQueryDestination.builder()
                            .destinationType(d.destinationType()).destinationIdentifier(d.destinationIdentifier())
                            .status(d.status()).processedIdentifier(d.processedIdentifier())
                            .errorMessage(d.errorMessage()).build()).toList())
                    .build());
        }
        return GetScheduledQueryHistoryResponse.builder().name(q.name()).scheduledQueryArn(q.arn())
                .triggerHistory(page)
                .nextToken(to < runs.size() ? PageTokens.encode("history:" + q.arn(), Integer.toString(to)) : null)
                .build();
    }

    /** What the model cannot check: the language Gureum runs, the schedule, the time zone, the groups, the window. */
    private static ScheduledQuery checked(LogsStore store, ScheduledQuery q) {
        if (!Queries.LANGUAGE.equals(q.queryLanguage())) {
            throw validation("Gureum runs only Logs Insights QL queries (queryLanguage CWLI), not "
                    + q.queryLanguage() + ".");
        }
        try {
            Schedule.parse(q.scheduleExpression());
        } catch (IllegalArgumentException e) {
            throw validation(e.getMessage());
        }
        try {
            ScheduledQueryRunner.zone(q.timezone());
        } catch (DateTimeException e) {
            throw validation("Invalid timezone: " + q.timezone());
        }
        if (q.logGroupIdentifiers().isEmpty()) {
            throw validation("logGroupIdentifiers must name at least one log group.");
        }
        for (String id : q.logGroupIdentifiers()) {
            Identifiers.group(store, null, id);
        }
        if (q.startTimeOffset() != null && q.startTimeOffset() < 0) {
            throw validation("startTimeOffset must not be negative.");
        }
        if (q.scheduleStartTime() != null && q.scheduleEndTime() != null
                && q.scheduleEndTime() < q.scheduleStartTime()) {
            throw validation("scheduleEndTime must be after scheduleStartTime.");
        }
        if (q.s3() != null && (q.s3().destinationIdentifier() == null
                || !q.s3().destinationIdentifier().startsWith("s3://"))) {
            throw validation("destinationIdentifier must be an S3 URI (s3://bucket/prefix).");
        }
        return q;
    }

    private static ScheduledQuery find(LogsStore store, String identifier) {
        ScheduledQuery q = store.scheduledQueries.get(identifier);
        if (q == null) {
            q = store.scheduledQueries.values().stream().filter(s -> s.arn().equals(identifier)).findFirst()
                    .orElseThrow(() -> ModeledErrors.of(ResourceNotFoundException.class,
                            "The specified scheduled query does not exist."));
        }
        return q;
    }

    private static ScheduledQuery.S3Destination s3(DestinationConfiguration d) {
        S3Configuration s3 = d == null ? null : d.s3Configuration();
        return s3 == null ? null : new ScheduledQuery.S3Destination(s3.destinationIdentifier(), s3.roleArn(),
                s3.ownerAccountId(), s3.kmsKeyId());
    }

    private static DestinationConfiguration destination(ScheduledQuery q) {
        return q.s3() == null ? null : DestinationConfiguration.builder().s3Configuration(S3Configuration.builder()
                .destinationIdentifier(q.s3().destinationIdentifier()).roleArn(q.s3().roleArn())
                .ownerAccountId(q.s3().ownerAccountId()).kmsKeyId(q.s3().kmsKeyId()).build()).build();
    }

    private static ValidationException validation(String message) {
        return ModeledErrors.of(ValidationException.class, message);
    }
}
