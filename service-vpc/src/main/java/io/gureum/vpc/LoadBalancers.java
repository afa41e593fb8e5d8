package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.core.spi.Caller;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;

/**
 * The load balancers behind endpoint services, read through Elastic Load Balancing's in-process client as the
 * service owner: each must exist in the owner's account and region, be of the service's type (network or
 * gateway) and be {@code active}. Without Elastic Load Balancing on the server no load balancer exists, so
 * every ARN is not found.
 */
final class LoadBalancers {
    private final Network net;

    LoadBalancers(Network net) {
        this.net = net;
    }

    private boolean served() {
        return net.ctx.clients().serves(ElasticLoadBalancingV2Client.class);
    }

    private ElasticLoadBalancingV2Client elb(VpcStore s) {
        return net.ctx.clients().client(ElasticLoadBalancingV2Client.class, Caller.root(s.account, s.region));
    }

    private static AwsException notFound(String arn, String type) {
        return type.equals("network")
                ? new AwsException("InvalidNetworkLoadBalancerArn.NotFound",
                        "The Network Load Balancer ARN '" + arn + "' does not exist", 400)
                : new AwsException("InvalidGatewayLoadBalancerArn.NotFound",
                        "The Gateway Load Balancer ARN '" + arn + "' does not exist", 400);
    }

    /** The load balancer of {@code arn} in the owner's account and region, or null. */
    private LoadBalancer find(VpcStore s, String arn) {
        if (!served() || !arn.startsWith("arn:aws:elasticloadbalancing:" + s.region + ":" + s.account + ":")) {
            return null;
        }
        try {
            var found = elb(s).describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers();
            return found.isEmpty() ? null : found.get(0);
        } catch (LoadBalancerNotFoundException e) {
            return null;
        }
    }

    /** Checks load balancers about to front a service of {@code type} ({@code network} or {@code gateway}). */
    void check(VpcStore s, List<String> arns, String type) {
        if (arns == null) {
            return;
        }
        for (String arn : arns) {
            LoadBalancer lb = find(s, arn);
            if (lb == null) {
                throw notFound(arn, type);
            }
            if (!type.equals(lb.typeAsString())) {
                throw io.gureum.ec2common.Ec2Errors.invalidParameterValue("The load balancer '" + arn + "' is not a "
                        + (type.equals("network") ? "Network" : "Gateway") + " Load Balancer.");
            }
            String state = lb.state() == null ? null : lb.state().codeAsString();
            if (!"active".equals(state)) {
                throw io.gureum.ec2common.Ec2Error.INCORRECT_STATE.withMessage("The load balancer '" + arn
                        + "' is in state " + state + "; it must be active.");
            }
        }
    }

    /** The Availability Zones of the load balancers, or null when none can be read. */
    List<String> zones(VpcStore s, List<String> arns) {
        if (!served() || arns.isEmpty()) {
            return null;
        }
        Set<String> zones = new LinkedHashSet<>();
        for (String arn : arns) {
            LoadBalancer lb = find(s, arn);
            if (lb != null && lb.hasAvailabilityZones()) {
                lb.availabilityZones().forEach(z -> zones.add(z.zoneName()));
            }
        }
        return zones.isEmpty() ? null : new ArrayList<>(zones).stream().sorted().toList();
    }
}
