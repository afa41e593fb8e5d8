package io.gureum.cloudwatch.alarms;

import io.gureum.cloudwatch.CloudWatchErrors;
import io.gureum.cloudwatch.CloudWatchStores;
import io.gureum.cloudwatch.Pages;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.AlarmMuteRuleSummary;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmMuteRuleRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAlarmMuteRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetAlarmMuteRuleRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetAlarmMuteRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.LimitExceededException;
import software.amazon.awssdk.services.cloudwatch.model.ListAlarmMuteRulesRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListAlarmMuteRulesResponse;
import software.amazon.awssdk.services.cloudwatch.model.MuteTargets;
import software.amazon.awssdk.services.cloudwatch.model.PutAlarmMuteRuleRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutAlarmMuteRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Rule;
import software.amazon.awssdk.services.cloudwatch.model.Schedule;

/**
 * Alarm mute rules: PutAlarmMuteRule (creates or replaces; tags only on create, like the other Put operations),
 * GetAlarmMuteRule, ListAlarmMuteRules (by alarm name and status, {@code MaxRecords} default 50), DeleteAlarmMuteRule
 * (idempotent; alarms it was muting that are in ALARM run their actions). The status is computed on Gureum's clock;
 * {@link AlarmEngine} asks {@link AlarmBook#muted} before running an alarm's actions.
 */
public final class MuteRules {
    private static final int DEFAULT_PAGE = 50;

    private final CloudWatchStores stores;
    private final AlarmEngine engine;
    private final ResourceRegistry registry;

    public MuteRules(CloudWatchStores stores, AlarmEngine engine, ResourceRegistry registry) {
        this.stores = stores;
        this.engine = engine;
        this.registry = registry;
    }

    public PutAlarmMuteRuleResponse putAlarmMuteRule(PutAlarmMuteRuleRequest r) {
        Schedule s = r.rule().schedule();
        MuteSchedule schedule;
        try {
            schedule = MuteSchedule.parse(s.expression(), s.duration(), s.timezone());
        } catch (IllegalArgumentException e) {
            String member = e.getMessage();
            String value = switch (member) {
                case "Timezone" -> s.timezone();
                case "Duration" -> s.duration();
                default -> s.expression();
            };
            throw CloudWatchErrors.invalidValue(value, "Rule.Schedule." + member);
        }
        Long start = r.startDate() == null ? null : r.startDate().toEpochMilli();
        Long expire = r.expireDate() == null ? null : r.expireDate().toEpochMilli();
        if (start != null && expire != null && expire <= start) {
            throw CloudWatchErrors.invalidValue("The ExpireDate must be after the StartDate.");
        }
        List<String> names = r.muteTargets() == null ? List.of() : List.copyOf(r.muteTargets().alarmNames());
        AlarmBook book = stores.current().alarms;
        long now = engine.now();
        synchronized (book) {
            MuteRule rule = book.muteRules.get(r.name());
            boolean created = rule == null;
            if (created) {
                if (r.hasTags() && r.tags().size() > 50) {
                    throw ModeledErrors.of(LimitExceededException.class,
                            "The maximum number of tags for the resource has been exceeded.");
                }
                rule = new MuteRule(r.name(), Arn.of("cloudwatch", book.region, book.account,
                        "alarm-mute-rule:" + r.name()).toString());
            }
            rule.description = r.description();
            rule.expression = s.expression();
            rule.duration = s.duration();
            rule.timezone = s.timezone();
            rule.schedule = schedule;
            rule.alarmNames = names;
            rule.startDate = start;
            rule.expireDate = expire;
            rule.lastUpdated = now;
            if (created) {
                MuteRule made = rule;
                if (r.hasTags()) {
                    r.tags().forEach(t -> made.tags.put(t.key(), t.value()));
                }
                book.muteRules.put(rule.name, rule);
                rule.tags.attach(registry, book.account, book.region, "cloudwatch", "alarm-mute-rule:" + rule.name,
                        Arn.parse(rule.arn));
            }
        }
        return PutAlarmMuteRuleResponse.builder().build();
    }

    public GetAlarmMuteRuleResponse getAlarmMuteRule(GetAlarmMuteRuleRequest r) {
        AlarmBook book = stores.current().alarms;
        long now = engine.now();
        synchronized (book) {
            MuteRule rule = book.muteRules.get(r.alarmMuteRuleName());
            if (rule == null) {
                throw ModeledErrors.of(ResourceNotFoundException.class,
                        "The alarm mute rule " + r.alarmMuteRuleName() + " does not exist.");
            }
            return GetAlarmMuteRuleResponse.builder().name(rule.name).alarmMuteRuleArn(rule.arn)
                    .description(rule.description)
                    .rule(Rule.builder().schedule(Schedule.builder().expression(rule.expression)
                            .duration(rule.duration).timezone(rule.timezone).build()).build())
                    .muteTargets(rule.alarmNames.isEmpty() ? null
                            : MuteTargets.builder().alarmNames(rule.alarmNames).build())
                    .startDate(instant(rule.startDate)).expireDate(instant(rule.expireDate)).status(rule.status(now))
                    .lastUpdatedTimestamp(Instant.ofEpochMilli(rule.lastUpdated)).muteType(rule.muteType()).build();
        }
    }

    public ListAlarmMuteRulesResponse listAlarmMuteRules(ListAlarmMuteRulesRequest r) {
        AlarmBook book = stores.current().alarms;
        long now = engine.now();
        List<AlarmMuteRuleSummary> all = new ArrayList<>();
        synchronized (book) {
            if (r.alarmName() != null && !book.alarms.containsKey(r.alarmName())) {
                throw ModeledErrors.of(ResourceNotFoundException.class,
                        "The alarm " + r.alarmName() + " does not exist.");
            }
            for (MuteRule rule : book.muteRules.values()) {
                String status = rule.status(now);
                if (r.alarmName() != null && !rule.targets(r.alarmName())) {
                    continue;
                }
                if (r.hasStatuses() && !r.statuses().isEmpty() && !r.statusesAsStrings().contains(status)) {
                    continue;
                }
                all.add(AlarmMuteRuleSummary.builder().alarmMuteRuleArn(rule.arn).expireDate(instant(rule.expireDate))
                        .status(status).muteType(rule.muteType())
                        .lastUpdatedTimestamp(Instant.ofEpochMilli(rule.lastUpdated)).build());
            }
        }
        Pages<AlarmMuteRuleSummary> page = Pages.of("ListAlarmMuteRules", all, r.nextToken(),
                r.maxRecords() == null ? DEFAULT_PAGE : r.maxRecords());
        return ListAlarmMuteRulesResponse.builder().alarmMuteRuleSummaries(page.items()).nextToken(page.nextToken())
                .build();
    }

    public DeleteAlarmMuteRuleResponse deleteAlarmMuteRule(DeleteAlarmMuteRuleRequest r) {
        AlarmBook book = stores.current().alarms;
        List<String> wasMuting = List.of();
        synchronized (book) {
            MuteRule rule = book.muteRules.remove(r.alarmMuteRuleName());
            if (rule != null) {
                rule.tags.detach();
                if (rule.active(engine.now())) {
                    wasMuting = rule.alarmNames;
                }
            }
        }
        if (!wasMuting.isEmpty()) {
            engine.unmuted(book, wasMuting);
        }
        return DeleteAlarmMuteRuleResponse.builder().build();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
