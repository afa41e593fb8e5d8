package io.gureum.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.model.DashboardEntry;
import software.amazon.awssdk.services.cloudwatch.model.DashboardInvalidInputErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DashboardValidationMessage;
import software.amazon.awssdk.services.cloudwatch.model.DeleteDashboardsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DeleteDashboardsResponse;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetDashboardResponse;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListDashboardsResponse;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutDashboardResponse;

/**
 * PutDashboard, GetDashboard, ListDashboards and DeleteDashboards. Dashboards are global to the account in
 * AWS (their ARN has no region) but each region's endpoint lists its own; Gureum keeps them per region.
 */
final class Dashboards {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 1000;

    private final CloudWatchStores stores;

    Dashboards(CloudWatchStores stores) {
        this.stores = stores;
    }

    public PutDashboardResponse putDashboard(PutDashboardRequest r) {
        List<String[]> problems = validate(r.dashboardBody());
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder("The dashboard body is invalid, there are ").append(problems.size())
                    .append(" validation errors: [");
            for (int i = 0; i < problems.size(); i++) {
                sb.append(i == 0 ? " " : ", ").append("{ \"dataPath\" : \"").append(problems.get(i)[0])
                        .append("\", \"message\" : \"").append(problems.get(i)[1]).append("\" }");
            }
            DashboardInvalidInputErrorException e = ModeledErrors.of(DashboardInvalidInputErrorException.class,
                    sb.append(" ]").toString());
            throw e;
        }
        CloudWatchStore store = stores.current();
        String arn = Arn.of("cloudwatch", "", store.account, "dashboard/" + r.dashboardName()).toString();
        store.dashboards.put(r.dashboardName(), new Dashboard(r.dashboardName(), arn, r.dashboardBody(), stores.now()));
        return PutDashboardResponse.builder().dashboardValidationMessages(List.<DashboardValidationMessage>of()).build();
    }

    /** The body's problems as (dataPath, message), worded as AWS's dashboard body schema check words them. */
    private static List<String[]> validate(String body) {
        List<String[]> out = new ArrayList<>();
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (java.io.IOException e) {
            out.add(new String[] {"", "Should be valid JSON"});
            return out;
        }
        if (node == null || !node.isObject()) {
            out.add(new String[] {"", "Should be object"});
        } else if (!node.has("widgets")) {
            out.add(new String[] {"", "Should have required property 'widgets'"});
        } else if (!node.get("widgets").isArray()) {
            out.add(new String[] {"/widgets", "Should be array"});
        } else {
            int i = 0;
            for (JsonNode w : node.get("widgets")) {
                if (!w.isObject()) {
                    out.add(new String[] {"/widgets/" + i, "Should be object"});
                } else if (!w.has("type")) {
                    out.add(new String[] {"/widgets/" + i, "Should have required property 'type'"});
                }
                i++;
            }
        }
        return out;
    }

    public GetDashboardResponse getDashboard(GetDashboardRequest r) {
        Dashboard d = stores.current().dashboards.get(r.dashboardName());
        if (d == null) {
            throw ModeledErrors.of(DashboardNotFoundErrorException.class, "Dashboard " + r.dashboardName()
                    + " does not exist");
        }
        return GetDashboardResponse.builder().dashboardName(d.name()).dashboardArn(d.arn()).dashboardBody(d.body())
                .build();
    }

    public ListDashboardsResponse listDashboards(ListDashboardsRequest r) {
        List<Dashboard> all = stores.current().dashboards.values().stream()
                .filter(d -> r.dashboardNamePrefix() == null || d.name().startsWith(r.dashboardNamePrefix())).toList();
        Pages<Dashboard> page = Pages.of("ListDashboards", all, r.nextToken(), PAGE);
        return ListDashboardsResponse.builder().dashboardEntries(page.items().stream()
                .map(d -> DashboardEntry.builder().dashboardName(d.name()).dashboardArn(d.arn())
                        .lastModified(Instant.ofEpochMilli(d.lastModified()))
                        .size((long) d.body().getBytes(StandardCharsets.UTF_8).length).build())
                .toList()).nextToken(page.nextToken()).build();
    }

    public DeleteDashboardsResponse deleteDashboards(DeleteDashboardsRequest r) {
        CloudWatchStore store = stores.current();
        synchronized (store.dashboards) {
            List<String> missing = r.dashboardNames().stream().filter(n -> !store.dashboards.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw ModeledErrors.of(DashboardNotFoundErrorException.class, "The specified dashboard does not exist. "
                        + missing);
            }
            r.dashboardNames().forEach(store.dashboards::remove);
        }
        return DeleteDashboardsResponse.builder().build();
    }
}
