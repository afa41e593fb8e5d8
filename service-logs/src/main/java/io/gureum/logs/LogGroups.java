package io.gureum.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogGroupResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteRetentionPolicyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeLogGroupsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogGroupDeletionProtectionResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutRetentionPolicyResponse;

/**
 * Log groups: create, delete, describe, retention policies and deletion protection. Names, limits and
 * classes are checked by core against the API model; what is left here is what the model does not say.
 */
final class LogGroups {
    /** The values PutRetentionPolicy accepts (API_PutRetentionPolicy.html, {@code retentionInDays}). */
    static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private final LogsStores stores;
    private final Expiry expiry;

    LogGroups(LogsStores stores, Expiry expiry) {
        this.stores = stores;
        this.expiry = expiry;
    }

    public CreateLogGroupResponse createLogGroup(CreateLogGroupRequest request) {
        LogsStore store = stores.current();
        long now = stores.now();
        String name = request.logGroupName();
        String logGroupClass = request.logGroupClassAsString() == null ? "STANDARD" : request.logGroupClassAsString();
        Map<String, String> newTags = request.hasTags() ? request.tags() : Map.of();
        LogGroup group = new LogGroup(store.account, store.region, name, now, logGroupClass, request.kmsKeyId());
        group.retag(newTags, List.of(), Tags.MAX);
        group.deletionProtectionEnabled = Boolean.TRUE.equals(request.deletionProtectionEnabled());
        if (store.groups.putIfAbsent(name, group) != null) {
            throw LogsErrors.alreadyExists("The specified log group already exists");
        }
        stores.registered(group);
        return CreateLogGroupResponse.builder().build();
    }

    public DeleteLogGroupResponse deleteLogGroup(DeleteLogGroupRequest request) {
        LogsStore store = stores.current();
        String name = request.logGroupName();
        LogGroup group = store.group(name);
        if (group.deletionProtectionEnabled) {
            throw LogsErrors.deletionProtected();
        }
        if (!store.groups.remove(name, group)) {
            throw LogsErrors.groupNotFound();
        }
        group.streams.values().forEach(expiry::dropStream);
        group.tags.detach();
        store.groupResourcePolicies.remove(group.logGroupArn());
        return DeleteLogGroupResponse.builder().build();
    }

    public DescribeLogGroupsResponse describeLogGroups(DescribeLogGroupsRequest request) {
        LogsStore store = stores.current();
        String prefix = request.logGroupNamePrefix();
        String pattern = request.logGroupNamePattern();
        if (prefix != null && pattern != null) {
            throw LogsErrors.invalidParameter(
                    "LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive parameters.");
        }
        int limit = request.limit() == null ? 50 : request.limit();
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
                .deletionProtectionEnabled(g.deletionProtectionEnabled)
                .bearerTokenAuthenticationEnabled(g.bearerTokenAuthenticationEnabled)
                .dataProtectionStatus(g.dataProtectionPolicy != null ? "ACTIVATED"
                        : g.dataProtectionDeleted ? "DELETED" : null)
                .build();
    }

    public PutRetentionPolicyResponse putRetentionPolicy(PutRetentionPolicyRequest request) {
        Integer retentionInDays = request.retentionInDays();
        if (!RETENTION_DAYS.contains(retentionInDays)) {
            // The wording AWS answers (quoted by the AWS Controllers for Kubernetes' CloudWatch Logs tests).
            throw LogsErrors.invalidParameter("Invalid retention value. Valid values are: " + RETENTION_DAYS);
        }
        LogGroup group = stores.current().group(request.logGroupName());
        group.retentionInDays(retentionInDays);
        expiry.expire(group);
        return PutRetentionPolicyResponse.builder().build();
    }

    public PutLogGroupDeletionProtectionResponse putLogGroupDeletionProtection(
            PutLogGroupDeletionProtectionRequest request) {
        Identifiers.group(stores.current(), null, request.logGroupIdentifier()).deletionProtectionEnabled =
                request.deletionProtectionEnabled();
        return PutLogGroupDeletionProtectionResponse.builder().build();
    }

    public DeleteRetentionPolicyResponse deleteRetentionPolicy(DeleteRetentionPolicyRequest request) {
        stores.current().group(request.logGroupName()).retentionInDays(null);
        return DeleteRetentionPolicyResponse.builder().build();
    }
}
