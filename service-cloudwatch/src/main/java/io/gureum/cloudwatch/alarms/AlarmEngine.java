package io.gureum.cloudwatch.alarms;

import io.gureum.cloudwatch.CloudWatchStores;
import io.gureum.core.events.ServiceEvent;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.time.DueTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Moves alarms between states: evaluates each metric alarm at each boundary of its period on Gureum's clock
 * (a {@link DueTimer} task per alarm), re-evaluates composite alarms when an alarm they name changes, and
 * for each change records history, publishes the EventBridge event and starts the actions.
 */
public final class AlarmEngine {
    private final ServiceContext context;
    private final CloudWatchStores stores;
    private final DueTimer timer;
    private final ActionRunner actions;
    private final AlarmRecords records;
    /** INSIGHT_RULE_METRIC's source for a store's alarms (none until {@link #insights} is set). */
    private volatile java.util.function.Function<io.gureum.cloudwatch.CloudWatchStore,
            io.gureum.cloudwatch.QueryRunner.InsightMetrics> insights = s -> null;

    /** Lets math alarms use INSIGHT_RULE_METRIC with their account's Contributor Insights rules. */
    public void insights(java.util.function.Function<io.gureum.cloudwatch.CloudWatchStore,
            io.gureum.cloudwatch.QueryRunner.InsightMetrics> source) {
        this.insights = source;
    }

    public AlarmEngine(ServiceContext context, CloudWatchStores stores, DueTimer timer, Executor workers) {
        this.records = new AlarmRecords(context.state());
        this.context = context;
        this.stores = stores;
        this.timer = timer;
        this.actions = new ActionRunner(context, workers);
    }

    /** The alarms' records for --data-dir. */
    public AlarmRecords records() {
        return records;
    }

    long now() {
        return context.clock().now().toEpochMilli();
    }

    /** Schedules the alarm's first evaluation, at the next boundary of its period. */
    void schedule(AlarmBook book, Alarm alarm) {
        long periodMs = alarm.evaluationSeconds() * 1000L;
        schedule(book, alarm, Math.floorDiv(now(), periodMs) * periodMs);
    }

    /**
     * Schedules the evaluation after boundary {@code last}: the next boundary, or when the clock has already
     * passed it (an advance while the last evaluation ran), the latest boundary passed, evaluated at once.
     * A jump over many periods evaluates once, at the latest boundary.
     */
    private void schedule(AlarmBook book, Alarm alarm, long last) {
        if (alarm.composite) {
            return;
        }
        long generation;
        synchronized (book) {
            generation = alarm.generation;
        }
        long periodMs = alarm.evaluationSeconds() * 1000L;
        long next = Math.max(last + periodMs, Math.floorDiv(now(), periodMs) * periodMs);
        timer.at(java.time.Instant.ofEpochMilli(next), () -> tick(book, alarm, generation, next));
    }

    private void tick(AlarmBook book, Alarm alarm, long generation, long boundary) {
        synchronized (book) {
            if (alarm.generation != generation || book.alarms.get(alarm.name) != alarm) {
                return;
            }
        }
        try {
            evaluate(book, alarm, boundary);
        } finally {
            schedule(book, alarm, boundary);
        }
    }

    /** Evaluates a metric alarm at a boundary of its period and applies the result. */
    void evaluate(AlarmBook book, Alarm alarm, long boundary) {
        long now = Math.max(now(), boundary);
        Evaluation e;
        try {
            io.gureum.cloudwatch.CloudWatchStore store = stores.all.get(book.account, book.region);
            e = MetricEvaluator.evaluate(alarm, store.metrics, boundary, now, insights.apply(store));
        } catch (RuntimeException invalid) {
            e = new Evaluation("INSUFFICIENT_DATA", "Unchecked: " + invalid.getMessage(), null);
        }
        if (e != null) {
            change(book, alarm, e.state(), e.reason(), e.reasonData(), false);
        }
    }

    /**
     * Applies a state: when it differs from the alarm's (or {@code force}, as SetAlarmState), records the
     * transition, publishes the event, runs the actions, and re-evaluates the composite alarms that name it.
     */
    void change(AlarmBook book, Alarm alarm, String state, String reason, String reasonData, boolean force) {
        AlarmMessages.Change change;
        boolean runActions;
        long now = now();
        synchronized (book) {
            if (book.alarms.get(alarm.name) != alarm) {
                return;
            }
            boolean transition = force || !state.equals(alarm.stateValue);
            if (!transition) {
                return;
            }
            change = new AlarmMessages.Change(alarm.stateValue, alarm.stateReason, alarm.stateReasonData,
                    alarm.stateUpdated, state, reason, reasonData, now);
            alarm.stateValue = state;
            alarm.stateReason = reason;
            alarm.stateReasonData = reasonData;
            alarm.stateUpdated = now;
            alarm.stateTransitioned = now;
            // "When a mute rule is active, targeted alarms continue to evaluate metrics and transition between
            // states, but their configured actions ... are muted." (API_PutAlarmMuteRule)
            runActions = alarm.actionsEnabled && !book.muted(alarm.name, now);
            book.record(new HistoryItem(alarm.name, alarm.composite ? "CompositeAlarm" : "MetricAlarm", now,
                    "StateUpdate", "Alarm updated from " + change.oldState() + " to " + state,
                    AlarmMessages.stateHistory(change)), now);
            // A change on the clock is journaled here, under the book's lock, with no client waiting.
            records.record(book);
        }
        context.events().publish(new ServiceEvent(book.account, book.region, "aws.cloudwatch",
                "CloudWatch Alarm State Change", List.of(alarm.arn), Json.write(AlarmMessages.alarmData(alarm, change)),
                java.time.Instant.ofEpochMilli(now)));
        if (runActions) {
            actions.run(book, alarm, change);
        }
        for (Alarm parent : parentsOf(book, alarm)) {
            evaluateComposite(book, parent);
        }
    }

    /**
     * DeleteAlarmMuteRule: "any alarms that are currently being muted by that rule are immediately unmuted. If those
     * alarms are in an ALARM state, their configured actions will trigger." (API_DeleteAlarmMuteRule) The actions run
     * with the alarm's current state as both old and new state.
     */
    void unmuted(AlarmBook book, java.util.Collection<String> names) {
        long now = now();
        List<Alarm> fire = new ArrayList<>();
        List<AlarmMessages.Change> changes = new ArrayList<>();
        synchronized (book) {
            for (String name : names) {
                Alarm a = book.alarms.get(name);
                if (a != null && a.actionsEnabled && "ALARM".equals(a.stateValue) && !book.muted(name, now)) {
                    fire.add(a);
                    changes.add(new AlarmMessages.Change(a.stateValue, a.stateReason, a.stateReasonData,
                            a.stateUpdated, a.stateValue, a.stateReason, a.stateReasonData, a.stateUpdated));
                }
            }
        }
        for (int i = 0; i < fire.size(); i++) {
            actions.run(book, fire.get(i), changes.get(i));
        }
    }

    private List<Alarm> parentsOf(AlarmBook book, Alarm child) {
        List<Alarm> out = new ArrayList<>();
        synchronized (book) {
            for (Alarm a : book.alarms.values()) {
                if (a.composite && AlarmRule.parse(a.alarmRule).references().stream()
                        .anyMatch(r -> r.equals(child.name) || r.equals(child.arn))) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Evaluates a composite alarm's rule over its children's current states. */
    void evaluateComposite(AlarmBook book, Alarm composite) {
        boolean value;
        List<String> triggering = new ArrayList<>();
        synchronized (book) {
            AlarmRule.Parsed rule = AlarmRule.parse(composite.alarmRule);
            value = rule.root().test(ref -> {
                Alarm a = find(book, ref);
                return a == null ? null : a.stateValue;
            });
            for (String ref : rule.references()) {
                Alarm a = find(book, ref);
                if (a != null && "ALARM".equals(a.stateValue)) {
                    triggering.add(a.arn);
                }
            }
        }
        String state = value ? "ALARM" : "OK";
        var data = Json.object();
        var list = data.putArray("triggeringAlarms");
        triggering.forEach(arn -> list.addObject().put("arn", arn).putObject("state").put("value", "ALARM"));
        String reason = value && !triggering.isEmpty() ? triggering.get(0) + " transitioned to ALARM"
                : value ? "The alarm rule evaluated to TRUE" : "The alarm rule evaluated to FALSE";
        change(book, composite, state, reason, Json.write(data), false);
    }

    static Alarm find(AlarmBook book, String ref) {
        Alarm a = book.alarms.get(ref);
        return a != null ? a : book.alarms.values().stream().filter(x -> x.arn.equals(ref)).findFirst().orElse(null);
    }
}
