package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import io.gureum.core.ids.Arn;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RouteServerEndpoint;

/**
 * {@code AWS::EC2::RouteServerEndpoint} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-routeserverendpoint.html).
 * {@code Ref} is the endpoint ID; {@code Fn::GetAtt} gives {@code Arn}, {@code Id}, {@code EniId},
 * {@code EniAddress} and {@code VpcId}. {@code RouteServerId} and {@code SubnetId} replace it; tags change in place.
 * The route server must be associated with the subnet's VPC first (in a template, a {@code DependsOn} on the
 * {@code AWS::EC2::RouteServerAssociation}). Create waits until EC2 reports the endpoint {@code available}, delete
 * until {@code deleted}, neither holding a thread ({@link Polling}).
 */
public final class RouteServerEndpointHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("RouteServerId", "SubnetId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::RouteServerEndpoint";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("RouteServerId", "SubnetId");
    }

    private static RouteServerEndpoint describe(Ec2Client ec2, String id) {
        return ec2.describeRouteServerEndpoints(b -> b.routeServerEndpointIds(id)).routeServerEndpoints().get(0);
    }

    private static Created created(ResourceRequest r, RouteServerEndpoint e) {
        String id = e.routeServerEndpointId();
        return Created.of(id).attribute("Id", id).attribute("EniId", e.eniId()).attribute("EniAddress",
                e.eniAddress()).attribute("VpcId", e.vpcId()).attribute("Arn", Arn.of(r.partition(), "ec2",
                        r.stack().region(), r.stack().accountId(), "route-server-endpoint/" + id).toString());
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String id = ec2.createRouteServerEndpoint(b -> b.routeServerId(r.requiredText("RouteServerId"))
                .subnetId(r.requiredText("SubnetId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.ROUTE_SERVER_ENDPOINT)))
                .routeServerEndpoint().routeServerEndpointId();
        return Ec2Support.untilState("route server endpoint " + id, () -> describe(ec2, id),
                RouteServerEndpoint::stateAsString, "available").thenApply(e -> created(r, e));
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return created(r, describe(ec2(r), r.physicalId()));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String id = r.physicalId();
        return Ec2Support.deletingAsync(() -> {
            ec2.deleteRouteServerEndpoint(b -> b.routeServerEndpointId(id));
            return Polling.settled("route server endpoint " + id, () -> "deleted".equals(describe(ec2, id)
                    .stateAsString()));
        });
    }
}
