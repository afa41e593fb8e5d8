package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.AnomalyDetectorStatus;
import software.amazon.awssdk.services.cloudwatchlogs.model.EvaluationFrequency;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** Anomaly detectors are stored configuration; no model is trained, so there are no anomalies. */
class AnomalyDetectorsIT extends LogsTestSupport {

    @Test
    void createGetUpdateListDelete() {
        String group = groupWithStream("s");
        String groupArn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        String arn = logs.createLogAnomalyDetector(b -> b.logGroupArnList(groupArn).detectorName("d")
                .evaluationFrequency(EvaluationFrequency.FIVE_MIN).filterPattern("ERROR").anomalyVisibilityTime(14L))
                .anomalyDetectorArn();
        assertTrue(arn.startsWith("arn:aws:logs:us-east-1:000000000000:anomaly-detector:"), arn);
        GetLogAnomalyDetectorResponse d = logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(arn));
        assertEquals("d", d.detectorName());
        assertEquals(java.util.List.of(groupArn), d.logGroupArnList());
        assertEquals(EvaluationFrequency.FIVE_MIN, d.evaluationFrequency());
        assertEquals(AnomalyDetectorStatus.TRAINING, d.anomalyDetectorStatus());
        assertEquals(14L, d.anomalyVisibilityTime());

        logs.updateLogAnomalyDetector(b -> b.anomalyDetectorArn(arn).enabled(false)
                .evaluationFrequency(EvaluationFrequency.ONE_HOUR));
        d = logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(arn));
        assertEquals(AnomalyDetectorStatus.PAUSED, d.anomalyDetectorStatus());
        assertEquals(EvaluationFrequency.ONE_HOUR, d.evaluationFrequency());
        assertEquals("ERROR", d.filterPattern());

        assertEquals(1, logs.listLogAnomalyDetectors(b -> b.filterLogGroupArn(groupArn)).anomalyDetectors().size());
        assertTrue(logs.listAnomalies(b -> b.anomalyDetectorArn(arn)).anomalies().isEmpty());
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.updateAnomaly(b -> b.anomalyDetectorArn(arn).anomalyId("00000000-0000-0000-0000-000000000000")
                        .suppressionType("INFINITE")));
        logs.deleteLogAnomalyDetector(b -> b.anomalyDetectorArn(arn));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.getLogAnomalyDetector(b -> b.anomalyDetectorArn(arn)));
    }

    @Test
    void errors() {
        String group = groupWithStream("s");
        String groupArn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group;
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "You can specify only one log group ARN.",
                () -> logs.createLogAnomalyDetector(b -> b.logGroupArnList(groupArn, groupArn + "x")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.createLogAnomalyDetector(b -> b.logGroupArnList(groupArn + "-none")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.createLogAnomalyDetector(b -> b.logGroupArnList(groupArn).filterPattern("{ $.a = ")));
    }
}
