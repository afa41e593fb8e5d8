package io.gureum.cloudwatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricWidgetImageRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricWidgetImageResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** GetMetricData (MetricStat, metric math, Metrics Insights) and GetMetricWidgetImage. */
final class MetricData {
    /** "If you omit this, the default of 100,800 is used." (API_GetMetricData, MaxDatapoints) */
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    /** "A GetMetricData operation that does not include a query can retrieve as many as 500 different metrics." */
    static final int MAX_QUERIES = 500;

    private final CloudWatchStores stores;

    private final QueryRunner.InsightMetrics insights;

    MetricData(CloudWatchStores stores, QueryRunner.InsightMetrics insights) {
        this.stores = stores;
        this.insights = insights;
    }

    public GetMetricDataResponse getMetricData(GetMetricDataRequest request) {
        if (request.metricDataQueries().size() > MAX_QUERIES) {
            throw CloudWatchErrors.invalidValue("The collection MetricDataQueries must not have a size greater than "
                    + MAX_QUERIES + ".");
        }
        long start = request.startTime().toEpochMilli();
        long end = request.endTime().toEpochMilli();
        if (start >= end) {
            throw CloudWatchErrors.invalidValue("The parameter StartTime must be less than the parameter EndTime.");
        }
        List<QueryResult> results = new QueryRunner(stores.current().metrics, request.metricDataQueries(), start, end,
                stores.now()).withInsights(insights).run();
        boolean ascending = request.scanBy() == ScanBy.TIMESTAMP_ASCENDING;
        int max = request.maxDatapoints() == null ? DEFAULT_MAX_DATAPOINTS : request.maxDatapoints();
        int skip = Pages.offset("GetMetricData", request.nextToken());
        int budget = max;
        int seen = 0;
        boolean more = false;
        List<MetricDataResult> out = new ArrayList<>();
        for (QueryResult r : results) {
            if (!r.returnData()) {
                continue;
            }
            Integer[] order = order(r.timestamps().length, ascending);
            List<Instant> ts = new ArrayList<>();
            List<Double> vs = new ArrayList<>();
            for (Integer i : order) {
                if (seen++ < skip) {
                    continue;
                }
                if (budget == 0) {
                    more = true;
                    break;
                }
                ts.add(Instant.ofEpochMilli(r.timestamps()[i]));
                vs.add(r.values()[i]);
                budget--;
            }
            if (ts.isEmpty() && r.timestamps().length > 0 && !more) {
                continue; // all of its points were on earlier pages
            }
            out.add(MetricDataResult.builder().id(r.id()).label(r.label()).timestamps(ts).values(vs)
                    .statusCode(more ? StatusCode.PARTIAL_DATA : StatusCode.COMPLETE).build());
            if (more) {
                break;
            }
        }
        String next = more ? io.gureum.core.protocol.PageTokens.encode("GetMetricData", Integer.toString(skip + max))
                : null;
        return GetMetricDataResponse.builder().metricDataResults(out).nextToken(next).messages(List.of()).build();
    }

    private static Integer[] order(int n, boolean ascending) {
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> ascending ? i : n - 1 - i);
        return order;
    }

    public GetMetricWidgetImageResponse getMetricWidgetImage(GetMetricWidgetImageRequest request) {
        WidgetImage.Widget widget = WidgetImage.Widget.parse(request.metricWidget(), stores.now());
        List<QueryResult> results = new QueryRunner(stores.current().metrics, widget.queries(), widget.start(),
                widget.end(), stores.now()).run();
        String format = request.outputFormat() == null ? "png" : request.outputFormat();
        if (!format.equals("png")) {
            throw CloudWatchErrors.invalidValue(format, "OutputFormat");
        }
        byte[] png = WidgetImage.render(widget, results);
        return GetMetricWidgetImageResponse.builder().metricWidgetImage(SdkBytes.fromByteArray(png)).build();
    }
}
