package io.gureum.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteMetricFilterRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DeleteMetricFilterResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilterMatchRecord;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutMetricFilterRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutMetricFilterResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.TestMetricFilterRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.TestMetricFilterResponse;

/** Metric filters: stored, listed and deleted (API_PutMetricFilter.html); {@link MetricFilterEmitter} emits their metrics. */
final class MetricFilters {
    private static final Comparator<StoredMetricFilter> ORDER = Comparator
            .comparing(StoredMetricFilter::filterName).thenComparing(StoredMetricFilter::logGroupName);

    private final LogsStores stores;

    MetricFilters(LogsStores stores) {
        this.stores = stores;
    }

    /** Core has checked the model's constraints: names, the pattern's length, exactly one transformation. */
    public PutMetricFilterResponse putMetricFilter(PutMetricFilterRequest request) {
        List<StoredMetricFilter.Transformation> transformations = new ArrayList<>();
        for (MetricTransformation t : request.metricTransformations()) {
            transformations.add(new StoredMetricFilter.Transformation(t.metricName(), t.metricNamespace(),
                    t.metricValue(), t.defaultValue(), t.hasDimensions() ? Map.copyOf(t.dimensions()) : null,
                    t.unitAsString()));
        }
        LogGroup group = stores.current().group(request.logGroupName());
        if (!group.logGroupClass.equals("STANDARD")) {
            // "Metric filters" are a Standard-class feature (CloudWatch_Logs_Log_Classes.html).
            throw LogsErrors.invalidParameter("Metric filters are not supported for log groups in the "
                    + group.logGroupClass + " log class.");
        }
        FilterPatterns.parse(request.filterPattern());
        String name = request.filterName();
        group.metricFilters.put(name, new StoredMetricFilter(group.name, name, request.filterPattern(), stores.now(),
                List.copyOf(transformations), request.applyOnTransformedLogs(), request.fieldSelectionCriteria(),
                request.hasEmitSystemFieldDimensions() ? List.copyOf(request.emitSystemFieldDimensions()) : null));
        return PutMetricFilterResponse.builder().build();
    }

    /**
     * The messages the pattern matches, numbered from 1 in the order given, with the values a space-delimited pattern
     * names as {@code $name} (what a transformation's {@code metricValue} and dimensions read).
     */
    public TestMetricFilterResponse testMetricFilter(TestMetricFilterRequest request) {
        FilterPattern pattern = FilterPatterns.parse(request.filterPattern());
        List<MetricFilterMatchRecord> matches = new ArrayList<>();
        List<String> messages = request.logEventMessages();
        for (int i = 0; i < messages.size(); i++) {
            FilterPattern.Match m = pattern.match(messages.get(i));
            if (m != null) {
                Map<String, String> extracted = new java.util.LinkedHashMap<>();
                m.fields().forEach((k, v) -> extracted.put("$" + k, v));
                matches.add(MetricFilterMatchRecord.builder().eventNumber(i + 1L).eventMessage(messages.get(i))
                        .extractedValues(extracted).build());
            }
        }
        return TestMetricFilterResponse.builder().matches(matches).build();
    }

    public DeleteMetricFilterResponse deleteMetricFilter(DeleteMetricFilterRequest request) {
        if (stores.current().group(request.logGroupName()).metricFilters.remove(request.filterName()) == null) {
            throw LogsErrors.notFound("The specified metric filter does not exist.");
        }
        return DeleteMetricFilterResponse.builder().build();
    }

    /** ASCII-sorted by filter name; {@code filterNamePrefix} counts only with {@code logGroupName} (API_DescribeMetricFilters.html). */
    public DescribeMetricFiltersResponse describeMetricFilters(DescribeMetricFiltersRequest request) {
        LogsStore store = stores.current();
        String prefix = request.filterNamePrefix();
        if ((request.metricName() == null) != (request.metricNamespace() == null)) {
            throw LogsErrors.invalidParameter(
                    "If you specify metricName or metricNamespace, you must specify both of them.");
        }
        int limit = request.limit() == null ? 50 : request.limit();
        String after = PageTokens.decode("metricFilters", request.nextToken());
        List<StoredMetricFilter> all = new ArrayList<>();
        if (request.logGroupName() != null) {
            all.addAll(store.group(request.logGroupName()).metricFilters.values());
        } else {
            prefix = null;
            store.groups.values().forEach(g -> all.addAll(g.metricFilters.values()));
        }
        all.sort(ORDER);
        List<MetricFilter> page = new ArrayList<>();
        String last = null;
        boolean more = false;
        for (StoredMetricFilter f : all) {
            String key = f.filterName() + "\u0000" + f.logGroupName();
            if ((after != null && key.compareTo(after) <= 0)
                    || (prefix != null && !f.filterName().startsWith(prefix))
                    || (request.metricName() != null && f.transformations().stream().noneMatch(t ->
                            t.metricName().equals(request.metricName())
                                    && t.metricNamespace().equals(request.metricNamespace())))) {
                continue;
            }
            if (page.size() == limit) {
                more = true;
                break;
            }
            page.add(describe(f));
            last = key;
        }
        return DescribeMetricFiltersResponse.builder().metricFilters(page)
                .nextToken(more ? PageTokens.encode("metricFilters", last) : null).build();
    }

    private static MetricFilter describe(StoredMetricFilter f) {
        List<MetricTransformation> transformations = new ArrayList<>();
        for (StoredMetricFilter.Transformation t : f.transformations()) {
            // "If you omit this, the unit is set as None." (API_MetricTransformation.html)
            transformations.add(MetricTransformation.builder().metricName(t.metricName())
                    .metricNamespace(t.metricNamespace()).metricValue(t.metricValue()).defaultValue(t.defaultValue())
                    .dimensions(t.dimensions()).unit(t.unit() == null ? "None" : t.unit()).build());
        }
        return MetricFilter.builder().filterName(f.filterName()).filterPattern(f.filterPattern())
                .metricTransformations(transformations).creationTime(f.creationTime()).logGroupName(f.logGroupName())
                .applyOnTransformedLogs(f.applyOnTransformedLogs()).fieldSelectionCriteria(f.fieldSelectionCriteria())
                .emitSystemFieldDimensions(f.emitSystemFieldDimensions()).build();
    }
}
