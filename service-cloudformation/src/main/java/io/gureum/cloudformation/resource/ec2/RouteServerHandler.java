package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import io.gureum.core.ids.Arn;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ModifyRouteServerRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteServer;

/**
 * {@code AWS::EC2::RouteServer} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-routeserver.html).
 * {@code Ref} is the route server ID; {@code Fn::GetAtt} gives {@code Arn} and {@code Id}. {@code AmazonSideAsn}
 * replaces the route server; {@code PersistRoutes}, {@code PersistRoutesDuration} and
 * {@code SnsNotificationsEnabled} change in place through ModifyRouteServer, tags through CreateTags/DeleteTags.
 * Create and update wait until EC2 reports the route server {@code available}, delete until {@code deleted}, none
 * holding a thread ({@link Polling}).
 */
public final class RouteServerHandler implements WaitingUpdateHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("AmazonSideAsn", "PersistRoutes", "PersistRoutesDuration",
            "SnsNotificationsEnabled", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::RouteServer";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("AmazonSideAsn");
    }

    private static RouteServer describe(Ec2Client ec2, String id) {
        return ec2.describeRouteServers(b -> b.routeServerIds(id)).routeServers().get(0);
    }

    private static Long duration(ResourceRequest r) {
        Integer d = r.integer("PersistRoutesDuration");
        return d == null ? null : d.longValue();
    }

    private static CompletableFuture<Created> available(ResourceRequest r, Ec2Client ec2, String id) {
        return Polling.settled("route server " + id, () -> "available".equals(describe(ec2, id).stateAsString()))
                .thenApply(x -> Created.of(id).attribute("Id", id).attribute("Arn", Arn.of(r.partition(), "ec2",
                        r.stack().region(), r.stack().accountId(), "route-server/" + id).toString()));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String asn = r.requiredText("AmazonSideAsn");
        long amazonSideAsn;
        try {
            amazonSideAsn = Long.parseLong(asn.trim());
        } catch (NumberFormatException e) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/AmazonSideAsn: expected type: Integer, found: String");
        }
        String id = ec2.createRouteServer(b -> b.amazonSideAsn(amazonSideAsn).persistRoutes(r.text("PersistRoutes"))
                .persistRoutesDuration(duration(r)).snsNotificationsEnabled(r.bool("SnsNotificationsEnabled"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.ROUTE_SERVER))).routeServer()
                .routeServerId();
        return available(r, ec2, id);
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        Ec2Support.retag(r, id);
        RouteServer now = describe(ec2, id);
        boolean enabled = "enabled".equals(now.persistRoutesStateAsString());
        boolean wantEnabled = "enable".equals(r.text("PersistRoutes"));
        Long wantDuration = wantEnabled ? Objects.requireNonNullElse(duration(r), 1L) : null;
        boolean sns = Boolean.TRUE.equals(now.snsNotificationsEnabled());
        boolean wantSns = Boolean.TRUE.equals(r.bool("SnsNotificationsEnabled"));
        ModifyRouteServerRequest.Builder modify = ModifyRouteServerRequest.builder().routeServerId(id);
        boolean changes = false;
        if (wantEnabled != enabled || wantEnabled && !wantDuration.equals(now.persistRoutesDuration())) {
            modify.persistRoutes(wantEnabled ? "enable" : "disable").persistRoutesDuration(wantDuration);
            changes = true;
        }
        if (wantSns != sns) {
            modify.snsNotificationsEnabled(wantSns);
            changes = true;
        }
        if (!changes) {
            return available(r, ec2, id);
        }
        return Polling.settled("route server " + id, () -> "available".equals(describe(ec2, id).stateAsString()))
                .thenCompose(x -> {
                    ec2.modifyRouteServer(modify.build());
                    return available(r, ec2, id);
                });
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteRouteServer(b -> b.routeServerId(id));
            return Polling.settled("route server " + id, () -> "deleted".equals(describe(ec2, id).stateAsString()));
        });
    }
}
