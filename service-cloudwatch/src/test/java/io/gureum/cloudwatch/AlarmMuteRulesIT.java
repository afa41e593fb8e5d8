package io.gureum.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmMuteRuleStatus;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.GetAlarmMuteRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.HistoryItemType;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.OTelEnrichmentStatus;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;
import software.amazon.awssdk.services.sns.SnsClient;

/** Alarm mute rules (on Gureum's clock, muting the actions of the alarms they target) and OTel enrichment. */
class AlarmMuteRulesIT extends CloudWatchTestSupport {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @TempDir
    Path dataDir;

    /** A daily period, so that the alarms' own evaluations (no data) do not move them during a test. */
    private static void alarm(CloudWatchClient cw, String name, String topic) {
        cw.putMetricAlarm(b -> b.alarmName(name).namespace(unique("Mute")).metricName("Load")
                .statistic(Statistic.MAXIMUM).period(86400).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).alarmActions(topic).okActions(topic));
    }

    private static int actions(String alarm) {
        return cw.describeAlarmHistory(b -> b.alarmName(alarm).historyItemType(HistoryItemType.ACTION))
                .alarmHistoryItems().size();
    }

    private static void set(String alarm, StateValue state) {
        cw.setAlarmState(b -> b.alarmName(alarm).stateValue(state).stateReason("test"));
    }

    /** Waits for the alarm actions' workers; no bound on how fast, only a generous cap. */
    private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
        for (int i = 0; i < 1200 && !condition.get(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.get(), "condition not reached");
    }

    @Test
    void recurringRuleMutesActionsOnlyInsideItsWindowsOnTheClock() throws Exception {
        try (SnsClient sns = AwsClients.client(SnsClient.builder(), gureum)) {
            String topic = sns.createTopic(b -> b.name(unique("mute"))).topicArn();
            String muted = unique("muted");
            String other = unique("other");
            alarm(cw, muted, topic);
            alarm(cw, other, topic);
            // A daily window starting two hours from now, one hour long.
            ZonedDateTime start = now().atZone(ZoneOffset.UTC).plusHours(2).withSecond(0).withNano(0);
            String rule = unique("nightly");
            cw.putAlarmMuteRule(b -> b.name(rule).description("maintenance")
                    .rule(r -> r.schedule(s -> s.expression("cron(" + start.getMinute() + " " + start.getHour()
                            + " * * *)").duration("PT1H")))
                    .muteTargets(t -> t.alarmNames(muted)).tags(Tag.builder().key("team").value("ops").build()));

            GetAlarmMuteRuleResponse got = cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule));
            assertEquals(AlarmMuteRuleStatus.SCHEDULED, got.status());
            assertEquals("RECURRING", got.muteType());
            assertEquals("arn:aws:cloudwatch:us-east-1:000000000000:alarm-mute-rule:" + rule, got.alarmMuteRuleArn());
            assertEquals(List.of(muted), got.muteTargets().alarmNames());
            assertEquals("PT1H", got.rule().schedule().duration());
            assertEquals("maintenance", got.description());
            assertEquals("ops", cw.listTagsForResource(b -> b.resourceARN(got.alarmMuteRuleArn())).tags().get(0)
                    .value());

            // Before the window: actions run.
            set(muted, StateValue.ALARM);
            waitFor(() -> actions(muted) == 1);

            gureum.context().clock().advance(Duration.ofHours(2).plusMinutes(1));
            assertEquals(AlarmMuteRuleStatus.ACTIVE, cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule)).status());
            assertEquals(1, cw.listAlarmMuteRules(b -> b.alarmName(muted).statuses(AlarmMuteRuleStatus.ACTIVE))
                    .alarmMuteRuleSummaries().size());
            assertEquals(0, cw.listAlarmMuteRules(b -> b.alarmName(other)).alarmMuteRuleSummaries().size());
            set(muted, StateValue.OK);
            set(other, StateValue.ALARM);
            // The other alarm's action ran after the muted alarm's change was applied: the muted one ran none.
            waitFor(() -> actions(other) == 1);
            assertEquals(1, actions(muted));

            // After the window (one hour): actions run again.
            gureum.context().clock().advance(Duration.ofHours(1));
            assertEquals(AlarmMuteRuleStatus.SCHEDULED, cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule)).status());
            set(muted, StateValue.ALARM);
            waitFor(() -> actions(muted) == 2);

            cw.deleteAlarmMuteRule(b -> b.alarmMuteRuleName(rule));
            cw.deleteAlarmMuteRule(b -> b.alarmMuteRuleName(rule)); // idempotent
            assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                    () -> cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule)));
        }
    }

    @Test
    void deletingAnActiveRuleRunsTheActionsOfAlarmsInAlarm() throws Exception {
        try (SnsClient sns = AwsClients.client(SnsClient.builder(), gureum)) {
            String topic = sns.createTopic(b -> b.name(unique("mute"))).topicArn();
            String muted = unique("muted");
            String other = unique("other");
            alarm(cw, muted, topic);
            alarm(cw, other, topic);
            String at = now().atZone(ZoneOffset.UTC).minusMinutes(1).format(AT);
            String rule = unique("incident");
            cw.putAlarmMuteRule(b -> b.name(rule).rule(r -> r.schedule(s -> s.expression("at(" + at + ")")
                    .duration("PT30M"))).muteTargets(t -> t.alarmNames(muted)));
            GetAlarmMuteRuleResponse got = cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(rule));
            assertEquals(AlarmMuteRuleStatus.ACTIVE, got.status());
            assertEquals("ONE_TIME", got.muteType());
            set(muted, StateValue.ALARM);
            set(other, StateValue.ALARM);
            waitFor(() -> actions(other) == 1);
            assertEquals(0, actions(muted));

            cw.deleteAlarmMuteRule(b -> b.alarmMuteRuleName(rule));
            waitFor(() -> actions(muted) == 1);
        }
    }

    @Test
    void oneTimeRuleExpiresAndExpireDateEndsARecurringRule() {
        String at = now().atZone(ZoneOffset.UTC).plusMinutes(10).format(AT);
        String once = unique("once");
        String daily = unique("daily");
        cw.putAlarmMuteRule(b -> b.name(once).rule(r -> r.schedule(s -> s.expression("at(" + at + ")")
                .duration("PT5M"))));
        Instant expire = now().plus(Duration.ofDays(2));
        cw.putAlarmMuteRule(b -> b.name(daily).rule(r -> r.schedule(s -> s.expression("cron(0 2 * * MON-FRI)")
                .duration("PT4H").timezone("America/New_York"))).expireDate(expire));
        assertEquals(AlarmMuteRuleStatus.SCHEDULED, cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(once)).status());
        assertEquals("America/New_York", cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(daily)).rule().schedule()
                .timezone());
        gureum.context().clock().advance(Duration.ofMinutes(12));
        assertEquals(AlarmMuteRuleStatus.ACTIVE, cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(once)).status());
        gureum.context().clock().advance(Duration.ofMinutes(5));
        assertEquals(AlarmMuteRuleStatus.EXPIRED, cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(once)).status());
        assertTrue(cw.listAlarmMuteRules(b -> b.statuses(AlarmMuteRuleStatus.EXPIRED)).alarmMuteRuleSummaries()
                .stream().anyMatch(s -> s.alarmMuteRuleArn().endsWith(":" + once)));
        gureum.context().clock().advance(Duration.ofDays(2));
        var summary = cw.listAlarmMuteRules(b -> b.statuses(AlarmMuteRuleStatus.EXPIRED)).alarmMuteRuleSummaries()
                .stream().filter(s -> s.alarmMuteRuleArn().endsWith(":" + daily)).findFirst().orElseThrow();
        assertEquals(expire.toEpochMilli() / 1000, summary.expireDate().toEpochMilli() / 1000);
        cw.deleteAlarmMuteRule(b -> b.alarmMuteRuleName(once));
        cw.deleteAlarmMuteRule(b -> b.alarmMuteRuleName(daily));
    }

    @Test
    void invalidSchedulesAndUnknownNamesAreRefused() {
        for (String[] bad : new String[][] {{"cron(0 2 * *)", "PT1H", null}, {"rate(5 minutes)", "PT1H", null},
                {"cron(61 2 * * *)", "PT1H", null}, {"at(2026-13-01T00:00)", "PT1H", null},
                {"cron(0 2 * * *)", "PT30S", null}, {"cron(0 2 * * *)", "P16D", null},
                {"cron(0 2 * * *)", "4 hours", null}, {"cron(0 2 * * *)", "PT1H", "Mars/Olympus"}}) {
            assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                    () -> cw.putAlarmMuteRule(b -> b.name(unique("bad")).rule(r -> r.schedule(s -> s
                            .expression(bad[0]).duration(bad[1]).timezone(bad[2])))));
        }
        Instant now = now();
        assertError(InvalidParameterValueException.class, "InvalidParameterValue", 400,
                () -> cw.putAlarmMuteRule(b -> b.name(unique("bad")).rule(r -> r.schedule(s -> s
                        .expression("cron(0 2 * * *)").duration("PT1H"))).startDate(now).expireDate(now)));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(unique("none"))));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 404,
                () -> cw.listAlarmMuteRules(b -> b.alarmName(unique("no-alarm"))));
        assertError(InvalidNextTokenException.class, "InvalidNextToken", 400,
                () -> cw.listAlarmMuteRules(b -> b.nextToken("garbage")));
    }

    @Test
    void listingPagesAndUpdatesReplaceTheRule() {
        String prefix = unique("page");
        for (int i = 0; i < 3; i++) {
            String name = prefix + "-" + i;
            cw.putAlarmMuteRule(b -> b.name(name).rule(r -> r.schedule(s -> s.expression("cron(0 3 1 JAN *)")
                    .duration("P1D"))));
        }
        var first = cw.listAlarmMuteRules(b -> b.maxRecords(2));
        assertEquals(2, first.alarmMuteRuleSummaries().size());
        assertTrue(first.nextToken() != null);
        long mine = cw.listAlarmMuteRulesPaginator(b -> b.maxRecords(1)).alarmMuteRuleSummaries().stream()
                .filter(s -> s.alarmMuteRuleArn().contains(":alarm-mute-rule:" + prefix)).count();
        assertEquals(3, mine);
        cw.putAlarmMuteRule(b -> b.name(prefix + "-0").description("changed").rule(r -> r.schedule(s -> s
                .expression("cron(0 4 * * SUN)").duration("PT2H"))));
        GetAlarmMuteRuleResponse got = cw.getAlarmMuteRule(b -> b.alarmMuteRuleName(prefix + "-0"));
        assertEquals("cron(0 4 * * SUN)", got.rule().schedule().expression());
        assertEquals("changed", got.description());
        assertNull(got.muteTargets());
        for (int i = 0; i < 3; i++) {
            String name = prefix + "-" + i;
            cw.deleteAlarmMuteRule(b -> b.alarmMuteRuleName(name));
        }
    }

    @Test
    void otelEnrichmentStartsAndStops() {
        assertEquals(OTelEnrichmentStatus.STOPPED, cw.getOTelEnrichment(b -> { }).status());
        cw.startOTelEnrichment(b -> { });
        cw.startOTelEnrichment(b -> { });
        assertEquals(OTelEnrichmentStatus.RUNNING, cw.getOTelEnrichment(b -> { }).status());
        cw.stopOTelEnrichment(b -> { });
        assertEquals(OTelEnrichmentStatus.STOPPED, cw.getOTelEnrichment(b -> { }).status());
    }

    @Test
    void muteRulesAndEnrichmentSurviveARestart() {
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
                CloudWatchClient c = AwsClients.client(CloudWatchClient.builder(), g)) {
            c.putAlarmMuteRule(b -> b.name("kept").rule(r -> r.schedule(s -> s.expression("cron(0 2 * * *)")
                    .duration("PT4H").timezone("Europe/London"))).muteTargets(t -> t.alarmNames("a", "b"))
                    .tags(Tag.builder().key("k").value("v").build()));
            c.putAlarmMuteRule(b -> b.name("dropped").rule(r -> r.schedule(s -> s.expression("cron(0 2 * * *)")
                    .duration("PT4H"))));
            c.deleteAlarmMuteRule(b -> b.alarmMuteRuleName("dropped"));
            c.startOTelEnrichment(b -> { });
        }
        try (Gureum g = Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
                CloudWatchClient c = AwsClients.client(CloudWatchClient.builder(), g)) {
            GetAlarmMuteRuleResponse got = c.getAlarmMuteRule(b -> b.alarmMuteRuleName("kept"));
            assertEquals(List.of("a", "b"), got.muteTargets().alarmNames());
            assertEquals("Europe/London", got.rule().schedule().timezone());
            assertEquals("v", c.listTagsForResource(b -> b.resourceARN(got.alarmMuteRuleArn())).tags().get(0).value());
            assertEquals(1, c.listAlarmMuteRules(b -> { }).alarmMuteRuleSummaries().size());
            assertEquals(OTelEnrichmentStatus.RUNNING, c.getOTelEnrichment(b -> { }).status());
        }
    }
}
