package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.DestinationConfiguration;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetScheduledQueryResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::ScheduledQuery}: a Logs Insights query run on a schedule (CreateScheduledQuery). {@code Ref} and
 * {@code Fn::GetAtt ScheduledQueryArn} give its ARN (the type's primary identifier); {@code CreationTime},
 * {@code LastUpdatedTime}, {@code LastTriggeredTime} and {@code LastExecutionStatus} what GetScheduledQuery reports
 * when the create or update returns. {@code Name} replaces it; every other property changes in place
 * (UpdateScheduledQuery, which replaces the whole definition; tags with TagResource/UntagResource).
 */
public final class ScheduledQueryHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Name", "Description", "QueryLanguage", "QueryString",
            "LogGroupIdentifiers", "ScheduleExpression", "Timezone", "StartTimeOffset", "DestinationConfiguration",
            "ScheduleStartTime", "ScheduleEndTime", "ExecutionRoleArn", "State", "Tags");

    @Override
    public String type() {
        return "AWS::Logs::ScheduledQuery";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        Map<String, String> tags = r.tagsWithTemplate("Tags");
        String arn = logs.createScheduledQuery(b -> b.name(r.requiredText("Name")).description(r.text("Description"))
                .queryLanguage(r.requiredText("QueryLanguage")).queryString(r.requiredText("QueryString"))
                .logGroupIdentifiers(groups(r)).scheduleExpression(r.requiredText("ScheduleExpression"))
                .timezone(r.text("Timezone")).startTimeOffset(along(r, "StartTimeOffset"))
                .destinationConfiguration(destination(r)).scheduleStartTime(along(r, "ScheduleStartTime"))
                .scheduleEndTime(along(r, "ScheduleEndTime")).executionRoleArn(r.requiredText("ExecutionRoleArn"))
                .state(r.text("State")).tags(tags.isEmpty() ? null : tags)).scheduledQueryArn();
        return created(logs, arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String arn = r.physicalId();
        logs.updateScheduledQuery(b -> b.identifier(arn).description(r.has("Description") ? r.text("Description") : "")
                .queryLanguage(r.requiredText("QueryLanguage")).queryString(r.requiredText("QueryString"))
                .logGroupIdentifiers(groups(r)).scheduleExpression(r.requiredText("ScheduleExpression"))
                .timezone(r.text("Timezone")).startTimeOffset(along(r, "StartTimeOffset"))
                .destinationConfiguration(destination(r)).scheduleStartTime(along(r, "ScheduleStartTime"))
                .scheduleEndTime(along(r, "ScheduleEndTime")).executionRoleArn(r.requiredText("ExecutionRoleArn"))
                .state(r.has("State") ? r.text("State") : "ENABLED"));
        if (r.changedProperties().contains("Tags")) {
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>(logs.listTagsForResource(b -> b.resourceArn(arn)).tags().keySet());
            removed.removeAll(now.keySet());
            if (!removed.isEmpty()) {
                logs.untagResource(b -> b.resourceArn(arn).tagKeys(removed));
            }
            if (!now.isEmpty()) {
                logs.tagResource(b -> b.resourceArn(arn).tags(now));
            }
        }
        return created(logs, arn);
    }

    private static List<String> groups(ResourceRequest r) {
        return r.has("LogGroupIdentifiers") ? Json.strings(r.property("LogGroupIdentifiers")) : null;
    }

    private static Long along(ResourceRequest r, String name) {
        String v = r.text(name);
        return v == null ? null : Long.valueOf(v.trim());
    }

    private static DestinationConfiguration destination(ResourceRequest r) {
        JsonNode d = r.property("DestinationConfiguration");
        if (d == null) {
            return null;
        }
        JsonNode s3 = d.get("S3Configuration");
        return DestinationConfiguration.builder().s3Configuration(s3 == null ? null : c -> c
                .destinationIdentifier(Json.text(s3, "DestinationIdentifier")).roleArn(Json.text(s3, "RoleArn")))
                .build();
    }

    private static Created created(CloudWatchLogsClient logs, String arn) {
        GetScheduledQueryResponse q = logs.getScheduledQuery(b -> b.identifier(arn));
        JsonNodeFactory f = JsonNodeFactory.instance;
        Created c = Created.of(arn).attribute("ScheduledQueryArn", arn)
                .attribute("LastExecutionStatus", q.lastExecutionStatusAsString());
        if (q.creationTime() != null) {
            c = c.attribute("CreationTime", f.numberNode(q.creationTime()));
        }
        if (q.lastUpdatedTime() != null) {
            c = c.attribute("LastUpdatedTime", f.numberNode(q.lastUpdatedTime()));
        }
        if (q.lastTriggeredTime() != null) {
            c = c.attribute("LastTriggeredTime", f.numberNode(q.lastTriggeredTime()));
        }
        return c;
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteScheduledQuery(b -> b.identifier(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }
}
