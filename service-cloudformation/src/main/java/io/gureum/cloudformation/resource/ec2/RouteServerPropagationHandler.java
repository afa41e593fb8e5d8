package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.RouteServerPropagation;

/**
 * {@code AWS::EC2::RouteServerPropagation} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-routeserverpropagation.html).
 * {@code Ref} is the route server ID and the route table ID separated by {@code |}; it has no {@code Fn::GetAtt}
 * attribute. Both properties replace it. Create waits until EC2 reports the propagation {@code available}, delete
 * until it is gone, neither holding a thread ({@link Polling}).
 */
public final class RouteServerPropagationHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("RouteServerId", "RouteTableId");

    @Override
    public String type() {
        return "AWS::EC2::RouteServerPropagation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    private static List<RouteServerPropagation> find(Ec2Client ec2, String routeServer, String table) {
        return ec2.getRouteServerPropagations(b -> b.routeServerId(routeServer).routeTableId(table))
                .routeServerPropagations();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String routeServer = r.requiredText("RouteServerId");
        String table = r.requiredText("RouteTableId");
        ec2.enableRouteServerPropagation(b -> b.routeServerId(routeServer).routeTableId(table));
        String id = routeServer + "|" + table;
        return Polling.settled("route server propagation " + id, () -> find(ec2, routeServer, table).stream()
                .anyMatch(p -> "available".equals(p.stateAsString()))).thenApply(x -> Created.of(id));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String[] parts = r.physicalId().split("\\|", 2);
        if (parts.length != 2) {
            return CompletableFuture.completedFuture(null);
        }
        return Ec2Support.deletingAsync(() -> {
            if (find(ec2, parts[0], parts[1]).stream().noneMatch(p -> !"deleting".equals(p.stateAsString()))) {
                return Polling.settled("route server propagation " + r.physicalId(), () -> find(ec2, parts[0],
                        parts[1]).isEmpty());
            }
            ec2.disableRouteServerPropagation(b -> b.routeServerId(parts[0]).routeTableId(parts[1]));
            return Polling.settled("route server propagation " + r.physicalId(), () -> find(ec2, parts[0],
                    parts[1]).isEmpty());
        });
    }
}
