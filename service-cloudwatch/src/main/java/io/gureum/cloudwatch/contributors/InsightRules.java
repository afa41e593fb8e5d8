package io.gureum.cloudwatch.contributors;

import io.gureum.cloudwatch.CloudWatchErrors;
import io.gureum.cloudwatch.CloudWatchStore;
import io.gureum.cloudwatch.CloudWatchStores;
import io.gureum.cloudwatch.Pages;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.DeleteInsightRulesRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteInsightRulesResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeInsightRulesRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeInsightRulesResponse;
import software.amazon.awssdk.services.cloudwatch.model.DisableInsightRulesRequest;
import software.amazon.awssdk.services.cloudwatch.model.DisableInsightRulesResponse;
import software.amazon.awssdk.services.cloudwatch.model.EnableInsightRulesRequest;
import software.amazon.awssdk.services.cloudwatch.model.EnableInsightRulesResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetInsightRuleReportRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetInsightRuleReportResponse;
import software.amazon.awssdk.services.cloudwatch.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatch.model.PartialFailure;
import software.amazon.awssdk.services.cloudwatch.model.PutInsightRuleRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutInsightRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;

/**
 * Contributor Insights rules: PutInsightRule (a new rule is ENABLED unless {@code RuleState} says DISABLED; tags only
 * on creation, as documented), DescribeInsightRules (by name, pages of up to 500), DeleteInsightRules,
 * EnableInsightRules and DisableInsightRules (unknown names are listed as failures, the others done), and
 * GetInsightRuleReport, computed by {@link Report} from the log events of the rule's log groups read through an
 * in-process CloudWatch Logs client.
 */
public final class InsightRules {
    /** "Contributor Insights rules: 100 per Region per account" (CloudWatch service quotas). */
    static final int MAX_RULES = 100;
    static final String SCHEMA = "{\"Name\": \"CloudWatchLogRule\", \"Version\": 1}";

    private final CloudWatchStores stores;
    private final ResourceRegistry registry;
    private final Report report;

    public InsightRules(CloudWatchStores stores, ResourceRegistry registry, Report report) {
        this.stores = stores;
        this.registry = registry;
        this.report = report;
    }

    public PutInsightRuleResponse putInsightRule(PutInsightRuleRequest r) {
        String state = r.ruleState() == null ? "ENABLED" : r.ruleState();
        if (!state.equals("ENABLED") && !state.equals("DISABLED")) {
            throw CloudWatchErrors.invalidValue(state, "RuleState");
        }
        RuleBody body = RuleBody.parse(r.ruleDefinition());
        CloudWatchStore store = stores.current();
        synchronized (store.alarms) {
            InsightRule rule = store.insightRules.get(r.ruleName());
            boolean created = rule == null;
            if (created) {
                if (store.insightRules.size() >= MAX_RULES) {
                    throw ModeledErrors.of(LimitExceededException.class, "The maximum number of rules ("
                            + MAX_RULES + ") has been reached.");
                }
                rule = new InsightRule(r.ruleName(), Arn.of("cloudwatch", store.region, store.account,
                        "insight-rule/" + r.ruleName()).toString());
                if (r.hasTags()) {
                    if (r.tags().size() > 50) {
                        throw ModeledErrors.of(LimitExceededException.class,
                                "The maximum number of tags for the resource has been exceeded.");
                    }
                    for (var t : r.tags()) {
                        rule.tags.put(t.key(), t.value());
                    }
                }
            }
            synchronized (rule) {
                rule.definition = r.ruleDefinition();
                rule.body = body;
                rule.applyOnTransformedLogs = Boolean.TRUE.equals(r.applyOnTransformedLogs());
                rule.setState(state, stores.now());
            }
            if (created) {
                store.insightRules.put(rule.name, rule);
                rule.tags.attach(registry, store.account, store.region, "cloudwatch", "insight-rule/" + rule.name,
                        Arn.parse(rule.arn));
            }
        }
        return PutInsightRuleResponse.builder().build();
    }

    public DescribeInsightRulesResponse describeInsightRules(DescribeInsightRulesRequest r) {
        List<InsightRule> all = new ArrayList<>(stores.current().insightRules.values());
        Pages<InsightRule> page = Pages.of("DescribeInsightRules", all, r.nextToken(),
                r.maxResults() == null ? 500 : r.maxResults());
        return DescribeInsightRulesResponse.builder().insightRules(page.items().stream().map(InsightRules::view)
                .toList()).nextToken(page.nextToken()).build();
    }

    static software.amazon.awssdk.services.cloudwatch.model.InsightRule view(InsightRule rule) {
        synchronized (rule) {
            return software.amazon.awssdk.services.cloudwatch.model.InsightRule.builder().name(rule.name)
                    .state(rule.state).schema(SCHEMA).definition(rule.definition).managedRule(false)
                    .applyOnTransformedLogs(rule.applyOnTransformedLogs).build();
        }
    }

    public DeleteInsightRulesResponse deleteInsightRules(DeleteInsightRulesRequest r) {
        CloudWatchStore store = stores.current();
        List<PartialFailure> failures = new ArrayList<>();
        synchronized (store.alarms) {
            for (String name : r.ruleNames()) {
                InsightRule rule = store.insightRules.remove(name);
                if (rule == null) {
                    failures.add(notFound(name));
                } else {
                    rule.tags.detach();
                }
            }
        }
        return DeleteInsightRulesResponse.builder().failures(failures).build();
    }

    public EnableInsightRulesResponse enableInsightRules(EnableInsightRulesRequest r) {
        return EnableInsightRulesResponse.builder().failures(setState(r.ruleNames(), "ENABLED")).build();
    }

    public DisableInsightRulesResponse disableInsightRules(DisableInsightRulesRequest r) {
        return DisableInsightRulesResponse.builder().failures(setState(r.ruleNames(), "DISABLED")).build();
    }

    private List<PartialFailure> setState(List<String> names, String state) {
        CloudWatchStore store = stores.current();
        List<PartialFailure> failures = new ArrayList<>();
        synchronized (store.alarms) {
            for (String name : names) {
                InsightRule rule = store.insightRules.get(name);
                if (rule == null) {
                    failures.add(notFound(name));
                } else {
                    rule.setState(state, stores.now());
                }
            }
        }
        return failures;
    }

    private static PartialFailure notFound(String name) {
        return PartialFailure.builder().failureResource(name).exceptionType("ResourceNotFoundException")
                .failureCode("404").failureDescription("The rule " + name + " does not exist.").build();
    }

    /**
     * INSIGHT_RULE_METRIC(rule, metric) of GetMetricData: the report's metric per period of the caller's rule (an
     * unknown rule or metric fails the expression).
     */
    public io.gureum.cloudwatch.math.Value.Series metric(String ruleName, String metric, int period, long start,
            long end) {
        return metric(stores.current(), ruleName, metric, period, start, end);
    }

    /** INSIGHT_RULE_METRIC over a store's rules (an alarm's, evaluated off any request). */
    public io.gureum.cloudwatch.QueryRunner.InsightMetrics metricsOf(CloudWatchStore store) {
        return (rule, metric, period, start, end) -> metric(store, rule, metric, period, start, end);
    }

    private io.gureum.cloudwatch.math.Value.Series metric(CloudWatchStore store, String ruleName, String metric,
            int period, long start, long end) {
        InsightRule rule = store.insightRules.get(ruleName);
        if (rule == null) {
            throw new io.gureum.cloudwatch.math.MathException("The Contributor Insights rule " + ruleName
                    + " does not exist.");
        }
        if (!Report.METRICS.contains(metric)) {
            throw new io.gureum.cloudwatch.math.MathException("Invalid metric name " + metric
                    + " for INSIGHT_RULE_METRIC.");
        }
        GetInsightRuleReportResponse r = report.run(store, rule, GetInsightRuleReportRequest.builder()
                .ruleName(ruleName).startTime(java.time.Instant.ofEpochMilli(start))
                .endTime(java.time.Instant.ofEpochMilli(end)).period(period).metrics(metric).maxContributorCount(1)
                .build());
        long[] ts = new long[r.metricDatapoints().size()];
        double[] vs = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            var p = r.metricDatapoints().get(i);
            ts[i] = p.timestamp().toEpochMilli();
            vs[i] = switch (metric) {
                case "UniqueContributors" -> p.uniqueContributors();
                case "MaxContributorValue" -> p.maxContributorValue();
                case "SampleCount" -> p.sampleCount();
                case "Sum" -> p.sum();
                case "Minimum" -> p.minimum();
                case "Maximum" -> p.maximum();
                default -> p.average();
            };
        }
        return new io.gureum.cloudwatch.math.Value.Series(null, ruleName + " " + metric, ts, vs);
    }

    public GetInsightRuleReportResponse getInsightRuleReport(GetInsightRuleReportRequest r) {
        CloudWatchStore store = stores.current();
        InsightRule rule = store.insightRules.get(r.ruleName());
        if (rule == null) {
            throw ModeledErrors.of(ResourceNotFoundException.class, "The rule " + r.ruleName() + " does not exist.");
        }
        return report.run(store, rule, r);
    }
}
