package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::LogGroup}. {@code Ref} is the log group name; {@code Fn::GetAtt} gives {@code Arn}
 * ({@code arn:aws:logs:<region>:<account>:log-group:<name>:*}). {@code LogGroupName} and
 * {@code LogGroupClass} replace it; retention, KMS key and tags change in place.
 */
public final class LogGroupHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "KmsKeyId", "LogGroupClass", "LogGroupName", "RetentionInDays", "Tags");

    @Override
    public String type() {
        return "AWS::Logs::LogGroup";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("LogGroupName", "LogGroupClass");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String name = r.has("LogGroupName") ? r.text("LogGroupName") : r.generatedName(512);
        logs.createLogGroup(b -> b.logGroupName(name).kmsKeyId(r.text("KmsKeyId"))
                .logGroupClass(r.text("LogGroupClass")).tags(r.tagsWithTemplate("Tags")));
        if (r.has("RetentionInDays")) {
            logs.putRetentionPolicy(b -> b.logGroupName(name).retentionInDays(r.integer("RetentionInDays")));
        }
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String name = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("RetentionInDays")) {
            if (r.has("RetentionInDays")) {
                logs.putRetentionPolicy(b -> b.logGroupName(name).retentionInDays(r.integer("RetentionInDays")));
            } else {
                logs.deleteRetentionPolicy(b -> b.logGroupName(name));
            }
        }
        if (changed.contains("KmsKeyId")) {
            if (r.has("KmsKeyId")) {
                logs.associateKmsKey(b -> b.logGroupName(name).kmsKeyId(r.text("KmsKeyId")));
            } else {
                logs.disassociateKmsKey(b -> b.logGroupName(name));
            }
        }
        if (changed.contains("Tags")) {
            String arn = arn(r, name).replaceAll(":\\*$", "");
            Map<String, String> now = r.tagsWithTemplate("Tags");
            List<String> removed = new ArrayList<>(logs.listTagsForResource(b -> b.resourceArn(arn)).tags().keySet());
            removed.removeAll(now.keySet());
            if (!removed.isEmpty()) {
                logs.untagResource(b -> b.resourceArn(arn).tagKeys(removed));
            }
            logs.tagResource(b -> b.resourceArn(arn).tags(now));
        }
        return result(r, name);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteLogGroup(b -> b.logGroupName(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    private static String arn(ResourceRequest r, String name) {
        return "arn:" + r.partition() + ":logs:" + r.stack().region() + ":" + r.stack().accountId() + ":log-group:"
                + name + ":*";
    }

    private static Created result(ResourceRequest r, String name) {
        return Created.of(name).attribute("Arn", arn(r, name));
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        var group = r.client(CloudWatchLogsClient.class).describeLogGroups(b -> b.logGroupNamePrefix(r.physicalId()))
                .logGroups().stream().filter(g -> g.logGroupName().equals(r.physicalId())).findFirst().orElse(null);
        if (group == null) {
            return null;
        }
        return new Drift(r).put("LogGroupName", group.logGroupName()).put("RetentionInDays", group.retentionInDays())
                .put("KmsKeyId", group.kmsKeyId()).result();
    }
}
