package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.junit5.GureumExtension;
import io.gureum.sns.SnsService;
import io.gureum.sqs.SqsService;
import io.gureum.vpc.VpcService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ConnectionNotification;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.ServiceDetail;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UnsuccessfulItem;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * VPC endpoint services (PrivateLink) through the SDK: services in front of Network and Gateway Load Balancers made
 * by Elastic Load Balancing on the same server, their permissions, endpoints of another account connecting to them
 * (accepted, rejected, deleted), connection notifications delivered through SNS to an SQS queue, and private DNS
 * verification failing on the clock.
 */
class VpcEndpointServicesIT {
    private static final AtomicLong ACCOUNTS = new AtomicLong(410000000000L + (System.nanoTime() % 1000) * 1000000);
    private static final String REGION = "eu-west-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new ElbV2Service(), new SnsService(), new SqsService()).build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    private static String newAccount() {
        return String.valueOf(ACCOUNTS.incrementAndGet());
    }

    private static Ec2Client ec2(String account) {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), account, REGION);
    }

    private static ElasticLoadBalancingV2Client elb(String account) {
        return AwsClients.client(ElasticLoadBalancingV2Client.builder(), gureum.endpoint(), account, REGION);
    }

    private static void advance(int seconds) {
        gureum.context().clock().advance(Duration.ofSeconds(seconds));
    }

    private static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    private static String fails(String code, Executable call) {
        return fails(code, 400, call);
    }

    private static List<Subnet> defaultSubnets(Ec2Client ec2) {
        return ec2.describeSubnets(b -> b.filters(Filter.builder().name("default-for-az").values("true").build()))
                .subnets().stream().sorted(java.util.Comparator.comparing(Subnet::availabilityZone)).toList();
    }

    /** A load balancer of the account in its default VPC's first subnets, active once the clock moves. */
    private static String loadBalancer(String account, LoadBalancerTypeEnum type, int subnets) {
        List<String> ids = defaultSubnets(ec2(account)).stream().limit(subnets).map(Subnet::subnetId).toList();
        String name = type.toString().substring(0, 3) + "-" + Long.toHexString(System.nanoTime()).substring(4);
        return elb(account).createLoadBalancer(b -> {
            b.name(name).type(type).subnets(ids);
            if (type != LoadBalancerTypeEnum.GATEWAY) {
                b.scheme(LoadBalancerSchemeEnum.INTERNAL);
            }
        }).loadBalancers().get(0).loadBalancerArn();
    }

    /** A topic of the account whose messages a queue receives raw; returns {topic ARN, queue URL}. */
    private static String[] topicWithQueue(String account, String name) {
        SnsClient sns = AwsClients.client(SnsClient.builder(), gureum.endpoint(), account, REGION);
        SqsClient sqs = AwsClients.client(SqsClient.builder(), gureum.endpoint(), account, REGION);
        String topic = sns.createTopic(b -> b.name(name)).topicArn();
        String queueUrl = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings().get("QueueArn");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(java.util.Map.of("RawMessageDelivery", "true")));
        return new String[] {topic, queueUrl};
    }

    /** The {@code event} fields of the connection messages a queue holds, sorted (up to {@code expected}). */
    private static List<String> events(String account, String queueUrl, int expected, String service,
            String endpoint) throws Exception {
        SqsClient sqs = AwsClients.client(SqsClient.builder(), gureum.endpoint(), account, REGION);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5 && events.size() < expected; i++) {
            for (var m : sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages()) {
                JsonNode body = JSON.readTree(m.body());
                assertEquals(service, body.get("vpcEndpointService").asText());
                assertEquals(endpoint, body.get("vpcEndpointId").asText());
                events.add(body.get("event").asText());
            }
        }
        return events.stream().sorted().toList();
    }

    private static ServiceConfiguration describe(Ec2Client ec2, String id) {
        return ec2.describeVpcEndpointServiceConfigurations(b -> b.serviceIds(id)).serviceConfigurations().get(0);
    }

    @Test
    void serviceConfigurationLifecycle() {
        String owner = newAccount();
        Ec2Client ec2 = ec2(owner);
        String nlb = loadBalancer(owner, LoadBalancerTypeEnum.NETWORK, 2);
        // A load balancer still provisioning is refused.
        fails("IncorrectState", () -> ec2.createVpcEndpointServiceConfiguration(b -> b.networkLoadBalancerArns(nlb)));
        advance(300);
        fails("DryRunOperation", 412, () -> ec2.createVpcEndpointServiceConfiguration(b -> b
                .networkLoadBalancerArns(nlb).dryRun(true)));
        ServiceConfiguration created = ec2.createVpcEndpointServiceConfiguration(b -> b.networkLoadBalancerArns(nlb)
                .acceptanceRequired(true).privateDnsName("api.example.com").clientToken("svc-1").tagSpecifications(TagSpecification.builder()
                        .resourceType("vpc-endpoint-service").tags(Tag.builder().key("team").value("core").build())
                        .build())).serviceConfiguration();
        String id = created.serviceId();
        assertTrue(id.matches("vpce-svc-[0-9a-f]{17}"), id);
        assertEquals("com.amazonaws.vpce." + REGION + "." + id, created.serviceName());
        assertEquals("Pending", created.serviceStateAsString());
        assertEquals("Interface", created.serviceType().get(0).serviceTypeAsString());
        assertTrue(created.acceptanceRequired());
        assertEquals(List.of(nlb), created.networkLoadBalancerArns());
        assertEquals(List.of("ipv4"), created.supportedIpAddressTypesAsStrings());
        assertEquals(List.of(id + "." + REGION + ".vpce.amazonaws.com"), created.baseEndpointDnsNames());
        assertEquals(List.of(REGION + "a", REGION + "b"), created.availabilityZones());
        assertEquals("pendingVerification", created.privateDnsNameConfiguration().stateAsString());
        assertEquals("TXT", created.privateDnsNameConfiguration().type());
        assertTrue(created.privateDnsNameConfiguration().value().startsWith("vpce:"));
        assertEquals(List.of(Tag.builder().key("team").value("core").build()), created.tags());
        // The same client token answers the same service.
        assertEquals(id, ec2.createVpcEndpointServiceConfiguration(b -> b.networkLoadBalancerArns(nlb)
                .clientToken("svc-1")).serviceConfiguration().serviceId());
        advance(3);
        assertEquals("Available", describe(ec2, id).serviceStateAsString());
        assertEquals(1, ec2.describeVpcEndpointServiceConfigurations(b -> b.filters(
                Filter.builder().name("service-state").values("Available").build(),
                Filter.builder().name("tag:team").values("core").build())).serviceConfigurations().size());
        fails("InvalidVpcEndpointServiceId.NotFound", () -> ec2.describeVpcEndpointServiceConfigurations(b -> b
                .serviceIds("vpce-svc-0123456789abcdef0")));

        assertTrue(ec2.modifyVpcEndpointServiceConfiguration(b -> b.serviceId(id).acceptanceRequired(false)
                .addSupportedIpAddressTypes("ipv6").addSupportedRegions("us-east-1")).returnValue());
        ec2.modifyVpcEndpointServicePayerResponsibility(b -> b.serviceId(id).payerResponsibility("ServiceOwner"));
        ServiceConfiguration modified = describe(ec2, id);
        assertFalse(modified.acceptanceRequired());
        assertEquals(List.of("ipv4", "ipv6"), modified.supportedIpAddressTypesAsStrings());
        assertEquals(List.of(REGION, "us-east-1"), modified.supportedRegions().stream().map(x -> x.region()).toList());
        assertEquals("ServiceOwner", modified.payerResponsibilityAsString());
        fails("InvalidParameter", () -> ec2.modifyVpcEndpointServiceConfiguration(b -> b.serviceId(id)
                .removeNetworkLoadBalancerArns(nlb)));
        fails("InvalidParameterCombination", () -> ec2.modifyVpcEndpointServiceConfiguration(b -> b.serviceId(id)
                .privateDnsName("x.example.com").removePrivateDnsName(true)));

        // No DNS Gureum serves holds the TXT record: the verification fails on the clock.
        assertTrue(ec2.startVpcEndpointServicePrivateDnsVerification(b -> b.serviceId(id)).returnValue());
        assertEquals("pendingVerification", describe(ec2, id).privateDnsNameConfiguration().stateAsString());
        advance(11);
        assertEquals("failed", describe(ec2, id).privateDnsNameConfiguration().stateAsString());
        ec2.modifyVpcEndpointServiceConfiguration(b -> b.serviceId(id).removePrivateDnsName(true));
        assertNull(describe(ec2, id).privateDnsNameConfiguration());
        fails("InvalidParameter", () -> ec2.startVpcEndpointServicePrivateDnsVerification(b -> b.serviceId(id)));

        // The load balancer a service uses cannot be deleted (ResourceInUse), nor after the service only once gone.
        String inUse = fails("ResourceInUse", () -> elb(owner).deleteLoadBalancer(b -> b.loadBalancerArn(nlb)));
        assertEquals("Load balancer '" + nlb + "' cannot be deleted because it is currently associated with another "
                + "service", inUse);
        assertTrue(ec2.deleteVpcEndpointServiceConfigurations(b -> b.serviceIds(id)).unsuccessful().isEmpty());
        elb(owner).deleteLoadBalancer(b -> b.loadBalancerArn(nlb));
        assertTrue(elb(owner).describeLoadBalancers().loadBalancers().stream()
                .noneMatch(l -> l.loadBalancerArn().equals(nlb)));
        List<UnsuccessfulItem> gone = ec2.deleteVpcEndpointServiceConfigurations(b -> b.serviceIds(id))
                .unsuccessful();
        assertEquals("InvalidVpcEndpointServiceId.NotFound", gone.get(0).error().code());
    }

    @Test
    void loadBalancersMustExistBeOfTheTypeAndActive() {
        String owner = newAccount();
        Ec2Client ec2 = ec2(owner);
        String alb = loadBalancer(owner, LoadBalancerTypeEnum.APPLICATION, 2);
        String gwlb = loadBalancer(owner, LoadBalancerTypeEnum.GATEWAY, 1);
        advance(300);
        String missing = alb.replace(":loadbalancer/app/", ":loadbalancer/net/").replaceAll("/[0-9a-f]{16}$",
                "/0123456789abcdef");
        fails("InvalidNetworkLoadBalancerArn.NotFound", () -> ec2.createVpcEndpointServiceConfiguration(b -> b
                .networkLoadBalancerArns(missing)));
        fails("InvalidParameterValue", () -> ec2.createVpcEndpointServiceConfiguration(b -> b
                .networkLoadBalancerArns(alb)));
        fails("InvalidParameterValue", () -> ec2.createVpcEndpointServiceConfiguration(b -> b
                .networkLoadBalancerArns(gwlb)));
        fails("InvalidParameterCombination", () -> ec2.createVpcEndpointServiceConfiguration(b -> b
                .networkLoadBalancerArns(alb).gatewayLoadBalancerArns(gwlb)));
        fails("InvalidParameter", () -> ec2.createVpcEndpointServiceConfiguration(b -> b.acceptanceRequired(true)));
        // Another account's load balancer is not found for this one.
        fails("InvalidGatewayLoadBalancerArn.NotFound", () -> ec2(newAccount())
                .createVpcEndpointServiceConfiguration(b -> b.gatewayLoadBalancerArns(gwlb)));
        fails("InvalidParameterCombination", () -> ec2.createVpcEndpointServiceConfiguration(b -> b
                .gatewayLoadBalancerArns(gwlb).privateDnsName("gw.example.com")));

        // A Gateway Load Balancer service and its endpoint: one subnet, no acceptance asked, available at once.
        ServiceConfiguration gw = ec2.createVpcEndpointServiceConfiguration(b -> b.gatewayLoadBalancerArns(gwlb))
                .serviceConfiguration();
        assertFalse(gw.acceptanceRequired());
        assertEquals("GatewayLoadBalancer", gw.serviceType().get(0).serviceTypeAsString());
        advance(3);
        List<Subnet> subnets = defaultSubnets(ec2);
        String vpc = subnets.get(0).vpcId();
        fails("InvalidParameterValue", () -> ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(gw.serviceName())
                .vpcEndpointType("Interface").subnetIds(subnets.get(0).subnetId())));
        fails("InvalidParameterValue", () -> ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(gw.serviceName())
                .vpcEndpointType("GatewayLoadBalancer").subnetIds(subnets.get(0).subnetId(),
                        subnets.get(1).subnetId())));
        VpcEndpoint e = ec2.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(gw.serviceName())
                .vpcEndpointType("GatewayLoadBalancer").subnetIds(subnets.get(0).subnetId())).vpcEndpoint();
        assertEquals("available", e.stateAsString());
        assertEquals(1, e.networkInterfaceIds().size());
        assertTrue(e.groups().isEmpty());
        assertEquals("gateway_load_balancer_endpoint", ec2.describeNetworkInterfaces(b -> b
                .networkInterfaceIds(e.networkInterfaceIds())).networkInterfaces().get(0).interfaceTypeAsString());
        List<UnsuccessfulItem> refused = ec2.deleteVpcEndpointServiceConfigurations(b -> b.serviceIds(gw.serviceId()))
                .unsuccessful();
        assertEquals("ExistingVpcEndpointConnections", refused.get(0).error().code());
        ec2.deleteVpcEndpoints(b -> b.vpcEndpointIds(e.vpcEndpointId()));
        fails("ResourceInUse", () -> elb(owner).deleteLoadBalancer(b -> b.loadBalancerArn(gwlb)));
        // An Application Load Balancer no endpoint service can use is deleted as before.
        elb(owner).deleteLoadBalancer(b -> b.loadBalancerArn(alb));
        assertTrue(ec2.deleteVpcEndpointServiceConfigurations(b -> b.serviceIds(gw.serviceId())).unsuccessful()
                .isEmpty());
        elb(owner).deleteLoadBalancer(b -> b.loadBalancerArn(gwlb));
    }

    @Test
    void anotherAccountConnectsOnceAllowedAndTheOwnerAnswers() throws Exception {
        String owner = newAccount();
        String consumer = newAccount();
        Ec2Client ec2 = ec2(owner);
        Ec2Client other = ec2(consumer);
        String nlb = loadBalancer(owner, LoadBalancerTypeEnum.NETWORK, 3);
        advance(300);
        ServiceConfiguration svc = ec2.createVpcEndpointServiceConfiguration(b -> b.networkLoadBalancerArns(nlb)
                .acceptanceRequired(true)).serviceConfiguration();
        String id = svc.serviceId();
        advance(3);

        // The owner's topic, read by a queue, hears the service's connection events.
        String[] owners = topicWithQueue(owner, "vpce-events");
        String topic = owners[0];
        fails("InvalidParameterValue", () -> ec2.createVpcEndpointConnectionNotification(b -> b.serviceId(id)
                .connectionNotificationArn(topic + "-missing").connectionEvents("Connect")));
        fails("InvalidParameterValue", () -> ec2.createVpcEndpointConnectionNotification(b -> b.serviceId(id)
                .connectionNotificationArn(topic).connectionEvents("Connected")));
        fails("InvalidParameterCombination", () -> ec2.createVpcEndpointConnectionNotification(b -> b.serviceId(id)
                .vpcEndpointId("vpce-0123456789abcdef0").connectionNotificationArn(topic).connectionEvents("Connect")));
        ConnectionNotification n = ec2.createVpcEndpointConnectionNotification(b -> b.serviceId(id)
                .connectionNotificationArn(topic).connectionEvents("Connect", "Accept")).connectionNotification();
        assertTrue(n.connectionNotificationId().startsWith("vpce-nfn-"));
        assertEquals("Enabled", n.connectionNotificationStateAsString());
        assertTrue(ec2.modifyVpcEndpointConnectionNotification(b -> b.connectionNotificationId(
                n.connectionNotificationId()).connectionEvents("Connect", "Accept", "Reject", "Delete")).returnValue());
        assertEquals(4, ec2.describeVpcEndpointConnectionNotifications(b -> b.filters(Filter.builder()
                .name("service-id").values(id).build())).connectionNotificationSet().get(0).connectionEvents().size());
        fails("InvalidConnectionNotification", () -> ec2.describeVpcEndpointConnectionNotifications(b -> b
                .connectionNotificationId("vpce-nfn-0123456789abcdef0")));

        // Not allowed yet: the service does not exist for the other account.
        fails("InvalidServiceName", () -> other.describeVpcEndpointServices(b -> b.serviceNames(svc.serviceName())));
        List<Subnet> subnets = defaultSubnets(other);
        String vpc = subnets.get(0).vpcId();
        fails("InvalidServiceName", () -> other.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(svc.serviceName())
                .vpcEndpointType("Interface").subnetIds(subnets.get(0).subnetId())));
        var added = ec2.modifyVpcEndpointServicePermissions(b -> b.serviceId(id)
                .addAllowedPrincipals("arn:aws:iam::" + consumer + ":root"));
        assertEquals("Account", added.addedPrincipals().get(0).principalTypeAsString());
        assertTrue(added.addedPrincipals().get(0).servicePermissionId().startsWith("vpce-svc-perm-"));
        fails("InvalidParameterValue", () -> ec2.modifyVpcEndpointServicePermissions(b -> b.serviceId(id)
                .addAllowedPrincipals("someone")));
        assertEquals(1, ec2.describeVpcEndpointServicePermissions(b -> b.serviceId(id).filters(Filter.builder()
                .name("principal-type").values("Account").build())).allowedPrincipals().size());
        ServiceDetail seen = other.describeVpcEndpointServices(b -> b.serviceNames(svc.serviceName()))
                .serviceDetails().get(0);
        assertEquals(owner, seen.owner());
        assertTrue(seen.acceptanceRequired());
        assertEquals(1, other.describeVpcEndpointServices(b -> b.filters(Filter.builder().name("owner")
                .values(owner).build())).serviceDetails().size());

        fails("InvalidParameter", () -> other.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(svc.serviceName())
                .vpcEndpointType("Interface").subnetIds(subnets.get(0).subnetId()).policyDocument("{}")));
        fails("InvalidParameter", () -> other.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(svc.serviceName())
                .vpcEndpointType("Interface").subnetIds(subnets.get(0).subnetId()).privateDnsEnabled(true)));
        // Cross-Region PrivateLink is not emulated.
        fails("NotImplemented", 501, () -> other.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(svc.serviceName())
                .vpcEndpointType("Interface").subnetIds(subnets.get(0).subnetId()).serviceRegion("us-east-1")));
        fails("NotImplemented", 501, () -> other.describeVpcEndpointServices(b -> b.serviceRegions("us-east-1")));
        VpcEndpoint e = other.createVpcEndpoint(b -> b.vpcId(vpc).serviceName(svc.serviceName())
                .vpcEndpointType("Interface").subnetIds(subnets.get(0).subnetId(), subnets.get(1).subnetId()))
                .vpcEndpoint();
        assertEquals("pendingAcceptance", e.stateAsString());
        assertFalse(e.privateDnsEnabled());
        fails("InvalidParameter", () -> other.modifyVpcEndpoint(b -> b.vpcEndpointId(e.vpcEndpointId())
                .policyDocument("{}")));
        assertEquals(3, e.dnsEntries().size());
        assertTrue(e.dnsEntries().get(0).dnsName().endsWith("." + id + "." + REGION + ".vpce.amazonaws.com"));
        VpcEndpointConnection c = ec2.describeVpcEndpointConnections(b -> b.filters(Filter.builder()
                .name("service-id").values(id).build())).vpcEndpointConnections().get(0);
        assertEquals(e.vpcEndpointId(), c.vpcEndpointId());
        assertEquals(consumer, c.vpcEndpointOwner());
        assertEquals("pendingAcceptance", c.vpcEndpointStateAsString());
        // The consumer's own notification on its endpoint (interface endpoints only) hears all but Connect.
        String[] consumers = topicWithQueue(consumer, "my-endpoint");
        other.createVpcEndpointConnectionNotification(b -> b.vpcEndpointId(e.vpcEndpointId())
                .connectionNotificationArn(consumers[0]).connectionEvents("Connect", "Accept", "Reject", "Delete"));
        fails("InvalidVpcEndpointId.NotFound", () -> ec2.createVpcEndpointConnectionNotification(b -> b
                .vpcEndpointId(e.vpcEndpointId()).connectionNotificationArn(topic).connectionEvents("Accept")));
        assertTrue(c.vpcEndpointConnectionId().startsWith("vpce-con-"));
        assertEquals("ExistingVpcEndpointConnections", ec2.deleteVpcEndpointServiceConfigurations(b -> b
                .serviceIds(id)).unsuccessful().get(0).error().code());

        List<UnsuccessfulItem> unknown = ec2.acceptVpcEndpointConnections(b -> b.serviceId(id)
                .vpcEndpointIds(e.vpcEndpointId(), "vpce-0123456789abcdef0")).unsuccessful();
        assertEquals(List.of("vpce-0123456789abcdef0"), unknown.stream().map(UnsuccessfulItem::resourceId).toList());
        assertEquals("available", other.describeVpcEndpoints(b -> b.vpcEndpointIds(e.vpcEndpointId()))
                .vpcEndpoints().get(0).stateAsString());
        fails("InvalidVpcEndpointServiceId.NotFound", () -> other.rejectVpcEndpointConnections(b -> b.serviceId(id)
                .vpcEndpointIds(e.vpcEndpointId())));
        assertTrue(ec2.rejectVpcEndpointConnections(b -> b.serviceId(id).vpcEndpointIds(e.vpcEndpointId()))
                .unsuccessful().isEmpty());
        assertEquals("rejected", other.describeVpcEndpoints(b -> b.vpcEndpointIds(e.vpcEndpointId()))
                .vpcEndpoints().get(0).stateAsString());
        other.deleteVpcEndpoints(b -> b.vpcEndpointIds(e.vpcEndpointId()));
        assertTrue(ec2.describeVpcEndpointConnections(b -> b.build()).vpcEndpointConnections().isEmpty());

        assertEquals(List.of("Accept", "Connect", "Delete", "Reject"), events(owner, owners[1], 4, id,
                e.vpcEndpointId()));
        assertEquals(List.of("Accept", "Delete", "Reject"), events(consumer, consumers[1], 3, id, e.vpcEndpointId()));
        assertTrue(other.describeVpcEndpointConnectionNotifications(b -> b.build()).connectionNotificationSet()
                .isEmpty());

        assertTrue(ec2.deleteVpcEndpointServiceConfigurations(b -> b.serviceIds(id)).unsuccessful().isEmpty());
        assertTrue(ec2.describeVpcEndpointConnectionNotifications(b -> b.build()).connectionNotificationSet()
                .isEmpty());
        assertEquals("InvalidConnectionNotification", ec2.deleteVpcEndpointConnectionNotifications(b -> b
                .connectionNotificationIds(n.connectionNotificationId())).unsuccessful().get(0).error().code());
    }
}
