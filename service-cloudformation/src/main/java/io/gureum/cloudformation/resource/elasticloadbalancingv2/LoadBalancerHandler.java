package io.gureum.cloudformation.resource.elasticloadbalancingv2;

import static io.gureum.cloudformation.resource.elasticloadbalancingv2.ElbSupport.elb;

import io.gureum.cloudformation.resource.AsyncResourceHandler;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Polling;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetMapping;

/**
 * {@code AWS::ElasticLoadBalancingV2::LoadBalancer}. {@code Ref} is the load balancer's ARN; {@code Fn::GetAtt}
 * gives {@code CanonicalHostedZoneID}, {@code DNSName}, {@code LoadBalancerArn}, {@code LoadBalancerFullName},
 * {@code LoadBalancerName} and {@code SecurityGroups}, and, as CloudFormation lets it read this type's
 * properties, {@code Name}, {@code Scheme}, {@code Type}, {@code IpAddressType} and the template's other ones. {@code Name}, {@code Scheme} and {@code Type} replace it;
 * subnets (SetSubnets), security groups (SetSecurityGroups), {@code IpAddressType}, attributes and tags change in
 * place. Create and update wait, through {@link Polling} (no engine thread sleeps), until ELB reports the load
 * balancer {@code active}, as AWS's provider does.
 */
public final class LoadBalancerHandler implements AsyncResourceHandler {
    private static final Set<String> SERVED = Set.of("EnablePrefixForIpv6SourceNat",
            "EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic", "IpAddressType", "LoadBalancerAttributes", "Name",
            "Scheme", "SecurityGroups", "SubnetMappings", "Subnets", "Tags", "Type");

    @Override
    public String type() {
        return "AWS::ElasticLoadBalancingV2::LoadBalancer";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name", "Scheme", "Type");
    }

    @Override
    public Created create(ResourceRequest r) {
        return AsyncResourceHandler.join(createAsync(r));
    }

    @Override
    public CompletableFuture<Created> createAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String name = r.has("Name") ? r.text("Name") : r.generatedName(32);
        List<String> subnets = ElbSupport.strings(r, "Subnets");
        List<SubnetMapping> mappings = ElbSupport.list(r, "SubnetMappings", SubnetMapping.class);
        List<String> groups = ElbSupport.strings(r, "SecurityGroups");
        LoadBalancer lb = elb.createLoadBalancer(b -> b.name(name).type(r.text("Type")).scheme(r.text("Scheme"))
                .ipAddressType(r.text("IpAddressType")).subnets(subnets.isEmpty() ? null : subnets)
                .subnetMappings(mappings.isEmpty() ? null : mappings).securityGroups(groups.isEmpty() ? null : groups)
                .enablePrefixForIpv6SourceNat(r.text("EnablePrefixForIpv6SourceNat")).tags(ElbSupport.tags(r)))
                .loadBalancers().get(0);
        String arn = lb.loadBalancerArn();
        Map<String, String> attributes = ElbSupport.keyValues(r.property("LoadBalancerAttributes"));
        if (!attributes.isEmpty()) {
            elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arn).attributes(attributes(attributes)));
        }
        if (r.has("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")) {
            elb.setSecurityGroups(b -> b.loadBalancerArn(arn).securityGroups(groups).enforceSecurityGroupInboundRulesOnPrivateLinkTraffic(
                    r.text("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")));
        }
        return active(elb, arn, r);
    }

    @Override
    public Created update(ResourceRequest r) {
        return AsyncResourceHandler.join(updateAsync(r));
    }

    @Override
    public CompletableFuture<Created> updateAsync(ResourceRequest r) {
        Served.check(r, SERVED);
        ElasticLoadBalancingV2Client elb = elb(r);
        String arn = r.physicalId();
        Set<String> changed = r.changedProperties();
        if (changed.contains("Subnets") || changed.contains("SubnetMappings")) {
            List<String> subnets = ElbSupport.strings(r, "Subnets");
            List<SubnetMapping> mappings = ElbSupport.list(r, "SubnetMappings", SubnetMapping.class);
            elb.setSubnets(b -> b.loadBalancerArn(arn).subnets(subnets.isEmpty() ? null : subnets)
                    .subnetMappings(mappings.isEmpty() ? null : mappings));
        }
        if (changed.contains("SecurityGroups")
                || changed.contains("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")) {
            elb.setSecurityGroups(b -> b.loadBalancerArn(arn).securityGroups(ElbSupport.strings(r, "SecurityGroups"))
                    .enforceSecurityGroupInboundRulesOnPrivateLinkTraffic(
                            r.text("EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic")));
        }
        if (changed.contains("IpAddressType") && r.has("IpAddressType")) {
            elb.setIpAddressType(b -> b.loadBalancerArn(arn).ipAddressType(r.text("IpAddressType")));
        }
        Map<String, String> attributes = ElbSupport.changedKeyValues(r, "LoadBalancerAttributes");
        if (!attributes.isEmpty()) {
            elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arn).attributes(attributes(attributes)));
        }
        ElbSupport.retag(r, arn);
        return active(elb, arn, r);
    }

    private static List<LoadBalancerAttribute> attributes(Map<String, String> m) {
        return m.entrySet().stream().map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue())
                .build()).toList();
    }

    /** Once ELB reports the load balancer {@code active}: its attributes. */
    private static CompletableFuture<Created> active(ElasticLoadBalancingV2Client elb, String arn, ResourceRequest r) {
        return Polling.until(() -> {
            LoadBalancer lb = elb.describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers().get(0);
            String state = lb.state().codeAsString();
            return state.equals("active") ? Polling.Outcome.done(created(lb, r)) : state.equals("provisioning") ? null
                    : Polling.Outcome.failed("Load balancer " + arn + " is " + state);
        }, Polling.SETTLE_LIMIT, "Load balancer " + arn + " did not become active");
    }

    /**
     * The type's documented attributes, and, as CloudFormation lets {@code Fn::GetAtt} read this type's properties,
     * {@code Name}, {@code Scheme}, {@code Type}, {@code IpAddressType} as ELB reports them and the template's other
     * scalar properties ({@link PropertyAttributes}).
     */
    private static Created created(LoadBalancer lb, ResourceRequest r) {
        String arn = lb.loadBalancerArn();
        Created c = Created.of(arn).attribute("LoadBalancerArn", arn).attribute("DNSName", lb.dnsName())
                .attribute("CanonicalHostedZoneID", lb.canonicalHostedZoneId())
                .attribute("LoadBalancerFullName", arn.substring(arn.indexOf(":loadbalancer/") + 14))
                .attribute("LoadBalancerName", lb.loadBalancerName())
                .attribute("SecurityGroups", ElbSupport.array(lb.securityGroups()))
                .attribute("Name", lb.loadBalancerName()).attribute("Scheme", lb.schemeAsString())
                .attribute("Type", lb.typeAsString()).attribute("IpAddressType", lb.ipAddressTypeAsString());
        return PropertyAttributes.add(c, r);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            elb(r).deleteLoadBalancer(b -> b.loadBalancerArn(r.physicalId()));
        } catch (AwsServiceException e) {
            if (!ElbSupport.notFound(e)) {
                throw e;
            }
        }
    }
}
