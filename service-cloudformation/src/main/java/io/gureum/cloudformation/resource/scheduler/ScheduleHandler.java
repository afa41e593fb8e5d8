package io.gureum.cloudformation.resource.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.SdkJson;
import io.gureum.cloudformation.resource.common.Served;
import java.time.Instant;
import java.util.Set;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindow;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

/**
 * {@code AWS::Scheduler::Schedule}. {@code Ref} is the schedule name (generated when {@code Name} is absent);
 * {@code Fn::GetAtt} gives {@code Arn}. {@code Name} replaces it, and so does {@code GroupName} (UpdateSchedule
 * cannot move a schedule between groups); the rest changes in place with UpdateSchedule, which replaces the
 * whole definition. {@code Target} and {@code FlexibleTimeWindow} mirror the API's shapes member for member.
 */
public final class ScheduleHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Description", "EndDate", "FlexibleTimeWindow", "GroupName",
            "KmsKeyArn", "Name", "ScheduleExpression", "ScheduleExpressionTimezone", "StartDate", "State", "Target");

    @Override
    public String type() {
        return "AWS::Scheduler::Schedule";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "GroupName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(64);
        String arn = r.client(SchedulerClient.class).createSchedule(b -> b.name(name).groupName(r.text("GroupName"))
                .scheduleExpression(r.requiredText("ScheduleExpression"))
                .scheduleExpressionTimezone(r.text("ScheduleExpressionTimezone")).startDate(instant(r, "StartDate"))
                .endDate(instant(r, "EndDate")).description(r.text("Description")).state(r.text("State"))
                .kmsKeyArn(r.text("KmsKeyArn")).flexibleTimeWindow(window(r)).target(target(r))).scheduleArn();
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String arn = r.client(SchedulerClient.class).updateSchedule(b -> b.name(r.physicalId())
                .groupName(r.text("GroupName")).scheduleExpression(r.requiredText("ScheduleExpression"))
                .scheduleExpressionTimezone(r.text("ScheduleExpressionTimezone")).startDate(instant(r, "StartDate"))
                .endDate(instant(r, "EndDate")).description(r.text("Description")).state(r.text("State"))
                .kmsKeyArn(r.text("KmsKeyArn")).flexibleTimeWindow(window(r)).target(target(r))).scheduleArn();
        return Created.of(r.physicalId()).attribute("Arn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SchedulerClient.class).deleteSchedule(b -> b.name(r.physicalId()).groupName(r.text("GroupName")));
        } catch (ResourceNotFoundException gone) {
            // Already deleted, or its group is.
        }
    }

    private static Instant instant(ResourceRequest r, String name) {
        String v = r.text(name);
        return v == null ? null : Instant.parse(v);
    }

    private static FlexibleTimeWindow window(ResourceRequest r) {
        JsonNode w = r.property("FlexibleTimeWindow");
        if (w == null) {
            r.requiredText("FlexibleTimeWindow");
        }
        return SdkJson.build(w, FlexibleTimeWindow.builder(), "FlexibleTimeWindow");
    }

    private static Target target(ResourceRequest r) {
        JsonNode t = r.property("Target");
        if (t == null) {
            r.requiredText("Target");
        }
        return SdkJson.build(t, Target.builder(), "Target");
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        software.amazon.awssdk.services.scheduler.model.GetScheduleResponse s;
        try {
            s = r.client(SchedulerClient.class).getSchedule(b -> b.name(r.physicalId()).groupName(r.text("GroupName")));
        } catch (software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException gone) {
            return null;
        }
        var d = new io.gureum.cloudformation.resource.common.Drift(r).put("Name", s.name())
                .put("GroupName", s.groupName()).put("ScheduleExpression", s.scheduleExpression())
                .put("ScheduleExpressionTimezone", s.scheduleExpressionTimezone()).put("Description", s.description())
                .put("State", s.stateAsString()).put("KmsKeyArn", s.kmsKeyArn())
                .put("StartDate", s.startDate() == null ? null : s.startDate().toString())
                .put("EndDate", s.endDate() == null ? null : s.endDate().toString());
        if (s.flexibleTimeWindow() != null && d.wants("FlexibleTimeWindow")) {
            var w = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("Mode", s.flexibleTimeWindow().modeAsString());
            if (s.flexibleTimeWindow().maximumWindowInMinutes() != null) {
                w.put("MaximumWindowInMinutes", s.flexibleTimeWindow().maximumWindowInMinutes());
            }
            d.put("FlexibleTimeWindow", w);
        }
        return d.result();
    }
}
