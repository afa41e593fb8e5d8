package io.gureum.cloudformation.resource.cloudwatch;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Json;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;

/**
 * {@code AWS::CloudWatch::Dashboard}. {@code Ref} is the dashboard name (generated when
 * {@code DashboardName} is absent); no {@code Fn::GetAtt} attributes. {@code DashboardName} replaces it; the
 * body (a JSON string, or an object the template gives) changes in place with PutDashboard.
 */
public final class DashboardHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("DashboardBody", "DashboardName");

    @Override
    public String type() {
        return "AWS::CloudWatch::Dashboard";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("DashboardName");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("DashboardName") ? r.text("DashboardName") : r.generatedName(255);
        put(r, name);
        return Created.of(name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, r.physicalId());
        return Created.of(r.physicalId());
    }

    private static void put(ResourceRequest r, String name) {
        String body = Json.document(r.property("DashboardBody"));
        r.client(CloudWatchClient.class).putDashboard(b -> b.dashboardName(name).dashboardBody(body));
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(CloudWatchClient.class).deleteDashboards(b -> b.dashboardNames(r.physicalId()));
        } catch (DashboardNotFoundErrorException gone) {
            // Already deleted.
        }
    }
}
