package io.gureum.cloudwatch;

import io.gureum.core.error.ModeledErrors;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetector;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetectorStateValue;
import software.amazon.awssdk.services.cloudwatch.model.AnomalyDetectorType;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAnomalyDetectorRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAnomalyDetectorsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAnomalyDetectorsResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricMathAnomalyDetector;
import software.amazon.awssdk.services.cloudwatch.model.PutAnomalyDetectorRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutAnomalyDetectorResponse;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.SingleMetricAnomalyDetector;

/**
 * PutAnomalyDetector, DescribeAnomalyDetectors and DeleteAnomalyDetector. The band itself is computed by
 * ANOMALY_DETECTION_BAND from the metric's history ({@link AnomalyBand}); a detector's configuration
 * (excluded time ranges, time zone) is stored and returned but does not change the band.
 */
final class AnomalyDetectors {
    private static final int PAGE = 100;

    private final CloudWatchStores stores;

    AnomalyDetectors(CloudWatchStores stores) {
        this.stores = stores;
    }

    public PutAnomalyDetectorResponse putAnomalyDetector(PutAnomalyDetectorRequest r) {
        AnomalyDetector d = detector(r.singleMetricAnomalyDetector(), r.metricMathAnomalyDetector(), r.namespace(),
                r.metricName(), r.dimensions(), r.stat());
        d = d.toBuilder().configuration(r.configuration()).metricCharacteristics(r.metricCharacteristics())
                .stateValue(AnomalyDetectorStateValue.PENDING_TRAINING).build();
        stores.current().detectors.put(key(d), new StoredAnomalyDetector(key(d), d));
        return PutAnomalyDetectorResponse.builder().build();
    }

    private static AnomalyDetector detector(SingleMetricAnomalyDetector single, MetricMathAnomalyDetector math,
            String namespace, String metricName, List<software.amazon.awssdk.services.cloudwatch.model.Dimension> dims,
            String stat) {
        boolean legacy = namespace != null || metricName != null || stat != null;
        int kinds = (single != null ? 1 : 0) + (math != null ? 1 : 0) + (legacy ? 1 : 0);
        if (kinds > 1) {
            throw CloudWatchErrors.combination("Only one of SingleMetricAnomalyDetector, MetricMathAnomalyDetector"
                    + " or the Namespace, MetricName, Dimensions and Stat parameters can be specified.");
        }
        if (kinds == 0) {
            throw CloudWatchErrors.missing("One of SingleMetricAnomalyDetector or MetricMathAnomalyDetector must be"
                    + " specified.");
        }
        if (math != null) {
            return AnomalyDetector.builder().metricMathAnomalyDetector(math).build();
        }
        if (single == null) {
            single = SingleMetricAnomalyDetector.builder().namespace(namespace).metricName(metricName)
                    .dimensions(dims).stat(stat).build();
        }
        if (single.namespace() == null || single.metricName() == null || single.stat() == null) {
            throw CloudWatchErrors.missing("The parameters Namespace, MetricName and Stat are required.");
        }
        return AnomalyDetector.builder().singleMetricAnomalyDetector(single).namespace(single.namespace())
                .metricName(single.metricName()).dimensions(single.dimensions()).stat(single.stat()).build();
    }

    private static String key(AnomalyDetector d) {
        if (d.metricMathAnomalyDetector() != null) {
            return "math:" + d.metricMathAnomalyDetector().metricDataQueries();
        }
        SingleMetricAnomalyDetector s = d.singleMetricAnomalyDetector();
        return "single:" + Metrics.key(s.namespace(), s.metricName(), s.dimensions()).sortKey() + "|" + s.stat();
    }

    public DescribeAnomalyDetectorsResponse describeAnomalyDetectors(DescribeAnomalyDetectorsRequest r) {
        List<String> types = r.hasAnomalyDetectorTypes() && !r.anomalyDetectorTypes().isEmpty()
                ? r.anomalyDetectorTypesAsStrings() : List.of("SINGLE_METRIC", "METRIC_MATH");
        List<AnomalyDetector> all = stores.current().detectors.values().stream().map(StoredAnomalyDetector::detector)
                .filter(d -> types.contains(d.metricMathAnomalyDetector() != null
                        ? AnomalyDetectorType.METRIC_MATH.toString() : AnomalyDetectorType.SINGLE_METRIC.toString()))
                .filter(d -> r.namespace() == null || r.namespace().equals(d.namespace()))
                .filter(d -> r.metricName() == null || r.metricName().equals(d.metricName()))
                .filter(d -> !r.hasDimensions() || r.dimensions().isEmpty() || d.hasDimensions()
                        && d.dimensions().containsAll(r.dimensions()))
                .toList();
        Pages<AnomalyDetector> page = Pages.of("DescribeAnomalyDetectors", all, r.nextToken(),
                r.maxResults() == null ? PAGE : r.maxResults());
        return DescribeAnomalyDetectorsResponse.builder().anomalyDetectors(page.items()).nextToken(page.nextToken())
                .build();
    }

    public DeleteAnomalyDetectorResponse deleteAnomalyDetector(DeleteAnomalyDetectorRequest r) {
        AnomalyDetector d = detector(r.singleMetricAnomalyDetector(), r.metricMathAnomalyDetector(), r.namespace(),
                r.metricName(), r.dimensions(), r.stat());
        if (stores.current().detectors.remove(key(d)) == null) {
            throw ModeledErrors.of(ResourceNotFoundException.class, "This anomaly detection model does not exist.");
        }
        return DeleteAnomalyDetectorResponse.builder().build();
    }
}
