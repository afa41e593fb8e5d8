package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.AuthorizationRule;
import software.amazon.awssdk.services.ec2.model.ClientVpnEndpoint;
import software.amazon.awssdk.services.ec2.model.ClientVpnRoute;
import software.amazon.awssdk.services.ec2.model.TargetNetwork;

/**
 * AWS::EC2::ClientVpnEndpoint, ClientVpnTargetNetworkAssociation, ClientVpnAuthorizationRule and ClientVpnRoute
 * deployed with a server certificate imported into ACM, the endpoint updated in place (description, port), and all
 * deleted through CloudFormation, checked through EC2.
 */
class Ec2ClientVpnTypesIT extends EndToEndSupport {

    private static final String TEMPLATE = """
            Parameters:
              Cert: {Type: String}
              Description: {Type: String, Default: office}
              Port: {Type: Number, Default: 443}
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.60.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.60.1.0/24}
              Group:
                Type: AWS::EC2::SecurityGroup
                Properties: {VpcId: !Ref Vpc, GroupDescription: client vpn}
              Endpoint:
                Type: AWS::EC2::ClientVpnEndpoint
                Properties:
                  ClientCidrBlock: 172.30.0.0/22
                  ServerCertificateArn: !Ref Cert
                  AuthenticationOptions:
                    - Type: certificate-authentication
                      MutualAuthentication: {ClientRootCertificateChainArn: !Ref Cert}
                  ConnectionLogOptions: {Enabled: false}
                  Description: !Ref Description
                  VpnPort: !Ref Port
                  VpcId: !Ref Vpc
                  SecurityGroupIds: [!Ref Group]
                  SplitTunnel: true
                  AuthorizationPolicy:
                    PolicyDocument: "permit (principal, action, resource);"
                    ShadowMode: enabled
                  TagSpecifications:
                    - ResourceType: client-vpn-endpoint
                      Tags: [{Key: team, Value: net}]
              Association:
                Type: AWS::EC2::ClientVpnTargetNetworkAssociation
                Properties: {ClientVpnEndpointId: !Ref Endpoint, SubnetId: !Ref Subnet}
              Rule:
                Type: AWS::EC2::ClientVpnAuthorizationRule
                Properties:
                  ClientVpnEndpointId: !Ref Endpoint
                  TargetNetworkCidr: 10.60.0.0/16
                  AuthorizeAllGroups: true
                  Description: vpc
              Route:
                Type: AWS::EC2::ClientVpnRoute
                DependsOn: Association
                Properties:
                  ClientVpnEndpointId: !Ref Endpoint
                  DestinationCidrBlock: 0.0.0.0/0
                  TargetVpcSubnetId: !Ref Subnet
                  Description: internet
            Outputs:
              Subnet: {Value: !Ref Subnet}
              Group: {Value: !Ref Group}
              Endpoint: {Value: !Ref Endpoint}
              EndpointId: {Value: !GetAtt Endpoint.Id}
              Association: {Value: !Ref Association}
              AssociationId: {Value: !GetAtt Association.Id}
              Rule: {Value: !Ref Rule}
              RuleId: {Value: !GetAtt Rule.Id}
              Route: {Value: !Ref Route}
              RouteId: {Value: !GetAtt Route.Id}
            """;

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static String resource(String name) {
        try (InputStream in = Ec2ClientVpnTypesIT.class.getResourceAsStream("/clientvpn/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClientVpnEndpoint endpoint(String id) {
        return ec2.describeClientVpnEndpoints(b -> b.clientVpnEndpointIds(id)).clientVpnEndpoints().get(0);
    }

    @Test
    void deployUpdateAndDelete() {
        String cert;
        try (AcmClient acm = AwsClients.client(AcmClient.builder(), gureum)) {
            cert = acm.importCertificate(b -> b.certificate(SdkBytes.fromUtf8String(resource("server.crt")))
                    .privateKey(SdkBytes.fromUtf8String(resource("server.key")))
                    .certificateChain(SdkBytes.fromUtf8String(resource("ca.crt")))).certificateArn();
        }
        String name = unique("clientvpn");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(Parameter.builder()
                .parameterKey("Cert").parameterValue(cert).build())).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String subnet = output(s, "Subnet");
        String endpointId = output(s, "Endpoint");
        assertTrue(endpointId.startsWith("cvpn-endpoint-"), endpointId);
        assertEquals(endpointId, output(s, "EndpointId"));
        ClientVpnEndpoint e = endpoint(endpointId);
        assertEquals("available", e.status().codeAsString());
        assertEquals("172.30.0.0/22", e.clientCidrBlock());
        assertEquals(cert, e.serverCertificateArn());
        assertEquals(List.of(output(s, "Group")), e.securityGroupIds());
        assertEquals("office", e.description());
        assertTrue(e.splitTunnel());
        assertTrue(e.tags().stream().anyMatch(t -> t.key().equals("team") && t.value().equals("net")));
        assertTrue(e.tags().stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                && t.value().equals("Endpoint")));

        var policy = ec2.getClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(endpointId));
        assertEquals("permit (principal, action, resource);", policy.policyDocument());
        assertEquals("enabled", policy.shadowModeAsString());

        String association = output(s, "Association");
        assertTrue(association.startsWith("cvpn-assoc-"), association);
        assertEquals(association, output(s, "AssociationId"));
        TargetNetwork t = ec2.describeClientVpnTargetNetworks(b -> b.clientVpnEndpointId(endpointId))
                .clientVpnTargetNetworks().get(0);
        assertEquals(association, t.associationId());
        assertEquals("associated", t.status().codeAsString());
        assertEquals(subnet, t.targetNetworkId());

        assertEquals(endpointId + "|10.60.0.0/16|*", output(s, "Rule"));
        assertEquals(output(s, "Rule"), output(s, "RuleId"));
        AuthorizationRule rule = ec2.describeClientVpnAuthorizationRules(b -> b.clientVpnEndpointId(endpointId))
                .authorizationRules().get(0);
        assertTrue(rule.accessAll());
        assertEquals("vpc", rule.description());
        assertEquals("active", rule.status().codeAsString());

        assertEquals(endpointId + "|0.0.0.0/0|" + subnet, output(s, "Route"));
        assertEquals(output(s, "Route"), output(s, "RouteId"));
        ClientVpnRoute route = ec2.describeClientVpnRoutes(b -> b.clientVpnEndpointId(endpointId)
                .filters(filter("origin", "add-route"))).routes().get(0);
        assertEquals("0.0.0.0/0", route.destinationCidr());
        assertEquals("internet", route.description());
        assertEquals("active", route.status().codeAsString());

        // Description and VpnPort change in place.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(
                Parameter.builder().parameterKey("Cert").parameterValue(cert).build(),
                Parameter.builder().parameterKey("Description").parameterValue("hq").build(),
                Parameter.builder().parameterKey("Port").parameterValue("1194").build()));
        s = settle(id);
        assertEquals("UPDATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        assertEquals(endpointId, output(s, "Endpoint"));
        e = endpoint(endpointId);
        assertEquals("hq", e.description());
        assertEquals(1194, e.vpnPort());

        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertEquals("deleted", endpoint(endpointId).status().codeAsString());
    }
}
