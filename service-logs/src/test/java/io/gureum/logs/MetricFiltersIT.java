package io.gureum.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.model.DescribeMetricFiltersResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilter;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricFilterMatchRecord;
import software.amazon.awssdk.services.cloudwatchlogs.model.MetricTransformation;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatchlogs.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatchlogs.model.TestMetricFilterResponse;

class MetricFiltersIT extends LogsTestSupport {

    private static MetricTransformation metric(String name) {
        return MetricTransformation.builder().metricName(name).metricNamespace("App").metricValue("1").build();
    }

    private static void put(String group, String filter, String pattern, MetricTransformation t) {
        logs.putMetricFilter(b -> b.logGroupName(group).filterName(filter).filterPattern(pattern).metricTransformations(t));
    }

    @Test
    void putDescribeUpdateDelete() {
        String group = unique("/mf/group");
        logs.createLogGroup(b -> b.logGroupName(group));
        put(group, "errors", "[ip, user, status=5*]", metric("Errors"));
        put(group, "warnings", "WARN", MetricTransformation.builder().metricName("Warnings").metricNamespace("App")
                .metricValue("$.n").defaultValue(0.0).dimensions(Map.of("Svc", "$.svc")).unit(StandardUnit.COUNT).build());

        List<MetricFilter> filters = logs.describeMetricFilters(b -> b.logGroupName(group)).metricFilters();
        assertEquals(List.of("errors", "warnings"), filters.stream().map(MetricFilter::filterName).toList());
        MetricFilter errors = filters.get(0);
        assertEquals("[ip, user, status=5*]", errors.filterPattern());
        assertEquals(group, errors.logGroupName());
        assertEquals(now(), errors.creationTime(), 60_000);
        // "If you omit this, the unit is set as None." (API_MetricTransformation.html)
        assertEquals(StandardUnit.NONE, errors.metricTransformations().get(0).unit());
        assertNull(errors.metricTransformations().get(0).defaultValue());
        MetricTransformation warnings = filters.get(1).metricTransformations().get(0);
        assertEquals(0.0, warnings.defaultValue());
        assertEquals(Map.of("Svc", "$.svc"), warnings.dimensions());
        assertEquals(StandardUnit.COUNT, warnings.unit());
        assertEquals(2, logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).metricFilterCount());

        put(group, "errors", "ERROR", metric("Errors2"));
        assertEquals(List.of("ERROR"), logs.describeMetricFilters(b -> b.logGroupName(group).filterNamePrefix("err"))
                .metricFilters().stream().map(MetricFilter::filterPattern).toList());
        assertEquals(List.of("warnings"), logs.describeMetricFilters(b -> b.metricName("Warnings").metricNamespace("App"))
                .metricFilters().stream().filter(f -> f.logGroupName().equals(group)).map(MetricFilter::filterName).toList());

        logs.deleteMetricFilter(b -> b.logGroupName(group).filterName("errors"));
        assertEquals(List.of("warnings"), logs.describeMetricFilters(b -> b.logGroupName(group)).metricFilters()
                .stream().map(MetricFilter::filterName).toList());
        assertEquals(1, logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().get(0).metricFilterCount());
    }

    @Test
    void pagesInFilterNameOrder() {
        String group = unique("/mf/pages");
        logs.createLogGroup(b -> b.logGroupName(group));
        for (String f : List.of("c", "a", "e", "b", "d")) {
            put(group, f, "", metric("M"));
        }
        DescribeMetricFiltersResponse first = logs.describeMetricFilters(b -> b.logGroupName(group).limit(2));
        assertEquals(List.of("a", "b"), first.metricFilters().stream().map(MetricFilter::filterName).toList());
        List<String> all = logs.describeMetricFiltersPaginator(b -> b.logGroupName(group).limit(2)).metricFilters()
                .stream().map(MetricFilter::filterName).toList();
        assertEquals(List.of("a", "b", "c", "d", "e"), all);
    }

    @Test
    void deletingTheGroupDeletesItsFilters() {
        String group = unique("/mf/gone");
        logs.createLogGroup(b -> b.logGroupName(group));
        put(group, "f", "x", metric("M"));
        logs.deleteLogGroup(b -> b.logGroupName(group));
        logs.createLogGroup(b -> b.logGroupName(group));
        assertEquals(List.of(), logs.describeMetricFilters(b -> b.logGroupName(group)).metricFilters());
    }

    @Test
    void errors() {
        String group = unique("/mf/err");
        logs.createLogGroup(b -> b.logGroupName(group));
        String missing = unique("/mf/missing");
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.", () -> put(missing, "f", "x", metric("M")));
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400,
                "The specified log group does not exist.",
                () -> logs.describeMetricFilters(b -> b.logGroupName(missing)));
        // AWS documents only the code for a filter that does not exist (API_DeleteMetricFilter.html).
        assertError(ResourceNotFoundException.class, "ResourceNotFoundException", 400, null,
                () -> logs.deleteMetricFilter(b -> b.logGroupName(group).filterName("none")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value 'a:b' at 'filterName' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: [^:*]*",
                () -> put(group, "a:b", "x", metric("M")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "1 validation error detected: Value null at 'filterPattern' failed to satisfy constraint: "
                        + "Member must not be null",
                () -> logs.putMetricFilter(b -> b.logGroupName(group).filterName("f").metricTransformations(metric("M"))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.putMetricFilter(b -> b.logGroupName(group).filterName("f").filterPattern("x")
                        .metricTransformations(metric("M"), metric("N"))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.describeMetricFilters(b -> b.metricName("M")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.describeMetricFilters(b -> b.logGroupName(group).nextToken("garbage")));
        assertEquals(List.of(), logs.describeMetricFilters(b -> b.logGroupName(group)).metricFilters());
    }

    @Test
    void testMetricFilterNumbersTheMatchesAndExtractsNamedFields() {
        TestMetricFilterResponse r = logs.testMetricFilter(b -> b.filterPattern("[ip, user, status = 5*, bytes]")
                .logEventMessages("1.2.3.4 alice 500 10", "1.2.3.4 bob 200 20", "5.6.7.8 carol 503 30"));
        assertEquals(List.of(1L, 3L), r.matches().stream().map(MetricFilterMatchRecord::eventNumber).toList());
        assertEquals("5.6.7.8 carol 503 30", r.matches().get(1).eventMessage());
        assertEquals(Map.of("$ip", "5.6.7.8", "$user", "carol", "$status", "503", "$bytes", "30"),
                r.matches().get(1).extractedValues());
        assertEquals(1, logs.testMetricFilter(b -> b.filterPattern("{ $.a = 1 }").logEventMessages("{\"a\": 1}", "x"))
                .matches().size());
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> logs.testMetricFilter(b -> b.filterPattern("{ $.a = ").logEventMessages("x")));
    }

    @Test
    void invalidPatternsAndInfrequentAccessGroupsAreRefused() {
        String group = unique("/mf/bad");
        logs.createLogGroup(b -> b.logGroupName(group));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> put(group, "f", "[ip, user", metric("M")));
        String ia = unique("/mf/ia");
        logs.createLogGroup(b -> b.logGroupName(ia).logGroupClass(LogGroupClass.INFREQUENT_ACCESS));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> put(ia, "f", "ERROR", metric("M")));
        assertEquals(List.of(), logs.describeMetricFilters(b -> b.logGroupName(ia)).metricFilters());
    }
}
