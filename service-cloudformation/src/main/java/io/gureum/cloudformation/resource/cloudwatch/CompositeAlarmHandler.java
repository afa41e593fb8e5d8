package io.gureum.cloudformation.resource.cloudwatch;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.PutCompositeAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * {@code AWS::CloudWatch::CompositeAlarm}. {@code Ref} is the alarm name (generated when {@code AlarmName} is
 * absent); {@code Fn::GetAtt} gives {@code Arn}. {@code AlarmName} replaces it; everything else changes in place
 * with PutCompositeAlarm.
 */
public final class CompositeAlarmHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ActionsEnabled", "ActionsSuppressor",
            "ActionsSuppressorExtensionPeriod", "ActionsSuppressorWaitPeriod", "AlarmActions", "AlarmDescription",
            "AlarmName", "AlarmRule", "InsufficientDataActions", "OKActions", "Tags");

    @Override
    public String type() {
        return "AWS::CloudWatch::CompositeAlarm";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AlarmName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("AlarmName") ? r.text("AlarmName") : r.generatedName(255);
        put(r, name, true);
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, r.physicalId(), r.changedProperties().contains("Tags"));
        return result(r, r.physicalId());
    }

    private static void put(ResourceRequest r, String name, boolean tag) {
        PutCompositeAlarmRequest.Builder b = PutCompositeAlarmRequest.builder().alarmName(name)
                .alarmRule(r.requiredText("AlarmRule")).alarmDescription(r.text("AlarmDescription"))
                .actionsEnabled(r.bool("ActionsEnabled")).alarmActions(Json.strings(r.property("AlarmActions")))
                .okActions(Json.strings(r.property("OKActions")))
                .insufficientDataActions(Json.strings(r.property("InsufficientDataActions")))
                .actionsSuppressor(r.text("ActionsSuppressor"))
                .actionsSuppressorWaitPeriod(r.integer("ActionsSuppressorWaitPeriod"))
                .actionsSuppressorExtensionPeriod(r.integer("ActionsSuppressorExtensionPeriod"));
        if (tag) {
            List<Tag> tags = new ArrayList<>();
            r.tagsWithTemplate("Tags").forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            b.tags(tags);
        }
        r.client(CloudWatchClient.class).putCompositeAlarm(b.build());
    }

    private static Created result(ResourceRequest r, String name) {
        String arn = r.client(CloudWatchClient.class).describeAlarms(b -> b.alarmNames(name)
                .alarmTypes(AlarmType.COMPOSITE_ALARM)).compositeAlarms().get(0).alarmArn();
        return Created.of(name).attribute("Arn", arn);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchClient.class).deleteAlarms(b -> b.alarmNames(r.physicalId()));
        } catch (AwsServiceException e) {
            // DeleteAlarms answers ResourceNotFound for an alarm that does not exist: already deleted.
            if (e.awsErrorDetails() == null || !"ResourceNotFound".equals(e.awsErrorDetails().errorCode())) {
                throw e;
            }
        }
    }
}
