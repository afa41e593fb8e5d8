package io.gureum.logs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutMetricFilterRequest;

/** Metric filters: stored, listed and deleted (API_PutMetricFilter.html); no metrics are emitted. */
final class MetricFilters {
    private static final String FILTER_NAME_PATTERN = "[^:*]*";
    private static final String METRIC_PATTERN = "[^:*$]*";
    private static final Comparator<StoredMetricFilter> ORDER = Comparator
            .comparing(StoredMetricFilter::filterName).thenComparing(StoredMetricFilter::logGroupName);

    void put(LogsStore store, PutMetricFilterRequest request, long now) {
        Validation.groupName(request.logGroupName(), "logGroupName");
        String name = filterName(request.filterName(), "filterName");
        if (request.filterPattern() == null) {
            throw LogsErrors.required("filterPattern");
        }
        Validation.length(request.filterPattern(), "filterPattern", 0, 1024);
        if (!request.hasMetricTransformations()) {
            throw LogsErrors.required("metricTransformations");
        }
        if (request.metricTransformations().size() != 1) {
            throw LogsErrors.validation(request.metricTransformations(), "metricTransformations",
                    "Member must have length " + (request.metricTransformations().isEmpty()
                            ? "greater than or equal to 1" : "less than or equal to 1"));
        }
        List<StoredMetricFilter.Transformation> transformations = new ArrayList<>();
        for (MetricTransformation t : request.metricTransformations()) {
            transformations.add(transformation(t));
        }
        LogGroup group = store.group(request.logGroupName());
        group.metricFilters.put(name, new StoredMetricFilter(group.name, name, request.filterPattern(), now,
                List.copyOf(transformations), request.applyOnTransformedLogs(), request.fieldSelectionCriteria(),
                request.hasEmitSystemFieldDimensions() ? List.copyOf(request.emitSystemFieldDimensions()) : null));
    }

    private static StoredMetricFilter.Transformation transformation(MetricTransformation t) {
        String member = "metricTransformations.1.member.";
        metric(t.metricName(), member + "metricName");
        metric(t.metricNamespace(), member + "metricNamespace");
        if (t.metricValue() == null) {
            throw LogsErrors.required(member + "metricValue");
        }
        Validation.length(t.metricValue(), member + "metricValue", 0, 100);
        return new StoredMetricFilter.Transformation(t.metricName(), t.metricNamespace(), t.metricValue(),
                t.defaultValue(), t.hasDimensions() ? Map.copyOf(t.dimensions()) : null, t.unitAsString());
    }

    private static void metric(String value, String member) {
        if (value == null) {
            throw LogsErrors.required(member);
        }
        Validation.length(value, member, 0, 255);
        if (!value.matches(METRIC_PATTERN)) {
            throw LogsErrors.validation(value, member, "Member must satisfy regular expression pattern: " + METRIC_PATTERN);
        }
    }

    private static String filterName(String value, String member) {
        if (value == null) {
            throw LogsErrors.required(member);
        }
        Validation.length(value, member, 1, 512);
        if (!value.matches(FILTER_NAME_PATTERN)) {
            throw LogsErrors.validation(value, member,
                    "Member must satisfy regular expression pattern: " + FILTER_NAME_PATTERN);
        }
        return value;
    }

    void delete(LogsStore store, String logGroupName, String filterName) {
        Validation.groupName(logGroupName, "logGroupName");
        filterName(filterName, "filterName");
        if (store.group(logGroupName).metricFilters.remove(filterName) == null) {
            throw LogsErrors.notFound("The specified metric filter does not exist.");
        }
    }

    /** ASCII-sorted by filter name; {@code filterNamePrefix} counts only with {@code logGroupName} (API_DescribeMetricFilters.html). */
    DescribeMetricFiltersResponse describe(LogsStore store, DescribeMetricFiltersRequest request) {
        String prefix = null;
        if (request.filterNamePrefix() != null) {
            prefix = filterName(request.filterNamePrefix(), "filterNamePrefix");
        }
        if ((request.metricName() == null) != (request.metricNamespace() == null)) {
            throw LogsErrors.invalidParameter(
                    "If you specify metricName or metricNamespace, you must specify both of them.");
        }
        int limit = Validation.limit(request.limit(), "limit", 1, 50, 50);
        String after = PageTokens.decode("metricFilters", request.nextToken());
        List<StoredMetricFilter> all = new ArrayList<>();
        if (request.logGroupName() != null) {
            Validation.groupName(request.logGroupName(), "logGroupName");
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
