package io.gureum.cloudformation.resource.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * {@code AWS::Logs::LogAnomalyDetector}. {@code Ref} and {@code Fn::GetAtt AnomalyDetectorArn} give the detector's
 * ARN; {@code AnomalyDetectorStatus}, {@code CreationTimeStamp} and {@code LastModifiedTimeStamp} what
 * GetLogAnomalyDetector reports. {@code EvaluationFrequency}, {@code FilterPattern} and
 * {@code AnomalyVisibilityTime} change in place (UpdateLogAnomalyDetector). AWS's reference page marks every
 * property "No interruption", but UpdateLogAnomalyDetector cannot change the name, the log group or the KMS key:
 * Gureum replaces the detector when one of those changes rather than report a change it did not make.
 * {@code AccountId} must be the stack's account (a detector is created in the caller's account).
 */
public final class LogAnomalyDetectorHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("AccountId", "AnomalyVisibilityTime", "DetectorName",
            "EvaluationFrequency", "FilterPattern", "KmsKeyId", "LogGroupArnList");

    @Override
    public String type() {
        return "AWS::Logs::LogAnomalyDetector";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("DetectorName", "KmsKeyId", "LogGroupArnList", "AccountId");
    }

    @Override
    public Created create(ResourceRequest r) {
        check(r);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        String arn = logs.createLogAnomalyDetector(b -> b.logGroupArnList(Json.strings(r.property("LogGroupArnList")))
                .detectorName(r.text("DetectorName")).evaluationFrequency(r.text("EvaluationFrequency"))
                .filterPattern(r.text("FilterPattern")).kmsKeyId(r.text("KmsKeyId"))
                .anomalyVisibilityTime(visibility(r))).anomalyDetectorArn();
        return created(logs, arn);
    }

    @Override
    public Created update(ResourceRequest r) {
        check(r);
        CloudWatchLogsClient logs = r.client(CloudWatchLogsClient.class);
        logs.updateLogAnomalyDetector(b -> b.anomalyDetectorArn(r.physicalId()).enabled(true)
                .evaluationFrequency(r.text("EvaluationFrequency"))
                .filterPattern(r.has("FilterPattern") ? r.text("FilterPattern") : "")
                .anomalyVisibilityTime(visibility(r)));
        return created(logs, r.physicalId());
    }

    private static void check(ResourceRequest r) {
        Served.check(r, SERVED);
        if (r.has("AccountId") && !r.text("AccountId").equals(r.stack().accountId())) {
            throw new ResourceFailure("AccountId " + r.text("AccountId") + " is not the stack's account "
                    + r.stack().accountId());
        }
        if (!r.has("LogGroupArnList")) {
            r.requiredText("LogGroupArnList");
        }
    }

    private static Long visibility(ResourceRequest r) {
        Integer v = r.integer("AnomalyVisibilityTime");
        return v == null ? null : Long.valueOf(v);
    }

    private static Created created(CloudWatchLogsClient logs, String arn) {
        GetLogAnomalyDetectorResponse d = logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(arn));
        Created c = Created.of(arn).attribute("AnomalyDetectorArn", arn)
                .attribute("AnomalyDetectorStatus", d.anomalyDetectorStatusAsString());
        if (d.creationTimeStamp() != null) {
            c = c.attribute("CreationTimeStamp", JsonNodeFactory.instance.numberNode(d.creationTimeStamp()));
        }
        if (d.lastModifiedTimeStamp() != null) {
            c = c.attribute("LastModifiedTimeStamp", JsonNodeFactory.instance.numberNode(d.lastModifiedTimeStamp()));
        }
        return c;
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchLogsClient.class).deleteLogAnomalyDetector(b -> b.anomalyDetectorArn(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            // Already deleted.
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        GetLogAnomalyDetectorResponse d;
        try {
            d = r.client(CloudWatchLogsClient.class).getLogAnomalyDetector(b -> b.anomalyDetectorArn(r.physicalId()));
        } catch (ResourceNotFoundException gone) {
            return null;
        }
        Drift drift = new Drift(r).put("DetectorName", d.detectorName())
                .put("EvaluationFrequency", d.evaluationFrequencyAsString()).put("FilterPattern", d.filterPattern())
                .put("AnomalyVisibilityTime", d.anomalyVisibilityTime()).put("KmsKeyId", d.kmsKeyId());
        if (drift.wants("LogGroupArnList")) {
            var list = JsonNodeFactory.instance.arrayNode();
            d.logGroupArnList().forEach(list::add);
            drift.put("LogGroupArnList", list);
        }
        return drift.result();
    }
}
