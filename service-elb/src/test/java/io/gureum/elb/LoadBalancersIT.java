package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AllocationIdNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DuplicateLoadBalancerNameException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidConfigurationRequestException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.InvalidSecurityGroupException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SubnetNotFoundException;

/** CreateLoadBalancer and DescribeLoadBalancers for the three types, with the errors AWS gives. */
class LoadBalancersIT extends ElbTestSupport {

    @Test
    void applicationLoadBalancerProvisionsThenIsActive() {
        String name = unique("web");
        LoadBalancer lb = alb(name);
        assertTrue(lb.loadBalancerArn().matches(
                "arn:aws:elasticloadbalancing:us-east-1:000000000000:loadbalancer/app/" + name + "/[0-9a-f]{16}"));
        assertEquals("provisioning", lb.state().codeAsString());
        assertEquals("application", lb.typeAsString());
        assertEquals("internet-facing", lb.schemeAsString());
        assertEquals("ipv4", lb.ipAddressTypeAsString());
        assertEquals("Z35SXDOTRQ7X7K", lb.canonicalHostedZoneId());
        assertTrue(lb.dnsName().matches(name + "-[0-9]{10}\\.us-east-1\\.elb\\.amazonaws\\.com"), lb.dnsName());
        assertEquals(subnets.get(0).vpcId(), lb.vpcId());
        assertEquals(2, lb.availabilityZones().size());
        assertEquals(1, lb.securityGroups().size(), "the VPC's default security group");
        advance(LoadBalancers.PROVISIONING);
        LoadBalancer later = elb.describeLoadBalancers(b -> b.loadBalancerArns(lb.loadBalancerArn()))
                .loadBalancers().get(0);
        assertEquals("active", later.state().codeAsString());
        assertEquals(lb.dnsName(), elb.describeLoadBalancers(b -> b.names(name)).loadBalancers().get(0).dnsName());
        // Idempotent with the same settings; DuplicateLoadBalancerName with others.
        assertEquals(lb.loadBalancerArn(), alb(name).loadBalancerArn());
        fails(DuplicateLoadBalancerNameException.class, "DuplicateLoadBalancerName",
                () -> elb.createLoadBalancer(b -> b.name(name).subnets(subnet(0), subnet(2))));
    }

    @Test
    void networkAndGatewayLoadBalancers() {
        String name = unique("net");
        LoadBalancer net = elb.createLoadBalancer(b -> b.name(name).type(LoadBalancerTypeEnum.NETWORK)
                .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(subnet(0))).loadBalancers().get(0);
        assertTrue(net.loadBalancerArn().contains(":loadbalancer/net/" + name + "/"));
        assertTrue(net.dnsName().matches("internal-" + name + "-[0-9a-f]{16}\\.elb\\.us-east-1\\.amazonaws\\.com"),
                net.dnsName());
        assertEquals("Z26RNL4JYFTOTI", net.canonicalHostedZoneId());
        assertTrue(net.securityGroups().isEmpty());
        String gw = unique("gw");
        LoadBalancer gateway = elb.createLoadBalancer(b -> b.name(gw).type(LoadBalancerTypeEnum.GATEWAY)
                .subnets(subnet(1))).loadBalancers().get(0);
        assertTrue(gateway.loadBalancerArn().contains(":loadbalancer/gwy/" + gw + "/"));
        assertEquals("gateway", gateway.typeAsString());
        assertEquals(List.of(net.loadBalancerArn(), gateway.loadBalancerArn()),
                elb.describeLoadBalancers(b -> b.loadBalancerArns(net.loadBalancerArn(), gateway.loadBalancerArn()))
                        .loadBalancers().stream().map(LoadBalancer::loadBalancerArn).toList());
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.createLoadBalancer(b -> b
                .name(unique("gw")).type(LoadBalancerTypeEnum.GATEWAY).scheme(LoadBalancerSchemeEnum.INTERNAL)
                .subnets(subnet(1))));
    }

    @Test
    void internetFacingNetworkLoadBalancerTakesElasticIps() {
        var eip = ec2.allocateAddress(b -> b.domain("vpc"));
        String name = unique("eip");
        LoadBalancer lb = elb.createLoadBalancer(b -> b.name(name).type(LoadBalancerTypeEnum.NETWORK)
                .subnetMappings(m -> m.subnetId(subnet(0)).allocationId(eip.allocationId()))).loadBalancers().get(0);
        var address = lb.availabilityZones().get(0).loadBalancerAddresses().get(0);
        assertEquals(eip.allocationId(), address.allocationId());
        assertEquals(eip.publicIp(), address.ipAddress());
        fails(AllocationIdNotFoundException.class, "AllocationIdNotFound", () -> elb.createLoadBalancer(b -> b
                .name(unique("eip")).type(LoadBalancerTypeEnum.NETWORK)
                .subnetMappings(m -> m.subnetId(subnet(0)).allocationId("eipalloc-0123456789abcdef0"))));
        fails(InvalidConfigurationRequestException.class, "InvalidConfigurationRequest", () -> elb.createLoadBalancer(
                b -> b.name(unique("eip")).type(LoadBalancerTypeEnum.NETWORK).scheme(LoadBalancerSchemeEnum.INTERNAL)
                        .subnetMappings(m -> m.subnetId(subnet(0)).allocationId(eip.allocationId()))));
    }

    @Test
    void subnetsAndSecurityGroupsAreChecked() {
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError",
                () -> elb.createLoadBalancer(b -> b.name(unique("one")).subnets(subnet(0))));
        fails(SubnetNotFoundException.class, "SubnetNotFound",
                () -> elb.createLoadBalancer(b -> b.name(unique("x")).subnets(subnet(0), "subnet-0123456789abcdef0")));
        String vpc = subnets.get(0).vpcId();
        String cidr = "172.31." + (200 + (int) (Math.random() * 50)) + ".0/24";
        String sameAz = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock(cidr)
                .availabilityZone(subnets.get(0).availabilityZone())).subnet().subnetId();
        fails(InvalidConfigurationRequestException.class, "InvalidConfigurationRequest",
                () -> elb.createLoadBalancer(b -> b.name(unique("az")).subnets(subnet(0), sameAz)));
        fails(InvalidSecurityGroupException.class, "InvalidSecurityGroup", () -> elb.createLoadBalancer(b -> b
                .name(unique("sg")).subnets(subnet(0), subnet(1)).securityGroups("sg-0123456789abcdef0")));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError",
                () -> elb.createLoadBalancer(b -> b.name("internal-x").subnets(subnet(0), subnet(1))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError",
                () -> elb.createLoadBalancer(b -> b.name("bad_name").subnets(subnet(0), subnet(1))));
    }

    @Test
    void describeFindsByArnAndNameAndPages() {
        String a = alb(unique("pa")).loadBalancerArn();
        String b2 = nlb(unique("pb")).loadBalancerArn();
        fails(LoadBalancerNotFoundException.class, "LoadBalancerNotFound",
                () -> elb.describeLoadBalancers(b -> b.names("no-such-lb")));
        fails(LoadBalancerNotFoundException.class, "LoadBalancerNotFound", () -> elb.describeLoadBalancers(b -> b
                .loadBalancerArns(a.replaceAll("[0-9a-f]{16}$", "0000000000000000"))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError",
                () -> elb.describeLoadBalancers(b -> b.names("x").loadBalancerArns(a)));
        Set<String> seen = new HashSet<>();
        String marker = null;
        int pages = 0;
        do {
            String m = marker;
            var page = elb.describeLoadBalancers(b -> b.pageSize(1).marker(m));
            assertEquals(1, page.loadBalancers().size());
            assertTrue(seen.add(page.loadBalancers().get(0).loadBalancerArn()));
            marker = page.nextMarker();
            pages++;
        } while (marker != null);
        assertEquals(pages, seen.size());
        assertTrue(seen.containsAll(List.of(a, b2)));
        assertEquals(seen.size(), elb.describeLoadBalancers(b -> b.pageSize(400)).loadBalancers().size());
        assertNull(elb.describeLoadBalancers(b -> b.pageSize(400)).nextMarker());
    }

    @Test
    void deleteHonoursDeletionProtection() {
        String arn = alb(unique("del")).loadBalancerArn();
        elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arn)
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));
        fails(software.amazon.awssdk.services.elasticloadbalancingv2.model.OperationNotPermittedException.class,
                "OperationNotPermitted", () -> elb.deleteLoadBalancer(b -> b.loadBalancerArn(arn)));
        elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arn)
                .attributes(a -> a.key("deletion_protection.enabled").value("false")));
        elb.deleteLoadBalancer(b -> b.loadBalancerArn(arn));
        fails(LoadBalancerNotFoundException.class, "LoadBalancerNotFound",
                () -> elb.describeLoadBalancers(b -> b.loadBalancerArns(arn)));
        elb.deleteLoadBalancer(b -> b.loadBalancerArn(arn)); // deleting again succeeds, as AWS documents
    }

    @Test
    void attributesHaveTheTypesKeysAndRules() {
        String arn = alb(unique("attr")).loadBalancerArn();
        var attrs = elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(arn)).attributes();
        assertTrue(attrs.stream().anyMatch(a -> a.key().equals("idle_timeout.timeout_seconds")
                && a.value().equals("60")));
        var changed = elb.modifyLoadBalancerAttributes(b -> b.loadBalancerArn(arn)
                .attributes(a -> a.key("idle_timeout.timeout_seconds").value("120"))).attributes();
        assertTrue(changed.stream().anyMatch(a -> a.key().equals("idle_timeout.timeout_seconds")
                && a.value().equals("120")));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.modifyLoadBalancerAttributes(
                b -> b.loadBalancerArn(arn).attributes(a -> a.key("idle_timeout.timeout_seconds").value("0"))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.modifyLoadBalancerAttributes(
                b -> b.loadBalancerArn(arn).attributes(a -> a.key("dns_record.client_routing_policy")
                        .value("any_availability_zone"))));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError", () -> elb.modifyLoadBalancerAttributes(
                b -> b.loadBalancerArn(arn).attributes(a -> a.key("access_logs.s3.enabled").value("true"))));
        String net = nlb(unique("nattr")).loadBalancerArn();
        assertFalse(elb.describeLoadBalancerAttributes(b -> b.loadBalancerArn(net)).attributes().stream()
                .anyMatch(a -> a.key().equals("idle_timeout.timeout_seconds")));
    }

    @Test
    void setSubnetsSecurityGroupsAndIpAddressType() {
        String arn = alb(unique("set")).loadBalancerArn();
        var set = elb.setSubnets(b -> b.loadBalancerArn(arn).subnets(subnet(0), subnet(2)));
        assertEquals(Set.of(subnet(0), subnet(2)),
                Set.copyOf(set.availabilityZones().stream().map(z -> z.subnetId()).toList()));
        String vpc = subnets.get(0).vpcId();
        String sg = ec2.createSecurityGroup(b -> b.groupName(unique("lb")).description("lb").vpcId(vpc)).groupId();
        assertEquals(List.of(sg), elb.setSecurityGroups(b -> b.loadBalancerArn(arn).securityGroups(sg))
                .securityGroupIds());
        assertEquals(List.of(sg), elb.describeLoadBalancers(b -> b.loadBalancerArns(arn)).loadBalancers().get(0)
                .securityGroups());
        assertEquals("dualstack", elb.setIpAddressType(b -> b.loadBalancerArn(arn).ipAddressType("dualstack"))
                .ipAddressTypeAsString());
        String net = nlb(unique("nset")).loadBalancerArn();
        fails(InvalidConfigurationRequestException.class, "InvalidConfigurationRequest",
                () -> elb.setSecurityGroups(b -> b.loadBalancerArn(net).securityGroups(sg)));
        fails(ElasticLoadBalancingV2Exception.class, "ValidationError",
                () -> elb.setSubnets(b -> b.loadBalancerArn(net).subnets(subnet(1))));
    }

    /** A Classic Load Balancing request (same signing name, API 2012-06-01) is answered 501 naming that API. */
    @Test
    void classicLoadBalancingIsNotServed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/elasticloadbalancing/"
                        + "aws4_request, SignedHeaders=host, Signature=0000")
                .POST(HttpRequest.BodyPublishers.ofString("Action=DescribeLoadBalancers&Version=2012-06-01"))
                .timeout(Duration.ofMinutes(2)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(501, response.statusCode());
        assertTrue(response.body().contains("<Code>NotImplemented</Code>"), response.body());
        assertTrue(response.body().contains("Classic Load Balancers"), response.body());
        assertNotNull(response.headers().firstValue("x-amzn-RequestId").orElse(null));
    }
}
