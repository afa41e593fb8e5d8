package io.gureum.cloudwatch.contributors;

import io.gureum.core.state.RegisteredTags;
import java.util.ArrayList;
import java.util.List;

/**
 * A Contributor Insights rule: its definition as written and parsed, its state, and the times it was enabled (a
 * rule analyzes the log events ingested while it is enabled, so a report counts only those).
 */
public final class InsightRule {
    public final String name;
    public final String arn;
    String state;
    String definition;
    RuleBody body;
    boolean applyOnTransformedLogs;
    /** [from, to] ingestion-time intervals while enabled, {@code to} = {@link Long#MAX_VALUE} while still enabled. */
    final List<long[]> enabled = new ArrayList<>();
    /** Recorded in core's resource registry while the rule exists. */
    public final RegisteredTags tags = new RegisteredTags();

    InsightRule(String name, String arn) {
        this.name = name;
        this.arn = arn;
    }

    synchronized void setState(String next, long now) {
        boolean on = "ENABLED".equals(next);
        boolean was = "ENABLED".equals(state);
        if (on && !was) {
            enabled.add(new long[] {now, Long.MAX_VALUE});
        } else if (!on && was && !enabled.isEmpty()) {
            enabled.get(enabled.size() - 1)[1] = now;
        }
        state = next;
    }

    synchronized boolean analyzed(long ingestionTime) {
        for (long[] i : enabled) {
            if (ingestionTime >= i[0] && ingestionTime <= i[1]) {
                return true;
            }
        }
        return false;
    }

    /** The rule as a {@code --data-dir} record. */
    public synchronized Value value() {
        List<long[]> copy = new ArrayList<>();
        enabled.forEach(i -> copy.add(i.clone()));
        return new Value(name, arn, state, definition, applyOnTransformedLogs, copy,
                new java.util.LinkedHashMap<>(tags));
    }

    /** What a record keeps of a rule. */
    public record Value(String name, String arn, String state, String definition, boolean applyOnTransformedLogs,
            List<long[]> enabled, java.util.Map<String, String> tags) {
        /** The rule again (not yet registered). */
        public InsightRule toRule() {
            InsightRule r = new InsightRule(name, arn);
            r.state = state;
            r.definition = definition;
            r.body = RuleBody.parse(definition);
            r.applyOnTransformedLogs = applyOnTransformedLogs;
            enabled.forEach(i -> r.enabled.add(i.clone()));
            tags.forEach(r.tags::put);
            return r;
        }
    }
}
