package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.AllowedPrincipal;
import software.amazon.awssdk.services.ec2.model.ConnectionNotification;
import software.amazon.awssdk.services.ec2.model.ServiceConfiguration;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;

/**
 * AWS::EC2::VPCEndpointService, VPCEndpointServicePermissions and VPCEndpointConnectionNotification (with an
 * AWS::EC2::VPCEndpoint to the service and the notification's SNS topic) deployed in front of the stack's own
 * Network Load Balancer (AWS::ElasticLoadBalancingV2::LoadBalancer), updated in place and deleted, checked through
 * EC2 (the service is gone before the load balancer is deleted).
 */
class Ec2EndpointServiceTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Subnet: {Type: String}
              Vpc: {Type: String}
              Acceptance: {Type: String, Default: 'true'}
              Principal: {Type: String}
              Events: {Type: CommaDelimitedList, Default: 'Connect,Accept'}
              Team: {Type: String, Default: core}
            Resources:
              Nlb:
                Type: AWS::ElasticLoadBalancingV2::LoadBalancer
                Properties: {Type: network, Scheme: internal, Subnets: [!Ref Subnet]}
              Service:
                Type: AWS::EC2::VPCEndpointService
                Properties:
                  NetworkLoadBalancerArns: [!Ref Nlb]
                  AcceptanceRequired: !Ref Acceptance
                  Tags: [{Key: team, Value: !Ref Team}]
              Permissions:
                Type: AWS::EC2::VPCEndpointServicePermissions
                Properties:
                  ServiceId: !Ref Service
                  AllowedPrincipals: [!Ref Principal]
              Topic:
                Type: AWS::SNS::Topic
              Notification:
                Type: AWS::EC2::VPCEndpointConnectionNotification
                Properties:
                  ServiceId: !Ref Service
                  ConnectionNotificationArn: !Ref Topic
                  ConnectionEvents: !Ref Events
              Endpoint:
                Type: AWS::EC2::VPCEndpoint
                Properties:
                  VpcId: !Ref Vpc
                  VpcEndpointType: Interface
                  ServiceName: !Sub com.amazonaws.vpce.${AWS::Region}.${Service}
                  SubnetIds: [!Ref Subnet]
            Outputs:
              Nlb: {Value: !Ref Nlb}
              Service: {Value: !Ref Service}
              ServiceId: {Value: !GetAtt Service.ServiceId}
              Permissions: {Value: !Ref Permissions}
              Notification: {Value: !Ref Notification}
              NotificationId: {Value: !GetAtt Notification.VPCEndpointConnectionNotificationId}
              Endpoint: {Value: !Ref Endpoint}
            """;

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static ServiceConfiguration service(String id) {
        return ec2.describeVpcEndpointServiceConfigurations(b -> b.serviceIds(id)).serviceConfigurations().get(0);
    }

    @Test
    void deployUpdateAndDelete() {
        Subnet subnet = ec2.describeSubnets(b -> b.filters(filter("default-for-az", "true"))).subnets().get(0);
        String name = unique("endpoint-service");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(p("Subnet", subnet.subnetId()),
                p("Vpc", subnet.vpcId()), p("Principal", "arn:aws:iam::111122223333:root"))).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String nlb = output(s, "Nlb");
        assertTrue(nlb.contains(":loadbalancer/net/"), nlb);
        String svc = output(s, "Service");
        assertTrue(svc.startsWith("vpce-svc-"), svc);
        assertEquals(svc, output(s, "ServiceId"));
        ServiceConfiguration c = service(svc);
        assertEquals("Available", c.serviceStateAsString());
        assertTrue(c.acceptanceRequired());
        assertEquals(List.of(nlb), c.networkLoadBalancerArns());
        assertTrue(c.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("core")));
        assertTrue(c.tags().stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                && t.value().equals("Service")));
        assertEquals(svc, output(s, "Permissions"));
        assertEquals(List.of("arn:aws:iam::111122223333:root"), ec2.describeVpcEndpointServicePermissions(b -> b
                .serviceId(svc)).allowedPrincipals().stream().map(AllowedPrincipal::principal).toList());
        String notification = output(s, "Notification");
        assertTrue(notification.startsWith("vpce-nfn-"), notification);
        assertEquals(notification, output(s, "NotificationId"));
        ConnectionNotification n = ec2.describeVpcEndpointConnectionNotifications(b -> b
                .connectionNotificationId(notification)).connectionNotificationSet().get(0);
        assertEquals(svc, n.serviceId());
        assertEquals(List.of("Connect", "Accept"), n.connectionEvents());
        assertEquals(physicalId(id, "Topic"), n.connectionNotificationArn());
        VpcEndpoint e = ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(output(s, "Endpoint"))).vpcEndpoints().get(0);
        assertEquals("pendingAcceptance", e.stateAsString());
        assertEquals(c.serviceName(), e.serviceName());
        assertEquals(e.vpcEndpointId(), ec2.describeVpcEndpointConnections(b -> b.filters(filter("service-id", svc)))
                .vpcEndpointConnections().get(0).vpcEndpointId());

        cfn.updateStack(b -> b.stackName(id).templateBody(TEMPLATE).parameters(
                p("Subnet", subnet.subnetId()), p("Vpc", subnet.vpcId()), p("Acceptance", "false"),
                p("Principal", "arn:aws:iam::444455556666:root"), p("Events", "Accept,Reject,Delete"),
                p("Team", "edge")));
        Stack u = settle(id);
        assertEquals("UPDATE_COMPLETE", u.stackStatusAsString(), reasons(id));
        assertEquals(svc, output(u, "Service"));
        assertEquals(notification, output(u, "Notification"));
        ServiceConfiguration after = service(svc);
        assertFalse(after.acceptanceRequired());
        assertTrue(after.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("edge")));
        assertEquals(List.of("arn:aws:iam::444455556666:root"), ec2.describeVpcEndpointServicePermissions(b -> b
                .serviceId(svc)).allowedPrincipals().stream().map(AllowedPrincipal::principal).toList());
        assertEquals(List.of("Accept", "Reject", "Delete"), ec2.describeVpcEndpointConnectionNotifications(b -> b
                .connectionNotificationId(notification)).connectionNotificationSet().get(0).connectionEvents());

        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertTrue(ec2.describeVpcEndpointServiceConfigurations(b -> b.filters(filter("service-id", svc)))
                .serviceConfigurations().isEmpty());
        assertTrue(ec2.describeVpcEndpointConnectionNotifications(b -> b.filters(filter("service-id", svc)))
                .connectionNotificationSet().isEmpty());
        assertTrue(ec2.describeVpcEndpoints(b -> b.filters(filter("vpc-endpoint-id", e.vpcEndpointId())))
                .vpcEndpoints().isEmpty());
    }
}
