package io.gureum.elb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ConnectionNotification;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.VpcEndpointConnection;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * An endpoint service (configuration, permissions, private DNS name), another account's endpoint pending
 * acceptance and a connection notification after a restart on --data-dir; the owner then accepts the connection
 * across the two restored stores.
 */
class VpcEndpointServicesRestartIT {
    private static final String OWNER = "111122223333";
    private static final String CONSUMER = "444455556666";
    private static final String REGION = "eu-west-1";

    @TempDir
    Path dataDir;

    private static Gureum start(Path dir) {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dir).services("ec2", "elbv2", "sns").build());
    }

    private static Ec2Client ec2(Gureum g, String account) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), account, REGION);
    }

    private static List<Subnet> subnets(Ec2Client ec2) {
        return ec2.describeSubnets(b -> b.filters(Filter.builder().name("default-for-az").values("true").build()))
                .subnets().stream().sorted(java.util.Comparator.comparing(Subnet::availabilityZone)).toList();
    }

    @Test
    void surviveARestart() {
        ServiceConfiguration before;
        ConnectionNotification notification;
        String endpoint;
        try (Gureum g = start(dataDir); Ec2Client ec2 = ec2(g, OWNER); Ec2Client other = ec2(g, CONSUMER);
                ElasticLoadBalancingV2Client elb = AwsClients.client(ElasticLoadBalancingV2Client.builder(),
                        g.endpoint(), OWNER, REGION);
                SnsClient sns = AwsClients.client(SnsClient.builder(), g.endpoint(), OWNER, REGION)) {
            List<String> ids = subnets(ec2).stream().limit(2).map(Subnet::subnetId).toList();
            String nlb = elb.createLoadBalancer(b -> b.name("kept").type(LoadBalancerTypeEnum.NETWORK)
                    .scheme(LoadBalancerSchemeEnum.INTERNAL).subnets(ids)).loadBalancers().get(0).loadBalancerArn();
            g.context().clock().advance(Duration.ofMinutes(5));
            String id = ec2.createVpcEndpointServiceConfiguration(b -> b.networkLoadBalancerArns(nlb)
                    .acceptanceRequired(true).privateDnsName("kept.example.com").tagSpecifications(TagSpecification.builder()
                            .resourceType("vpc-endpoint-service").tags(Tag.builder().key("Name").value("kept").build())
                            .build())).serviceConfiguration().serviceId();
            ec2.modifyVpcEndpointServicePermissions(b -> b.serviceId(id)
                    .addAllowedPrincipals("arn:aws:iam::" + CONSUMER + ":root"));
            String topic = sns.createTopic(b -> b.name("kept")).topicArn();
            notification = ec2.createVpcEndpointConnectionNotification(b -> b.serviceId(id)
                    .connectionNotificationArn(topic).connectionEvents("Accept")).connectionNotification();
            g.context().clock().advance(Duration.ofSeconds(3));
            before = ec2.describeVpcEndpointServiceConfigurations(b -> b.serviceIds(id)).serviceConfigurations()
                    .get(0);
            List<Subnet> theirs = subnets(other);
            endpoint = other.createVpcEndpoint(b -> b.vpcId(theirs.get(0).vpcId()).serviceName(before.serviceName())
                    .vpcEndpointType("Interface").subnetIds(theirs.get(0).subnetId())).vpcEndpoint().vpcEndpointId();
        }
        try (Gureum g = start(dataDir); Ec2Client ec2 = ec2(g, OWNER); Ec2Client other = ec2(g, CONSUMER)) {
            String id = before.serviceId();
            ServiceConfiguration after = ec2.describeVpcEndpointServiceConfigurations(b -> b.serviceIds(id))
                    .serviceConfigurations().get(0);
            assertEquals(before, after);
            assertEquals("arn:aws:iam::" + CONSUMER + ":root", ec2.describeVpcEndpointServicePermissions(b -> b
                    .serviceId(id)).allowedPrincipals().get(0).principal());
            assertEquals(notification, ec2.describeVpcEndpointConnectionNotifications(b -> b.build())
                    .connectionNotificationSet().get(0));
            VpcEndpointConnection c = ec2.describeVpcEndpointConnections(b -> b.build()).vpcEndpointConnections()
                    .get(0);
            assertEquals(endpoint, c.vpcEndpointId());
            assertEquals("pendingAcceptance", c.vpcEndpointStateAsString());
            assertEquals(before.serviceName(), other.describeVpcEndpointServices(b -> b.serviceNames(
                    before.serviceName())).serviceDetails().get(0).serviceName());
            assertTrue(ec2.acceptVpcEndpointConnections(b -> b.serviceId(id).vpcEndpointIds(endpoint)).unsuccessful()
                    .isEmpty());
            assertEquals("available", other.describeVpcEndpoints(b -> b.vpcEndpointIds(endpoint)).vpcEndpoints()
                    .get(0).stateAsString());
        }
    }
}
