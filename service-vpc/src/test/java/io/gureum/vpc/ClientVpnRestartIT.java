package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ClientVpnEndpoint;
import software.amazon.awssdk.services.ec2.model.ClientVpnRoute;
import software.amazon.awssdk.services.ec2.model.TargetNetwork;

/**
 * A Client VPN endpoint with its target network, authorization rule, route and revocation list after a restart on
 * --data-dir, and one association still settling that goes on settling on the clock.
 */
class ClientVpnRestartIT {
    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";

    @TempDir
    Path dataDir;

    private static Gureum start(Path dir) {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dir).services("ec2", "acm").build());
    }

    private static Ec2Client ec2(Gureum g) {
        return AwsClients.client(Ec2Client.builder(), g.endpoint(), ACCOUNT, REGION);
    }

    @Test
    void surviveARestart() {
        String id;
        String settling;
        ClientVpnEndpoint endpoint;
        java.util.List<ClientVpnRoute> routes;
        java.util.List<software.amazon.awssdk.services.ec2.model.AuthorizationRule> rules;
        String crl = ClientVpnIT.resource("crl.pem");
        try (Gureum g = start(dataDir); Ec2Client ec2 = ec2(g);
                AcmClient acm = AwsClients.client(AcmClient.builder(), g.endpoint(), ACCOUNT, REGION)) {
            String cert = ClientVpnIT.importServerCertificate(acm);
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.80.0.0/16")).vpc().vpcId();
            String a = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.80.1.0/24").availabilityZone(REGION + "a"))
                    .subnet().subnetId();
            String b2 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.80.2.0/24").availabilityZone(REGION + "b"))
                    .subnet().subnetId();
            id = ec2.createClientVpnEndpoint(b -> b.clientCidrBlock("172.20.0.0/20").serverCertificateArn(cert)
                    .authenticationOptions(o -> o.type("certificate-authentication").mutualAuthentication(m -> m
                            .clientRootCertificateChainArn(cert))).connectionLogOptions(l -> l.enabled(false))
                    .clientToken("kept").description("kept").tagSpecifications(t -> t.resourceType(
                            "client-vpn-endpoint").tags(x -> x.key("Name").value("kept")))).clientVpnEndpointId();
            ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id).subnetId(a));
            ec2.authorizeClientVpnIngress(b -> b.clientVpnEndpointId(id).targetNetworkCidr("10.80.0.0/16")
                    .authorizeAllGroups(true));
            g.context().clock().advance(Duration.ofSeconds(3));
            ec2.createClientVpnRoute(b -> b.clientVpnEndpointId(id).destinationCidrBlock("0.0.0.0/0")
                    .targetVpcSubnetId(a));
            ec2.importClientVpnClientCertificateRevocationList(b -> b.clientVpnEndpointId(id)
                    .certificateRevocationList(crl));
            ec2.modifyClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id)
                    .policyDocument("permit (principal, action, resource);").description("kept"));
            g.context().clock().advance(Duration.ofSeconds(3));
            settling = ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id).subnetId(b2))
                    .associationId();
            endpoint = ec2.describeClientVpnEndpoints(b -> b.clientVpnEndpointIds(id)).clientVpnEndpoints().get(0);
            rules = ec2.describeClientVpnAuthorizationRules(b -> b.clientVpnEndpointId(id)).authorizationRules();
            routes = ec2.describeClientVpnRoutes(b -> b.clientVpnEndpointId(id)).routes().stream()
                    .filter(r -> !"creating".equals(r.status().codeAsString())).toList();
        }
        try (Gureum g = start(dataDir); Ec2Client ec2 = ec2(g)) {
            assertEquals(endpoint, ec2.describeClientVpnEndpoints(b -> b.clientVpnEndpointIds(id))
                    .clientVpnEndpoints().get(0));
            assertEquals(rules, ec2.describeClientVpnAuthorizationRules(b -> b.clientVpnEndpointId(id))
                    .authorizationRules());
            var policy = ec2.getClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id));
            assertEquals("permit (principal, action, resource);", policy.policyDocument());
            assertEquals("active", policy.statusAsString());
            assertEquals(crl, ec2.exportClientVpnClientCertificateRevocationList(b -> b.clientVpnEndpointId(id))
                    .certificateRevocationList());
            TargetNetwork t = ec2.describeClientVpnTargetNetworks(b -> b.clientVpnEndpointId(id)
                    .associationIds(settling)).clientVpnTargetNetworks().get(0);
            assertEquals("associating", t.status().codeAsString());
            g.context().clock().advance(Duration.ofSeconds(3));
            assertEquals("associated", ec2.describeClientVpnTargetNetworks(b -> b.clientVpnEndpointId(id)
                    .associationIds(settling)).clientVpnTargetNetworks().get(0).status().codeAsString());
            assertEquals(routes, ec2.describeClientVpnRoutes(b -> b.clientVpnEndpointId(id)).routes().subList(0,
                    routes.size()));
            // The client token still answers the same endpoint.
            String cert = endpoint.serverCertificateArn();
            assertEquals(id, ec2.createClientVpnEndpoint(b -> b.clientCidrBlock("172.20.0.0/20")
                    .serverCertificateArn(cert).authenticationOptions(o -> o.type("certificate-authentication")
                            .mutualAuthentication(m -> m.clientRootCertificateChainArn(cert)))
                    .connectionLogOptions(l -> l.enabled(false)).clientToken("kept").description("kept")
                    .tagSpecifications(t2 -> t2.resourceType("client-vpn-endpoint").tags(x -> x.key("Name")
                            .value("kept")))).clientVpnEndpointId());
        }
    }
}
