package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;

/** Log groups: create, delete, describe, retention policies. */
final class LogGroups {
    /** The values PutRetentionPolicy accepts (API_PutRetentionPolicy.html, {@code retentionInDays}). */
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final Set<String> CLASSES = Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");

    private final Tags tags;
    private final Expiry expiry;

    LogGroups(Tags tags, Expiry expiry) {
        this.tags = tags;
        this.expiry = expiry;
    }

    void create(LogsStore store, CreateLogGroupRequest request, long now) {
        String name = Validation.groupName(request.logGroupName(), "logGroupName");
        if (request.kmsKeyId() != null) {
            Validation.length(request.kmsKeyId(), "kmsKeyId", 0, 256);
        }
        String logGroupClass = request.logGroupClassAsString() == null ? "STANDARD" : request.logGroupClassAsString();
        if (!CLASSES.contains(logGroupClass)) {
            throw LogsErrors.validation(logGroupClass, "logGroupClass",
                    "Member must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
        }
        Map<String, String> newTags = request.hasTags() ? request.tags() : Map.of();
        tags.validate(newTags);
        LogGroup group = new LogGroup(store.account, store.region, name, now, logGroupClass, request.kmsKeyId());
        group.retag(newTags, List.of(), Tags.MAX);
        group.deletionProtectionEnabled = Boolean.TRUE.equals(request.deletionProtectionEnabled());
        if (store.groups.putIfAbsent(name, group) != null) {
            throw LogsErrors.alreadyExists("The specified log group already exists");
        }
    }

    void delete(LogsStore store, String logGroupName) {
        String name = Validation.groupName(logGroupName, "logGroupName");
        LogGroup group = store.group(name);
        if (group.deletionProtectionEnabled) {
            throw LogsErrors.deletionProtected();
        }
        if (!store.groups.remove(name, group)) {
            throw LogsErrors.groupNotFound();
        }
        group.streams.values().forEach(expiry::dropStream);
    }

    DescribeLogGroupsResponse describe(LogsStore store, DescribeLogGroupsRequest request) {
        String prefix = request.logGroupNamePrefix();
        String pattern = request.logGroupNamePattern();
        if (prefix != null) {
            Validation.groupName(prefix, "logGroupNamePrefix");
        }
        if (prefix != null && pattern != null) {
            throw LogsErrors.invalidParameter(
                    "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
        }
        int limit = Validation.limit(request.limit(), "limit", 1, 50, 50);
        String after = PageTokens.decode("groups", request.nextToken());
        String classFilter = request.logGroupClassAsString();
        Set<String> identifiers = request.hasLogGroupIdentifiers() ? Set.copyOf(request.logGroupIdentifiers()) : null;
        List<software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        Iterable<LogGroup> candidates = after == null ? store.groups.values() : store.groups.tailMap(after, false).values();
        for (LogGroup g : candidates) {
            if ((prefix != null && !g.name.startsWith(prefix))
                    || (pattern != null && !g.name.contains(pattern))
                    || (classFilter != null && !classFilter.equals(g.logGroupClass))
                    || (identifiers != null && !identifiers.contains(g.name) && !identifiers.contains(g.logGroupArn()))) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(pattern != null ? brief(g) : describe(g));
            last = g.name;
        }
        return DescribeLogGroupsResponse.builder().logGroups(page)
                .nextToken(more ? PageTokens.encode("groups", last) : null).build();
    }

    /** With {@code logGroupNamePattern}, "only arn, creationTime, and logGroupName are included in the response". */
    private static software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup brief(LogGroup g) {
        return software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup.builder().logGroupName(g.name)
                .creationTime(g.creationTime).arn(g.arn()).build();
    }

    static software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup describe(LogGroup g) {
        long stored = 0;
        for (LogStream s : g.streams.values()) {
            stored += s.storedBytes();
        }
        return software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup.builder()
                .logGroupName(g.name).creationTime(g.creationTime).retentionInDays(g.retentionInDays())
                .metricFilterCount(g.metricFilters.size()).arn(g.arn()).storedBytes(stored).kmsKeyId(g.kmsKeyId)
                .logGroupClass(LogGroupClass.fromValue(g.logGroupClass)).logGroupArn(g.logGroupArn())
                .deletionProtectionEnabled(g.deletionProtectionEnabled).build();
    }

    void putRetentionPolicy(LogsStore store, String logGroupName, Integer retentionInDays) {
        Validation.groupName(logGroupName, "logGroupName");
        if (retentionInDays == null) {
            throw LogsErrors.required("retentionInDays");
        }
        if (!RETENTION_DAYS.contains(retentionInDays)) {
            // The wording AWS answers (quoted by the AWS Controllers for Kubernetes' CloudWatch Logs tests).
            throw LogsErrors.invalidParameter("Invalid retention value. Valid values are: " + RETENTION_DAYS);
        }
        LogGroup group = store.group(logGroupName);
        group.retentionInDays(retentionInDays);
        expiry.expire(group);
    }

    void putDeletionProtection(LogsStore store, String logGroupIdentifier, Boolean enabled) {
        if (logGroupIdentifier == null) {
            throw LogsErrors.required("logGroupIdentifier");
        }
        if (enabled == null) {
            throw LogsErrors.required("deletionProtectionEnabled");
        }
        Identifiers.group(store, null, logGroupIdentifier).deletionProtectionEnabled = enabled;
    }

    void deleteRetentionPolicy(LogsStore store, String logGroupName) {
        Validation.groupName(logGroupName, "logGroupName");
        store.group(logGroupName).retentionInDays(null);
    }
}
