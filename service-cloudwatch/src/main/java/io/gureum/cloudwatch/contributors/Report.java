package io.gureum.cloudwatch.contributors;

import io.gureum.cloudwatch.CloudWatchErrors;
import io.gureum.cloudwatch.CloudWatchStore;
import io.gureum.core.spi.Caller;
import io.gureum.core.spi.ServiceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.GetInsightRuleReportRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetInsightRuleReportResponse;
import software.amazon.awssdk.services.cloudwatch.model.InsightRuleContributor;
import software.amazon.awssdk.services.cloudwatch.model.InsightRuleContributorDatapoint;
import software.amazon.awssdk.services.cloudwatch.model.InsightRuleMetricDatapoint;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * GetInsightRuleReport: reads the events of the rule's log groups between StartTime and EndTime through an
 * in-process CloudWatch Logs client (as {@code cloudwatch.amazonaws.com}), keeps those ingested while the rule was
 * enabled that match its filters and have its keys (and, for Sum rules, a numeric ValueOf), and aggregates them into
 * periods aligned on multiples of {@code Period} (only periods with matching events are returned). Per period:
 * UniqueContributors, MaxContributorValue (the largest contributor total of the period), SampleCount (matching
 * events), Sum, Minimum and Maximum (of single observations; 1 for Count rules) and Average (Sum / SampleCount).
 * Contributors are ranked by their total over the range ({@code OrderBy} Sum, the default) or their largest period
 * value (Maximum); the top {@code MaxContributorCount} (default 10) are returned with the periods they appear in.
 * Values are exact where AWS's are approximate.
 */
public final class Report {
    static final Set<String> METRICS = Set.of("UniqueContributors", "MaxContributorValue", "SampleCount", "Sum",
            "Minimum", "Maximum", "Average");

    private final ServiceContext context;

    public Report(ServiceContext context) {
        this.context = context;
    }

    GetInsightRuleReportResponse run(CloudWatchStore store, InsightRule rule, GetInsightRuleReportRequest r) {
        long start = r.startTime().toEpochMilli();
        long end = r.endTime().toEpochMilli();
        if (start >= end) {
            throw CloudWatchErrors.invalidValue("The parameter StartTime must be less than the parameter EndTime.");
        }
        int max = r.maxContributorCount() == null ? 10 : r.maxContributorCount();
        if (max < 1 || max > 100) {
            throw CloudWatchErrors.invalidValue(max, "MaxContributorCount");
        }
        List<String> metrics = r.hasMetrics() ? r.metrics() : List.of();
        for (String m : metrics) {
            if (!METRICS.contains(m)) {
                throw CloudWatchErrors.invalidValue(m, "Metrics");
            }
        }
        String orderBy = r.orderBy() == null ? "Sum" : r.orderBy();
        if (!orderBy.equals("Sum") && !orderBy.equals("Maximum")) {
            throw CloudWatchErrors.invalidValue(orderBy, "OrderBy");
        }
        long period = r.period() * 1000L;
        RuleBody body;
        synchronized (rule) {
            body = rule.body;
        }
        // period start -> contributor -> total; period start -> [count, sum, min, max]
        TreeMap<Long, Map<List<String>, Double>> byPeriod = new TreeMap<>();
        TreeMap<Long, double[]> stats = new TreeMap<>();
        Caller caller = Caller.service("cloudwatch.amazonaws.com", store.account, store.region, rule.arn);
        CloudWatchLogsClient logs = context.clients().client(CloudWatchLogsClient.class, caller);
        for (String group : groups(logs, body)) {
            for (FilteredLogEvent e : events(logs, group, start, end)) {
                if (e.timestamp() == null || e.timestamp() < start || e.timestamp() >= end
                        || !rule.analyzed(e.ingestionTime() == null ? e.timestamp() : e.ingestionTime())) {
                    continue;
                }
                RuleBody.Observation o = body.observe(e.message());
                if (o == null) {
                    continue;
                }
                long at = Math.floorDiv(e.timestamp(), period) * period;
                byPeriod.computeIfAbsent(at, k -> new HashMap<>()).merge(o.contributor(), o.value(), Double::sum);
                double[] s = stats.computeIfAbsent(at, k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
                s[0]++;
                s[1] += o.value();
                s[2] = Math.min(s[2], o.value());
                s[3] = Math.max(s[3], o.value());
            }
        }
        Map<List<String>, Double> totals = new LinkedHashMap<>();
        Map<List<String>, Double> peaks = new HashMap<>();
        Map<List<String>, List<InsightRuleContributorDatapoint>> points = new HashMap<>();
        List<InsightRuleMetricDatapoint> series = new ArrayList<>();
        double aggregate = 0;
        for (var p : byPeriod.entrySet()) {
            Instant t = Instant.ofEpochMilli(p.getKey());
            double top = 0;
            for (var c : p.getValue().entrySet()) {
                totals.merge(c.getKey(), c.getValue(), Double::sum);
                peaks.merge(c.getKey(), c.getValue(), Math::max);
                points.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(InsightRuleContributorDatapoint
                        .builder().timestamp(t).approximateValue(c.getValue()).build());
                top = Math.max(top, c.getValue());
                aggregate += c.getValue();
            }
            double[] s = stats.get(p.getKey());
            var b = InsightRuleMetricDatapoint.builder().timestamp(t);
            for (String m : metrics) {
                switch (m) {
                    case "UniqueContributors" -> b.uniqueContributors((double) p.getValue().size());
                    case "MaxContributorValue" -> b.maxContributorValue(top);
                    case "SampleCount" -> b.sampleCount(s[0]);
                    case "Sum" -> b.sum(s[1]);
                    case "Minimum" -> b.minimum(s[2]);
                    case "Maximum" -> b.maximum(s[3]);
                    default -> b.average(s[1] / s[0]);
                }
            }
            series.add(b.build());
        }
        Map<List<String>, Double> rank = orderBy.equals("Maximum") ? peaks : totals;
        List<InsightRuleContributor> contributors = rank.entrySet().stream()
                .sorted(Comparator.<Map.Entry<List<String>, Double>>comparingDouble(Map.Entry::getValue).reversed()
                        .thenComparing(e -> String.join("\u0000", e.getKey())))
                .limit(max)
                .map(e -> InsightRuleContributor.builder().keys(e.getKey()).approximateAggregateValue(
                        totals.get(e.getKey())).datapoints(points.get(e.getKey())).build())
                .toList();
        return GetInsightRuleReportResponse.builder().keyLabels(body.keys())
                .aggregationStatistic(body.sum() ? "Sum" : "Count").aggregateValue(aggregate)
                .approximateUniqueCount((long) totals.size()).contributors(contributors).metricDatapoints(series)
                .build();
    }

    /** The caller's log groups the rule names (those that exist; a prefix with {@code *} takes all it starts). */
    private static List<String> groups(CloudWatchLogsClient logs, RuleBody body) {
        Set<String> out = new HashSet<>();
        String common = body.listingPrefix();
        // DescribeLogGroups takes only the characters of log group names as a prefix; list all groups otherwise.
        String prefix = common.matches("[.\\-_/#A-Za-z0-9]*") ? common : "";
        String token = null;
        do {
            String t = token;
            var page = logs.describeLogGroups(b -> b.logGroupNamePrefix(prefix.isEmpty() ? null : prefix)
                    .nextToken(t));
            for (LogGroup g : page.logGroups()) {
                if (body.covers(g.logGroupName())) {
                    out.add(g.logGroupName());
                }
            }
            token = page.nextToken();
        } while (token != null);
        return out.stream().sorted().toList();
    }

    private static List<FilteredLogEvent> events(CloudWatchLogsClient logs, String group, long start, long end) {
        List<FilteredLogEvent> out = new ArrayList<>();
        String token = null;
        try {
            do {
                String t = token;
                var page = logs.filterLogEvents(b -> b.logGroupName(group).startTime(start).endTime(end).nextToken(t));
                out.addAll(page.events());
                token = page.nextToken();
            } while (token != null);
        } catch (ResourceNotFoundException gone) {
            // Deleted between the listing and the read: no events.
        }
        return out;
    }
}
