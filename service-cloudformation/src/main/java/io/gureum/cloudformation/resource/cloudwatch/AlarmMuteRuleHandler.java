package io.gureum.cloudformation.resource.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.GetAlarmMuteRuleResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutAlarmMuteRuleRequest;

/**
 * {@code AWS::CloudWatch::AlarmMuteRule} (PutAlarmMuteRule). {@code Ref} is the rule's ARN (the type's primary
 * identifier); {@code Fn::GetAtt} gives {@code Arn}, {@code Status}, {@code MuteType} and {@code LastUpdatedTimestamp}.
 * {@code Name} (generated when absent) replaces the rule; the other properties change in place with
 * PutAlarmMuteRule, {@code Tags} with TagResource/UntagResource (PutAlarmMuteRule tags only on creation).
 * {@code StartDate} and {@code ExpireDate} are ISO 8601 timestamps.
 */
public final class AlarmMuteRuleHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "Description", "Rule", "MuteTargets", "StartDate",
            "ExpireDate", "Tags");

    @Override
    public String type() {
        return "AWS::CloudWatch::AlarmMuteRule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(255);
        r.client(CloudWatchClient.class).putAlarmMuteRule(request(r, name).tags(CloudWatchTags.of(r)).build());
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = nameOf(r.physicalId());
        r.client(CloudWatchClient.class).putAlarmMuteRule(request(r, name).build());
        if (r.changedProperties().contains("Tags") || !r.stackTags().isEmpty()) {
            CloudWatchTags.update(r, r.physicalId());
        }
        return result(r, name);
    }

    private static PutAlarmMuteRuleRequest.Builder request(ResourceRequest r, String name) {
        JsonNode schedule = r.property("Rule") == null ? null : r.property("Rule").get("Schedule");
        if (schedule == null || !schedule.isObject()) {
            throw new ResourceFailure("Property Rule.Schedule cannot be empty.");
        }
        PutAlarmMuteRuleRequest.Builder b = PutAlarmMuteRuleRequest.builder().name(name)
                .description(r.text("Description")).rule(x -> x.schedule(s -> s
                        .expression(Json.text(schedule, "Expression")).duration(Json.text(schedule, "Duration"))
                        .timezone(Json.text(schedule, "Timezone"))))
                .startDate(date(r, "StartDate")).expireDate(date(r, "ExpireDate"));
        JsonNode targets = r.property("MuteTargets");
        if (targets != null && targets.has("AlarmNames")) {
            b.muteTargets(t -> t.alarmNames(Json.strings(targets.get("AlarmNames"))));
        }
        return b;
    }

    private static Instant date(ResourceRequest r, String property) {
        String text = r.text(property);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ResourceFailure("Property " + property + " must be an ISO 8601 timestamp, not " + text);
        }
    }

    /** The name in a rule's ARN ({@code arn:aws:cloudwatch:<region>:<account>:alarm-mute-rule:<name>}). */
    private static String nameOf(String arn) {
        return arn.substring(arn.indexOf(":alarm-mute-rule:") + ":alarm-mute-rule:".length());
    }

    private static Created result(ResourceRequest r, String name) {
        GetAlarmMuteRuleResponse got = r.client(CloudWatchClient.class).getAlarmMuteRule(b -> b.alarmMuteRuleName(
                name));
        return Created.of(got.alarmMuteRuleArn()).attribute("Arn", got.alarmMuteRuleArn())
                .attribute("Status", got.statusAsString()).attribute("MuteType", got.muteType())
                .attribute("LastUpdatedTimestamp", got.lastUpdatedTimestamp().toString());
    }

    @Override
    public void delete(ResourceRequest r) {
        // DeleteAlarmMuteRule is idempotent: a rule already gone is no error.
        r.client(CloudWatchClient.class).deleteAlarmMuteRule(b -> b.alarmMuteRuleName(nameOf(r.physicalId())));
    }

    @Override
    public boolean readable() {
        return true;
    }

    /** The rule as CloudWatch has it; a date equal to the template's instant reads as the template wrote it. */
    @Override
    public JsonNode read(ResourceRequest r) {
        GetAlarmMuteRuleResponse got;
        try {
            got = r.client(CloudWatchClient.class).getAlarmMuteRule(b -> b.alarmMuteRuleName(nameOf(r.physicalId())));
        } catch (software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException gone) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ObjectNode schedule = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        schedule.put("Expression", got.rule().schedule().expression()).put("Duration", got.rule().schedule()
                .duration());
        if (got.rule().schedule().timezone() != null) {
            schedule.put("Timezone", got.rule().schedule().timezone());
        }
        com.fasterxml.jackson.databind.node.ObjectNode rule = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        rule.set("Schedule", schedule);
        com.fasterxml.jackson.databind.node.ObjectNode targets = null;
        if (got.muteTargets() != null) {
            targets = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            got.muteTargets().alarmNames().forEach(targets.putArray("AlarmNames")::add);
        }
        return new Drift(r).put("Name", got.name()).put("Description", got.description()).put("Rule", rule)
                .put("MuteTargets", targets).put("StartDate", dateAsGiven(r, "StartDate", got.startDate()))
                .put("ExpireDate", dateAsGiven(r, "ExpireDate", got.expireDate())).result();
    }

    private static String dateAsGiven(ResourceRequest r, String property, Instant actual) {
        if (actual == null) {
            return null;
        }
        String given = r.text(property);
        try {
            if (given != null && Instant.parse(given).equals(actual)) {
                return given;
            }
        } catch (DateTimeParseException e) {
            // Not a timestamp: report the service's.
        }
        return actual.toString();
    }
}
