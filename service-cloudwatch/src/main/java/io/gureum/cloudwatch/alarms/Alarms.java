package io.gureum.cloudwatch.alarms;

import io.gureum.cloudwatch.CloudWatchErrors;
import io.gureum.cloudwatch.CloudWatchStores;
import io.gureum.cloudwatch.Pages;
import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.cloudwatch.model.*;

/**
 * The alarm operations: PutMetricAlarm, PutCompositeAlarm, DescribeAlarms, DescribeAlarmsForMetric,
 * DescribeAlarmHistory, DeleteAlarms, SetAlarmState, EnableAlarmActions and DisableAlarmActions.
 */
public final class Alarms {
    private static final int DEFAULT_PAGE = 50;

    private final CloudWatchStores stores;
    private final AlarmEngine engine;
    private final ResourceRegistry registry;

    public Alarms(CloudWatchStores stores, AlarmEngine engine, ResourceRegistry registry) {
        this.stores = stores;
        this.engine = engine;
        this.registry = registry;
    }

    private AlarmBook book() {
        return stores.current().alarms;
    }

    public PutMetricAlarmResponse putMetricAlarm(PutMetricAlarmRequest r) {
        AlarmBook book = book();
        AlarmChecks.check(r, book.region);
        Alarm alarm;
        boolean created;
        synchronized (book) {
            Alarm old = book.alarms.get(r.alarmName());
            if (old != null && old.composite) {
                throw CloudWatchErrors.validation("The alarm " + r.alarmName() + " is a composite alarm.");
            }
            created = old == null;
            alarm = created ? new Alarm(r.alarmName(), arn(book, r.alarmName()), false) : old;
            alarm.generation++;
            alarm.description = r.alarmDescription();
            alarm.actionsEnabled = r.actionsEnabled() == null || r.actionsEnabled();
            alarm.okActions = List.copyOf(r.okActions());
            alarm.alarmActions = List.copyOf(r.alarmActions());
            alarm.insufficientDataActions = List.copyOf(r.insufficientDataActions());
            alarm.namespace = r.namespace();
            alarm.metricName = r.metricName();
            alarm.dimensions = List.copyOf(r.dimensions());
            alarm.statistic = r.statisticAsString();
            alarm.extendedStatistic = r.extendedStatistic();
            alarm.period = r.period();
            alarm.unit = r.unitAsString();
            alarm.evaluationPeriods = r.evaluationPeriods();
            alarm.datapointsToAlarm = r.datapointsToAlarm();
            alarm.threshold = r.threshold();
            alarm.comparisonOperator = r.comparisonOperatorAsString();
            alarm.treatMissingData = r.treatMissingData();
            alarm.evaluateLowSampleCountPercentile = r.evaluateLowSampleCountPercentile();
            alarm.metrics = List.copyOf(r.metrics());
            alarm.thresholdMetricId = r.thresholdMetricId();
            saved(book, alarm, created, r.hasTags() ? r.tags() : List.of());
        }
        engine.schedule(book, alarm);
        return PutMetricAlarmResponse.builder().build();
    }

    public PutCompositeAlarmResponse putCompositeAlarm(PutCompositeAlarmRequest r) {
        AlarmBook book = book();
        AlarmRule.Parsed rule;
        try {
            rule = AlarmRule.parse(r.alarmRule());
        } catch (IllegalArgumentException e) {
            throw CloudWatchErrors.validation("Error in alarm rule: " + e.getMessage());
        }
        AlarmChecks.checkActions(r.okActions(), book.region, null);
        AlarmChecks.checkActions(r.alarmActions(), book.region, null);
        AlarmChecks.checkActions(r.insufficientDataActions(), book.region, null);
        Alarm alarm;
        synchronized (book) {
            List<String> missing = new ArrayList<>();
            for (String ref : rule.references()) {
                if (AlarmEngine.find(book, ref) == null) {
                    missing.add(ref);
                }
            }
            if (!missing.isEmpty()) {
                throw CloudWatchErrors.validation("Could not save the composite alarm as alarms " + missing
                        + " in the alarm rule do not exist");
            }
            if (rule.references().contains(r.alarmName())) {
                throw CloudWatchErrors.validation("The alarm rule of " + r.alarmName() + " must not refer to itself.");
            }
            Alarm old = book.alarms.get(r.alarmName());
            if (old != null && !old.composite) {
                throw CloudWatchErrors.validation("The alarm " + r.alarmName() + " is a metric alarm.");
            }
            boolean created = old == null;
            alarm = created ? new Alarm(r.alarmName(), arn(book, r.alarmName()), true) : old;
            alarm.generation++;
            alarm.description = r.alarmDescription();
            alarm.actionsEnabled = r.actionsEnabled() == null || r.actionsEnabled();
            alarm.okActions = List.copyOf(r.okActions());
            alarm.alarmActions = List.copyOf(r.alarmActions());
            alarm.insufficientDataActions = List.copyOf(r.insufficientDataActions());
            alarm.alarmRule = r.alarmRule();
            alarm.actionsSuppressor = r.actionsSuppressor();
            alarm.actionsSuppressorWaitPeriod = r.actionsSuppressorWaitPeriod();
            alarm.actionsSuppressorExtensionPeriod = r.actionsSuppressorExtensionPeriod();
            saved(book, alarm, created, r.hasTags() ? r.tags() : List.of());
        }
        engine.evaluateComposite(book, alarm);
        return PutCompositeAlarmResponse.builder().build();
    }

    private void saved(AlarmBook book, Alarm alarm, boolean created, List<Tag> tags) {
        long now = engine.now();
        alarm.configurationUpdated = now;
        if (created) {
            alarm.stateUpdated = now;
            alarm.stateTransitioned = now;
            tags.forEach(t -> alarm.tags.put(t.key(), t.value()));
            book.alarms.put(alarm.name, alarm);
            alarm.tags.attach(registry, book.account, book.region, "cloudwatch", "alarm:" + alarm.name,
                    Arn.parse(alarm.arn));
        }
        book.record(new HistoryItem(alarm.name, alarm.composite ? "CompositeAlarm" : "MetricAlarm", now,
                "ConfigurationUpdate", "Alarm \"" + alarm.name + "\" " + (created ? "created" : "updated"),
                AlarmMessages.configurationHistory(alarm, created)), now);
    }

    private static String arn(AlarmBook book, String name) {
        return Arn.of("cloudwatch", book.region, book.account, "alarm:" + name).toString();
    }

    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest r) {
        boolean names = r.hasAlarmNames() && !r.alarmNames().isEmpty();
        if (names && r.alarmNamePrefix() != null) {
            throw CloudWatchErrors.combination("The parameters AlarmNames and AlarmNamePrefix are mutually exclusive"
                    + " and you have specified both.");
        }
        if ((r.childrenOfAlarmName() != null || r.parentsOfAlarmName() != null)
                && (names || r.alarmNamePrefix() != null || r.stateValue() != null || r.actionPrefix() != null)) {
            throw CloudWatchErrors.combination("If you specify ChildrenOfAlarmName or ParentsOfAlarmName, you"
                    + " cannot specify any other parameters in the request except for MaxRecords and NextToken.");
        }
        List<String> types = r.hasAlarmTypes() && !r.alarmTypes().isEmpty() ? r.alarmTypesAsStrings()
                : List.of("MetricAlarm");
        AlarmBook book = book();
        List<Alarm> matched = new ArrayList<>();
        synchronized (book) {
            Predicate<Alarm> filter = a -> types.contains(a.composite ? "CompositeAlarm" : "MetricAlarm")
                    && (!names || r.alarmNames().contains(a.name))
                    && (r.alarmNamePrefix() == null || a.name.startsWith(r.alarmNamePrefix()))
                    && (r.stateValue() == null || r.stateValueAsString().equals(a.stateValue))
                    && (r.actionPrefix() == null || a.allActions().stream().anyMatch(x -> x.startsWith(r.actionPrefix())));
            if (r.childrenOfAlarmName() != null) {
                Alarm parent = book.alarms.get(r.childrenOfAlarmName());
                List<String> refs = parent == null || !parent.composite ? List.of()
                        : AlarmRule.parse(parent.alarmRule).references();
                filter = filter.and(a -> refs.contains(a.name) || refs.contains(a.arn));
            }
            if (r.parentsOfAlarmName() != null) {
                Alarm child = book.alarms.get(r.parentsOfAlarmName());
                filter = filter.and(a -> child != null && a.composite && AlarmRule.parse(a.alarmRule).references()
                        .stream().anyMatch(x -> x.equals(child.name) || x.equals(child.arn)));
            }
            for (Alarm a : book.alarms.values()) {
                if (filter.test(a)) {
                    matched.add(a);
                }
            }
            Pages<Alarm> page = Pages.of("DescribeAlarms", matched, r.nextToken(),
                    r.maxRecords() == null ? DEFAULT_PAGE : r.maxRecords());
            return DescribeAlarmsResponse.builder()
                    .metricAlarms(page.items().stream().filter(a -> !a.composite).map(AlarmViews::metric).toList())
                    .compositeAlarms(page.items().stream().filter(a -> a.composite).map(AlarmViews::composite).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    public DescribeAlarmsForMetricResponse describeAlarmsForMetric(DescribeAlarmsForMetricRequest r) {
        AlarmBook book = book();
        List<MetricAlarm> out = new ArrayList<>();
        Map<String, String> dims = dims(r.dimensions());
        synchronized (book) {
            for (Alarm a : book.alarms.values()) {
                if (!a.composite && r.metricName().equals(a.metricName) && r.namespace().equals(a.namespace)
                        && (r.statistic() == null || r.statisticAsString().equals(a.statistic))
                        && (r.extendedStatistic() == null || r.extendedStatistic().equals(a.extendedStatistic))
                        && (r.period() == null || r.period().equals(a.period))
                        && (r.unit() == null || r.unitAsString().equals(a.unit))
                        && (!r.hasDimensions() || dims.equals(dims(a.dimensions)))) {
                    out.add(AlarmViews.metric(a));
                }
            }
        }
        return DescribeAlarmsForMetricResponse.builder().metricAlarms(out).build();
    }

    private static Map<String, String> dims(List<Dimension> dimensions) {
        Map<String, String> m = new java.util.TreeMap<>();
        dimensions.forEach(d -> m.put(d.name(), d.value()));
        return m;
    }

    public DescribeAlarmHistoryResponse describeAlarmHistory(DescribeAlarmHistoryRequest r) {
        List<String> types = r.hasAlarmTypes() && !r.alarmTypes().isEmpty() ? r.alarmTypesAsStrings()
                : List.of("MetricAlarm");
        long from = r.startDate() == null ? Long.MIN_VALUE : r.startDate().toEpochMilli();
        long to = r.endDate() == null ? Long.MAX_VALUE : r.endDate().toEpochMilli();
        AlarmBook book = book();
        List<HistoryItem> items = new ArrayList<>();
        synchronized (book) {
            for (HistoryItem h : book.history) {
                if ((r.alarmName() == null || r.alarmName().equals(h.alarmName())) && types.contains(h.alarmType())
                        && (r.historyItemType() == null || r.historyItemTypeAsString().equals(h.type()))
                        && h.timestamp() >= from && h.timestamp() <= to) {
                    items.add(h);
                }
            }
        }
        items.sort(java.util.Comparator.comparingLong(HistoryItem::timestamp));
        if (r.scanBy() != ScanBy.TIMESTAMP_ASCENDING) {
            java.util.Collections.reverse(items);
        }
        Pages<HistoryItem> page = Pages.of("DescribeAlarmHistory", items, r.nextToken(),
                r.maxRecords() == null ? 100 : r.maxRecords());
        return DescribeAlarmHistoryResponse.builder().alarmHistoryItems(page.items().stream()
                .map(h -> AlarmHistoryItem.builder().alarmName(h.alarmName()).alarmType(h.alarmType())
                        .timestamp(Instant.ofEpochMilli(h.timestamp())).historyItemType(h.type())
                        .historySummary(h.summary()).historyData(h.data()).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    public DeleteAlarmsResponse deleteAlarms(DeleteAlarmsRequest r) {
        AlarmBook book = book();
        synchronized (book) {
            List<String> missing = r.alarmNames().stream().filter(n -> !book.alarms.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw CloudWatchErrors.alarmNotFound(missing.size() + " out of " + r.alarmNames().size()
                        + " alarms were not found: " + missing);
            }
            for (String name : r.alarmNames()) {
                Alarm a = book.alarms.get(name);
                for (Alarm other : book.alarms.values()) {
                    if (other.composite && !r.alarmNames().contains(other.name) && AlarmRule.parse(other.alarmRule)
                            .references().stream().anyMatch(x -> x.equals(a.name) || x.equals(a.arn))) {
                        throw CloudWatchErrors.validation("Alarm " + name + " cannot be deleted because it is used in"
                                + " the alarm rule of the composite alarm " + other.name + ".");
                    }
                }
            }
            for (String name : r.alarmNames()) {
                Alarm removed = book.alarms.remove(name);
                removed.generation++;
                removed.tags.detach();
            }
        }
        return DeleteAlarmsResponse.builder().build();
    }

    public SetAlarmStateResponse setAlarmState(SetAlarmStateRequest r) {
        AlarmBook book = book();
        Alarm alarm;
        synchronized (book) {
            alarm = book.alarms.get(r.alarmName());
        }
        if (alarm == null) {
            throw CloudWatchErrors.alarmNotFound("Alarm " + r.alarmName() + " not found");
        }
        if (r.stateReasonData() != null) {
            try {
                Json.MAPPER.readTree(r.stateReasonData());
            } catch (java.io.IOException e) {
                throw new io.gureum.core.error.AwsException("InvalidFormat",
                        "The parameter StateReasonData must be valid JSON.", 400);
            }
        }
        // The state holds until the next evaluation (API_SetAlarmState); actions run on the change.
        engine.change(book, alarm, r.stateValueAsString(), r.stateReason(), r.stateReasonData(), true);
        return SetAlarmStateResponse.builder().build();
    }

    public EnableAlarmActionsResponse enableAlarmActions(EnableAlarmActionsRequest r) {
        setActions(r.alarmNames(), true);
        return EnableAlarmActionsResponse.builder().build();
    }

    public DisableAlarmActionsResponse disableAlarmActions(DisableAlarmActionsRequest r) {
        setActions(r.alarmNames(), false);
        return DisableAlarmActionsResponse.builder().build();
    }

    private void setActions(List<String> names, boolean enabled) {
        AlarmBook book = book();
        synchronized (book) {
            for (String n : names) {
                Alarm a = book.alarms.get(n);
                if (a != null) {
                    a.actionsEnabled = enabled;
                }
            }
        }
    }
}
