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
import software.amazon.awssdk.services.ec2.model.RouteServerAssociation;

/**
 * {@code AWS::EC2::RouteServerAssociation} (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-routeserverassociation.html).
 * {@code Ref} is the route server ID and the VPC ID separated by {@code |}; it has no {@code Fn::GetAtt}
 * attribute. Both properties replace it. Create waits until EC2 reports the association {@code associated},
 * delete until it is gone, neither holding a thread ({@link Polling}).
 */
public final class RouteServerAssociationHandler implements WaitingHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of("RouteServerId", "VpcId");

    @Override
    public String type() {
        return "AWS::EC2::RouteServerAssociation";
    }

    @Override
    public Set<String> replacementProperties() {
        return ALL_PROPERTIES;
    }

    private static List<RouteServerAssociation> find(Ec2Client ec2, String routeServer, String vpc) {
        return ec2.getRouteServerAssociations(b -> b.routeServerId(routeServer)).routeServerAssociations().stream()
                .filter(a -> vpc.equals(a.vpcId())).toList();
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Client ec2 = ec2(r);
        String routeServer = r.requiredText("RouteServerId");
        String vpc = r.requiredText("VpcId");
        ec2.associateRouteServer(b -> b.routeServerId(routeServer).vpcId(vpc));
        String id = routeServer + "|" + vpc;
        return Polling.settled("route server association " + id, () -> find(ec2, routeServer, vpc).stream()
                .anyMatch(a -> "associated".equals(a.stateAsString()))).thenApply(x -> Created.of(id));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(ResourceRequest r) {
        Ec2Client ec2 = ec2(r);
        String[] parts = r.physicalId().split("\\|", 2);
        if (parts.length != 2) {
            return CompletableFuture.completedFuture(null);
        }
        return Ec2Support.deletingAsync(() -> {
            if (find(ec2, parts[0], parts[1]).isEmpty()) {
                return CompletableFuture.completedFuture(null); // already gone
            }
            ec2.disassociateRouteServer(b -> b.routeServerId(parts[0]).vpcId(parts[1]));
            return Polling.settled("route server association " + r.physicalId(), () -> find(ec2, parts[0],
                    parts[1]).isEmpty());
        });
    }
}
