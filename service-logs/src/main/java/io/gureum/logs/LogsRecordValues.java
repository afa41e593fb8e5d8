package io.gureum.logs;

import java.util.List;
import java.util.Map;

/**
 * CloudWatch Logs' records for {@code --data-dir} whose in-memory form is not already a plain record
 * ({@link LogsRecords}). Times are epoch milliseconds on the core clock, as Logs keeps them.
 */
final class LogsRecordValues {
    private LogsRecordValues() {
    }

    /** A log group's settings and tags (its streams and filters are records of their own). */
    record GroupValue(String name, long creationTime, String logGroupClass, String kmsKeyId, Integer retentionInDays,
            Map<String, String> tags, LogGroup.StoredPolicy dataProtectionPolicy, boolean dataProtectionDeleted,
            LogGroup.StoredPolicy indexPolicy, boolean deletionProtectionEnabled,
            StoredTransformer transformer, boolean bearerTokenAuthenticationEnabled,
            List<SyslogConfigurations.Stored> syslogConfigurations) {
        static GroupValue of(LogGroup g) {
            return new GroupValue(g.name, g.creationTime, g.logGroupClass, g.kmsKeyId, g.retentionInDays(), g.tags(),
                    g.dataProtectionPolicy, g.dataProtectionDeleted, g.indexPolicy, g.deletionProtectionEnabled,
                    g.transformer, g.bearerTokenAuthenticationEnabled, List.copyOf(g.syslogConfigurations.values()));
        }

        LogGroup toGroup(String account, String region) {
            LogGroup g = new LogGroup(account, region, name, creationTime, logGroupClass, kmsKeyId);
            g.retentionInDays(retentionInDays);
            g.tags.putAll(tags);
            g.dataProtectionPolicy = dataProtectionPolicy;
            g.dataProtectionDeleted = dataProtectionDeleted;
            g.indexPolicy = indexPolicy;
            g.deletionProtectionEnabled = deletionProtectionEnabled;
            g.transformer = transformer;
            g.bearerTokenAuthenticationEnabled = bearerTokenAuthenticationEnabled;
            if (syslogConfigurations != null) { // records written before syslog configurations have none
                syslogConfigurations.forEach(s -> g.syslogConfigurations.put(s.key(), s));
            }
            return g;
        }
    }

    /** A stream; its events are in {@link EventsValue} records naming {@code id}. */
    record StreamValue(String logGroupName, String name, String id, long creationTime, String arn, long droppedBefore) {
        static StreamValue of(LogGroup g, LogStream s) {
            return new StreamValue(g.name, s.name, s.id, s.creationTime, s.arn, s.droppedBefore());
        }
    }

    /** A subscription filter without its parsed pattern (parsed again at restore). */
    record SubscriptionFilterValue(String logGroupName, String filterName, String filterPattern, String destinationArn,
            String roleArn, String distribution, long creationTime, Boolean applyOnTransformedLogs) {
        static SubscriptionFilterValue of(StoredSubscriptionFilter f) {
            return new SubscriptionFilterValue(f.logGroupName(), f.filterName(), f.filterPattern(), f.destinationArn(),
                    f.roleArn(), f.distribution(), f.creationTime(), f.applyOnTransformedLogs());
        }

        StoredSubscriptionFilter toFilter() {
            return new StoredSubscriptionFilter(logGroupName, filterName, filterPattern, destinationArn, roleArn,
                    distribution, creationTime, applyOnTransformedLogs, FilterPatterns.parse(filterPattern));
        }
    }

    record ExportTaskValue(String taskId, String taskName, String logGroupName, String logStreamNamePrefix, long from,
            long to, String destination, String destinationPrefix, long creationTime, String status, String message,
            Long completionTime) {
    }

    /** Events of one stream: one PutLogEvents call's accepted events, or a slice of a stream in a snapshot. */
    record EventsValue(String streamId, List<StoredEvent> events) {
    }

    /** What a store holds besides its resources: the KMS key for Logs Insights query results. */
    record SettingsValue(String queryResultsKmsKeyId, StorageTierPolicy.Stored storageTier) {
    }
}
