package io.gureum.logs;

import io.gureum.core.ids.Arn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A log group: its settings, tags, streams, metric and subscription filters (by name, in name order). Thread-safe. */
final class LogGroup {
    final String name;
    final long creationTime;
    final String account;
    final String region;
    final String logGroupClass;
    /** Changed by AssociateKmsKey and DisassociateKmsKey. */
    volatile String kmsKeyId;
    final ConcurrentNavigableMap<String, LogStream> streams = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, StoredMetricFilter> metricFilters = new ConcurrentSkipListMap<>();
    final ConcurrentNavigableMap<String, StoredSubscriptionFilter> subscriptionFilters = new ConcurrentSkipListMap<>();
    /** In core's registry, the one record of every resource's tags (ADR 0008). */
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();
    private volatile Integer retentionInDays;
    /** PutDataProtectionPolicy's document and when it was put; null without one. */
    volatile StoredPolicy dataProtectionPolicy;
    /** Whether the group ever had a data protection policy, for {@code dataProtectionStatus}. */
    volatile boolean dataProtectionDeleted;
    /** PutIndexPolicy's document; null without one. */
    volatile StoredPolicy indexPolicy;
    volatile boolean deletionProtectionEnabled;
    /** PutBearerTokenAuthentication's setting. */
    volatile boolean bearerTokenAuthenticationEnabled;
    /** PutSyslogConfiguration's configurations, by VPC endpoint ID ("" for none). */
    final ConcurrentNavigableMap<String, SyslogConfigurations.Stored> syslogConfigurations =
            new ConcurrentSkipListMap<>();
    /** PutTransformer's processors; null without a transformer. */
    volatile StoredTransformer transformer;

    /** A policy document as stored for a log group, with the time it was put (epoch ms). */
    record StoredPolicy(String policyDocument, long lastUpdatedTime) {
    }

    LogGroup(String account, String region, String name, long creationTime, String logGroupClass, String kmsKeyId) {
        this.account = account;
        this.region = region;
        this.name = name;
        this.creationTime = creationTime;
        this.logGroupClass = logGroupClass;
        this.kmsKeyId = kmsKeyId;
    }

    /** {@code arn:aws:logs:<region>:<account>:log-group:<name>} (the form tagging APIs take). */
    String logGroupArn() {
        return Arn.of("logs", region, account, "log-group:" + name).toString();
    }

    /** The ARN with the trailing {@code :*} that DescribeLogGroups reports as {@code arn}. */
    String arn() {
        return Arn.of("logs", region, account, "log-group:" + name + ":*").toString();
    }

    String streamArn(String streamName) {
        return Arn.of("logs", region, account, "log-group:" + name + ":log-stream:" + streamName).toString();
    }

    Integer retentionInDays() {
        return retentionInDays;
    }

    void retentionInDays(Integer days) {
        this.retentionInDays = days;
    }

    synchronized Map<String, String> tags() {
        return new LinkedHashMap<>(tags);
    }

    /** Applies {@code add} and removes {@code remove}, unless the result would exceed {@code max} tags. */
    synchronized boolean retag(Map<String, String> add, Iterable<String> remove, int max) {
        Map<String, String> next = new LinkedHashMap<>(tags);
        next.putAll(add);
        remove.forEach(next::remove);
        if (next.size() > max) {
            return false;
        }
        tags.clear();
        tags.putAll(next);
        return true;
    }
}
