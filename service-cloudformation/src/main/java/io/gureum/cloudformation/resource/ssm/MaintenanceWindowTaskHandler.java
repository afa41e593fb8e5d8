package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DoesNotExistException;
import software.amazon.awssdk.services.ssm.model.LoggingInfo;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowAutomationParameters;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowLambdaParameters;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowRunCommandParameters;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowStepFunctionsParameters;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowTaskInvocationParameters;
import software.amazon.awssdk.services.ssm.model.MaintenanceWindowTaskParameterValueExpression;

/**
 * {@code AWS::SSM::MaintenanceWindowTask}. {@code Ref} and {@code Fn::GetAtt WindowTaskId} give the window task ID. {@code WindowId} and
 * {@code TaskType} replace it; the rest is updated in place (UpdateMaintenanceWindowTask with Replace).
 * {@code TaskInvocationParameters} takes {@code MaintenanceWindowLambdaParameters} (Payload as text),
 * {@code MaintenanceWindowRunCommandParameters}, {@code MaintenanceWindowAutomationParameters} and
 * {@code MaintenanceWindowStepFunctionsParameters}; {@code LoggingInfo} is {@code {S3Bucket, S3Prefix,
 * Region}}.
 */
public final class MaintenanceWindowTaskHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("CutoffBehavior", "Description", "LoggingInfo",
            "MaxConcurrency", "MaxErrors", "Name", "Priority", "ServiceRoleArn", "Targets", "TaskArn",
            "TaskInvocationParameters", "TaskParameters", "TaskType", "WindowId");

    @Override
    public String type() {
        return "AWS::SSM::MaintenanceWindowTask";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("WindowId", "TaskType");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = r.client(SsmClient.class).registerTaskWithMaintenanceWindow(b -> b
                .windowId(r.requiredText("WindowId")).taskType(r.requiredText("TaskType"))
                .taskArn(r.requiredText("TaskArn")).priority(r.integer("Priority"))
                .targets(MaintenanceShapes.targets(r, "Targets")).serviceRoleArn(r.text("ServiceRoleArn"))
                .maxConcurrency(r.text("MaxConcurrency")).maxErrors(r.text("MaxErrors")).name(r.text("Name"))
                .description(r.text("Description")).cutoffBehavior(r.text("CutoffBehavior"))
                .taskParameters(taskParameters(r)).taskInvocationParameters(invocation(r)).loggingInfo(logging(r)))
                .windowTaskId();
        return Created.of(id).attribute("WindowTaskId", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        r.client(SsmClient.class).updateMaintenanceWindowTask(b -> b.windowId(r.requiredText("WindowId"))
                .windowTaskId(r.physicalId()).replace(true).taskArn(r.requiredText("TaskArn"))
                .priority(r.integer("Priority")).targets(MaintenanceShapes.targets(r, "Targets"))
                .serviceRoleArn(r.text("ServiceRoleArn")).maxConcurrency(r.text("MaxConcurrency"))
                .maxErrors(r.text("MaxErrors")).name(r.text("Name")).description(r.text("Description"))
                .cutoffBehavior(r.text("CutoffBehavior")).taskParameters(taskParameters(r))
                .taskInvocationParameters(invocation(r)).loggingInfo(logging(r)));
        return Created.of(r.physicalId()).attribute("WindowTaskId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SsmClient.class).deregisterTaskFromMaintenanceWindow(b -> b.windowId(r.text("WindowId"))
                    .windowTaskId(r.physicalId()));
        } catch (DoesNotExistException gone) {
            // The task or its window is already gone.
        }
    }

    private static MaintenanceWindowTaskInvocationParameters invocation(ResourceRequest r) {
        JsonNode p = r.property("TaskInvocationParameters");
        if (p == null || p.isNull()) {
            return null;
        }
        MaintenanceWindowTaskInvocationParameters.Builder b = MaintenanceWindowTaskInvocationParameters.builder();
        JsonNode lambda = p.get("MaintenanceWindowLambdaParameters");
        if (lambda != null) {
            b.lambda(MaintenanceWindowLambdaParameters.builder().clientContext(lambda.path("ClientContext").asText(null))
                    .qualifier(lambda.path("Qualifier").asText(null))
                    .payload(lambda.hasNonNull("Payload") ? SdkBytes.fromUtf8String(lambda.get("Payload").isTextual()
                            ? lambda.get("Payload").asText() : lambda.get("Payload").toString()) : null)
                    .build());
        }
        JsonNode run = p.get("MaintenanceWindowRunCommandParameters");
        if (run != null) {
            b.runCommand(MaintenanceShapes.shape(r, "TaskInvocationParameters", run,
                    MaintenanceWindowRunCommandParameters.class));
        }
        JsonNode automation = p.get("MaintenanceWindowAutomationParameters");
        if (automation != null) {
            b.automation(MaintenanceShapes.shape(r, "TaskInvocationParameters", automation,
                    MaintenanceWindowAutomationParameters.class));
        }
        JsonNode steps = p.get("MaintenanceWindowStepFunctionsParameters");
        if (steps != null) {
            b.stepFunctions(MaintenanceShapes.shape(r, "TaskInvocationParameters", steps,
                    MaintenanceWindowStepFunctionsParameters.class));
        }
        return b.build();
    }

    private static Map<String, MaintenanceWindowTaskParameterValueExpression> taskParameters(ResourceRequest r) {
        JsonNode p = r.property("TaskParameters");
        if (p == null || !p.isObject()) {
            return null;
        }
        Map<String, MaintenanceWindowTaskParameterValueExpression> out = new LinkedHashMap<>();
        p.fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().path("Values").forEach(v -> values.add(v.asText()));
            out.put(e.getKey(), MaintenanceWindowTaskParameterValueExpression.builder().values(values).build());
        });
        return out;
    }

    private static LoggingInfo logging(ResourceRequest r) {
        JsonNode l = r.property("LoggingInfo");
        if (l == null || l.isNull()) {
            return null;
        }
        return LoggingInfo.builder().s3BucketName(l.path("S3Bucket").asText(null))
                .s3KeyPrefix(l.path("S3Prefix").asText(null)).s3Region(l.path("Region").asText(null)).build();
    }
}
