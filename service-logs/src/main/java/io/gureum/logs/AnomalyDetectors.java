package io.gureum.logs;

import io.gureum.core.ids.Arn;
import io.gureum.core.ids.ResourceIds;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.model.AnomalyDetector;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogAnomalyDetectorRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogAnomalyDetectorRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteLogAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogAnomalyDetectorRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListAnomaliesRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListAnomaliesResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListLogAnomalyDetectorsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.ListLogAnomalyDetectorsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateAnomalyRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateAnomalyResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateLogAnomalyDetectorRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.UpdateLogAnomalyDetectorResponse;

/**
 * Log anomaly detectors (API_CreateLogAnomalyDetector.html) as stored configuration: one log group each ("You can
 * specify only one log group ARN."), an evaluation frequency, a filter pattern checked by the shared matcher.
 * Gureum trains no model: a detector reports {@code TRAINING} (or {@code PAUSED} once disabled), ListAnomalies
 * answers none, and UpdateAnomaly finds no anomaly or pattern to suppress.
 */
final class AnomalyDetectors {
    /** One detector; replaced whole on update. */
    record Detector(String arn, String detectorName, String logGroupArn, String evaluationFrequency,
            String filterPattern, String kmsKeyId, Long anomalyVisibilityTime, boolean enabled, long creationTime,
            long lastModifiedTime, TagSet tags) {
        String status() {
            return enabled ? "TRAINING" : "PAUSED";
        }
    }

    private final LogsStores stores;
    private final ResourceIds ids;

    AnomalyDetectors(LogsStores stores, ResourceIds ids) {
        this.stores = stores;
        this.ids = ids;
    }

    public CreateLogAnomalyDetectorResponse createLogAnomalyDetector(CreateLogAnomalyDetectorRequest request) {
        LogsStore store = stores.current();
        if (request.logGroupArnList().size() != 1) {
            throw LogsErrors.invalidParameter("You can specify only one log group ARN.");
        }
        LogGroup group = Identifiers.group(store, null, request.logGroupArnList().get(0));
        if (request.filterPattern() != null) {
            FilterPatterns.parse(request.filterPattern());
        }
        String arn = Arn.of("logs", store.region, store.account, "anomaly-detector:" + ids.requestId()).toString();
        long now = stores.now();
        store.anomalyDetectors.put(arn, new Detector(arn, request.detectorName(), group.logGroupArn(),
                request.evaluationFrequencyAsString(), request.filterPattern(), request.kmsKeyId(),
                request.anomalyVisibilityTime(), true, now, now,
                new TagSet(request.hasTags() ? request.tags() : java.util.Map.of())));
        return CreateLogAnomalyDetectorResponse.builder().anomalyDetectorArn(arn).build();
    }

    public GetLogAnomalyDetectorResponse getLogAnomalyDetector(GetLogAnomalyDetectorRequest request) {
        Detector d = find(request.anomalyDetectorArn());
        return GetLogAnomalyDetectorResponse.builder().detectorName(d.detectorName()).logGroupArnList(d.logGroupArn())
                .evaluationFrequency(d.evaluationFrequency()).filterPattern(d.filterPattern())
                .anomalyDetectorStatus(d.status()).kmsKeyId(d.kmsKeyId()).creationTimeStamp(d.creationTime())
                .lastModifiedTimeStamp(d.lastModifiedTime()).anomalyVisibilityTime(d.anomalyVisibilityTime()).build();
    }

    /** The fields not given keep their values. */
    public UpdateLogAnomalyDetectorResponse updateLogAnomalyDetector(UpdateLogAnomalyDetectorRequest request) {
        Detector d = find(request.anomalyDetectorArn());
        if (request.filterPattern() != null) {
            FilterPatterns.parse(request.filterPattern());
        }
        stores.current().anomalyDetectors.put(d.arn(), new Detector(d.arn(), d.detectorName(), d.logGroupArn(),
                request.evaluationFrequencyAsString() != null ? request.evaluationFrequencyAsString()
                        : d.evaluationFrequency(),
                request.filterPattern() != null ? request.filterPattern() : d.filterPattern(), d.kmsKeyId(),
                request.anomalyVisibilityTime() != null ? request.anomalyVisibilityTime() : d.anomalyVisibilityTime(),
                request.enabled(), d.creationTime(), stores.now(), d.tags()));
        return UpdateLogAnomalyDetectorResponse.builder().build();
    }

    public DeleteLogAnomalyDetectorResponse deleteLogAnomalyDetector(DeleteLogAnomalyDetectorRequest request) {
        if (stores.current().anomalyDetectors.remove(find(request.anomalyDetectorArn()).arn()) == null) {
            throw notFound();
        }
        return DeleteLogAnomalyDetectorResponse.builder().build();
    }

    public ListLogAnomalyDetectorsResponse listLogAnomalyDetectors(ListLogAnomalyDetectorsRequest request) {
        LogsStore store = stores.current();
        String group = null;
        if (request.filterLogGroupArn() != null) {
            group = Identifiers.group(store, null, request.filterLogGroupArn()).logGroupArn();
        }
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("anomalyDetectors", request.nextToken());
        List<AnomalyDetector> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (Detector d : (after == null ? store.anomalyDetectors : store.anomalyDetectors.tailMap(after, false))
                .values()) {
            if (group != null && !group.equals(d.logGroupArn())) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(AnomalyDetector.builder().anomalyDetectorArn(d.arn()).detectorName(d.detectorName())
                    .logGroupArnList(d.logGroupArn()).evaluationFrequency(d.evaluationFrequency())
                    .filterPattern(d.filterPattern()).anomalyDetectorStatus(d.status()).kmsKeyId(d.kmsKeyId())
                    .creationTimeStamp(d.creationTime()).lastModifiedTimeStamp(d.lastModifiedTime())
                    .anomalyVisibilityTime(d.anomalyVisibilityTime()).build());
            last = d.arn();
        }
        return ListLogAnomalyDetectorsResponse.builder().anomalyDetectors(page)
                .nextToken(more ? PageTokens.encode("anomalyDetectors", last) : null).build();
    }

    /** No model is trained, so no anomaly is ever found. */
    public ListAnomaliesResponse listAnomalies(ListAnomaliesRequest request) {
        if (request.anomalyDetectorArn() != null) {
            find(request.anomalyDetectorArn());
        }
        return ListAnomaliesResponse.builder().anomalies(List.of()).build();
    }

    public UpdateAnomalyResponse updateAnomaly(UpdateAnomalyRequest request) {
        find(request.anomalyDetectorArn());
        if ((request.anomalyId() == null) == (request.patternId() == null)) {
            throw LogsErrors.invalidParameter("You must specify either anomalyId or patternId, but not both.");
        }
        throw LogsErrors.notFound(request.anomalyId() != null ? "The specified anomaly does not exist."
                : "The specified pattern does not exist.");
    }

    private Detector find(String arn) {
        Detector d = stores.current().anomalyDetectors.get(arn);
        if (d == null) {
            throw notFound();
        }
        return d;
    }

    private static RuntimeException notFound() {
        return LogsErrors.notFound("The specified anomaly detector does not exist.");
    }
}
