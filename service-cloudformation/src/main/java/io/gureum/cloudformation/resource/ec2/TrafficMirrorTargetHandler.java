package io.gureum.cloudformation.resource.ec2;

import static io.gureum.cloudformation.resource.ec2.Ec2Support.ec2;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorTarget;

/**
 * {@code AWS::EC2::TrafficMirrorTarget}: a network interface, Network Load Balancer or Gateway Load Balancer
 * endpoint as the destination of mirrored traffic (EC2 refuses the last two here, as AWS refuses ones that do not
 * exist: Gureum serves no Elastic Load Balancing). {@code Ref} and {@code Fn::GetAtt Id} give the target's id.
 * Every property but {@code Tags} replaces the target.
 */
public final class TrafficMirrorTargetHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("Description", "NetworkInterfaceId", "NetworkLoadBalancerArn",
            "GatewayLoadBalancerEndpointId", "Tags");

    @Override
    public String type() {
        return "AWS::EC2::TrafficMirrorTarget";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Description", "NetworkInterfaceId", "NetworkLoadBalancerArn", "GatewayLoadBalancerEndpointId");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String id = ec2(r).createTrafficMirrorTarget(b -> b.description(r.text("Description"))
                .networkInterfaceId(r.text("NetworkInterfaceId")).networkLoadBalancerArn(r.text("NetworkLoadBalancerArn"))
                .gatewayLoadBalancerEndpointId(r.text("GatewayLoadBalancerEndpointId"))
                .tagSpecifications(Ec2Support.tagSpecs(r, ResourceType.TRAFFIC_MIRROR_TARGET))).trafficMirrorTarget()
                .trafficMirrorTargetId();
        return Created.of(id).attribute("Id", id);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        Ec2Support.retag(r, r.physicalId());
        return Created.of(r.physicalId()).attribute("Id", r.physicalId());
    }

    /** EC2's code for a target that does not exist is {@code InvalidTrafficMirrorTargetNoFound} (sic). */
    private static boolean gone(AwsServiceException e) {
        return Ec2Support.notFound(e) || e.awsErrorDetails() != null
                && "InvalidTrafficMirrorTargetNoFound".equals(e.awsErrorDetails().errorCode());
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            ec2(r).deleteTrafficMirrorTarget(b -> b.trafficMirrorTargetId(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!gone(e)) {
                throw e;
            }
        }
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public com.fasterxml.jackson.databind.JsonNode read(ResourceRequest r) {
        TrafficMirrorTarget t;
        try {
            t = Ec2Support.described(() -> ec2(r).describeTrafficMirrorTargets(b -> b
                    .trafficMirrorTargetIds(r.physicalId())).trafficMirrorTargets(), found -> false);
        } catch (AwsServiceException e) {
            if (gone(e)) {
                return null;
            }
            throw e;
        }
        if (t == null) {
            return null;
        }
        return new Drift(r).put("Description", t.description()).put("NetworkInterfaceId", t.networkInterfaceId())
                .put("NetworkLoadBalancerArn", t.networkLoadBalancerArn())
                .put("GatewayLoadBalancerEndpointId", t.gatewayLoadBalancerEndpointId()).result();
    }
}
