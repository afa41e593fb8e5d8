package io.gureum.vpc;

import static io.gureum.vpc.VpcsIT.filter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.acm.AcmService;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.iam.StsService;
import io.gureum.junit5.GureumExtension;
import io.gureum.logs.LogsService;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizationRule;
import software.amazon.awssdk.services.ec2.model.ClientVpnAuthenticationRequest;
import software.amazon.awssdk.services.ec2.model.ClientVpnEndpoint;
import software.amazon.awssdk.services.ec2.model.ClientVpnRoute;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.TargetNetwork;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * AWS Client VPN through the SDK: endpoints with certificates imported into ACM, target networks, authorization
 * rules, routes, the revocation list and the exported configuration, with states on the clock; federated
 * authentication against an IAM SAML provider and connection logs to a CloudWatch Logs group, served beside the
 * EC2 API on this server.
 */
class ClientVpnIT {
    private static final AtomicLong ACCOUNTS = new AtomicLong(310000000000L + (System.nanoTime() % 1000) * 1000000);
    private static final String REGION = "eu-west-1";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder().services(new VpcService(), new AcmService(),
            new IamService(), new StsService(), new LogsService()).build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    static String resource(String name) {
        try (InputStream in = ClientVpnIT.class.getResourceAsStream("/clientvpn/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test server certificate (with its CA as the chain) imported into ACM: its ARN. */
    static String importServerCertificate(AcmClient acm) {
        return acm.importCertificate(b -> b.certificate(SdkBytes.fromUtf8String(resource("server.crt")))
                .privateKey(SdkBytes.fromUtf8String(resource("server.key")))
                .certificateChain(SdkBytes.fromUtf8String(resource("ca.crt")))).certificateArn();
    }

    private static String newAccount() {
        return String.valueOf(ACCOUNTS.incrementAndGet());
    }

    private static Ec2Client ec2(String account) {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), account, REGION);
    }

    private static AcmClient acm(String account) {
        return AwsClients.client(AcmClient.builder(), gureum.endpoint(), account, REGION);
    }

    private static void advance() {
        gureum.context().clock().advance(Duration.ofSeconds(3));
    }

    private static String fails(String code, int status, Executable call) {
        AwsServiceException e = org.junit.jupiter.api.Assertions.assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    private static String fails(String code, Executable call) {
        return fails(code, 400, call);
    }

    private static ClientVpnAuthenticationRequest mutual(String arn) {
        return ClientVpnAuthenticationRequest.builder().type("certificate-authentication")
                .mutualAuthentication(m -> m.clientRootCertificateChainArn(arn)).build();
    }

    private static CreateClientVpnEndpointRequest.Builder endpoint(String cert) {
        return CreateClientVpnEndpointRequest.builder().clientCidrBlock("10.200.0.0/22").serverCertificateArn(cert)
                .authenticationOptions(mutual(cert)).connectionLogOptions(l -> l.enabled(false));
    }

    private static ClientVpnEndpoint describe(Ec2Client ec2, String id) {
        return ec2.describeClientVpnEndpoints(b -> b.clientVpnEndpointIds(id)).clientVpnEndpoints().get(0);
    }

    private static List<ClientVpnRoute> routes(Ec2Client ec2, String id) {
        return ec2.describeClientVpnRoutes(b -> b.clientVpnEndpointId(id)).routes();
    }

    @Test
    void anEndpointGoesFromPendingAssociateToAvailableAndBack() {
        String account = newAccount();
        Ec2Client ec2 = ec2(account);
        AcmClient acm = acm(account);
        String cert = importServerCertificate(acm);
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.1.0.0/16")).vpc().vpcId();
        String subnetA = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.1.1.0/24").availabilityZone(REGION + "a"))
                .subnet().subnetId();
        String subnetA2 = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.1.2.0/24").availabilityZone(REGION + "a"))
                .subnet().subnetId();
        String subnetB = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.1.3.0/24").availabilityZone(REGION + "b"))
                .subnet().subnetId();
        var created = ec2.createClientVpnEndpoint(endpoint(cert).description("office").transportProtocol("tcp")
                .vpnPort(1194).splitTunnel(true).dnsServers("10.1.0.2").sessionTimeoutHours(12)
                .clientLoginBannerOptions(o -> o.enabled(true).bannerText("Authorised use only"))
                .tagSpecifications(TagSpecification.builder().resourceType("client-vpn-endpoint")
                        .tags(Tag.builder().key("Name").value("office").build()).build()).build());
        String id = created.clientVpnEndpointId();
        assertTrue(id.matches("cvpn-endpoint-[0-9a-f]{17}"), id);
        assertEquals("pending-associate", created.status().codeAsString());
        assertEquals("*." + id + ".prod.clientvpn." + REGION + ".amazonaws.com", created.dnsName());

        // The endpoint is listed in its certificate's InUseBy, which ACM then refuses to delete.
        String endpointArn = "arn:aws:ec2:" + REGION + ":" + account + ":client-vpn-endpoint/" + id;
        assertEquals(List.of(endpointArn), acm.describeCertificate(b -> b.certificateArn(cert)).certificate()
                .inUseBy());
        fails("ResourceInUseException", () -> acm.deleteCertificate(b -> b.certificateArn(cert)));
        ClientVpnEndpoint e = describe(ec2, id);
        assertEquals("10.200.0.0/22", e.clientCidrBlock());
        assertEquals("tcp", e.transportProtocolAsString());
        assertEquals(1194, e.vpnPort());
        assertEquals("openvpn", e.vpnProtocolAsString());
        assertEquals(List.of("10.1.0.2"), e.dnsServers());
        assertTrue(e.splitTunnel());
        assertEquals(12, e.sessionTimeoutHours());
        assertEquals("Authorised use only", e.clientLoginBannerOptions().bannerText());
        assertEquals(cert, e.serverCertificateArn());
        assertEquals(cert, e.authenticationOptions().get(0).mutualAuthentication().clientRootCertificateChain());
        assertEquals("office", e.tags().get(0).value());
        assertNull(e.vpcId());
        assertEquals(1, ec2.describeClientVpnEndpoints(b -> b.filters(filter("transport-protocol", "tcp")))
                .clientVpnEndpoints().size());
        assertEquals(0, ec2.describeClientVpnEndpoints(b -> b.filters(filter("transport-protocol", "udp")))
                .clientVpnEndpoints().size());

        // One subnet per Availability Zone; the first association chooses the VPC and its default group.
        var assoc = ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id).subnetId(subnetA));
        assertEquals("associating", assoc.status().codeAsString());
        assertEquals("pending-associate", describe(ec2, id).status().codeAsString());
        fails("InvalidClientVpnDuplicateAssociationException", () -> ec2.associateClientVpnTargetNetwork(b -> b
                .clientVpnEndpointId(id).subnetId(subnetA)));
        fails("InvalidClientVpnSubnetId.DuplicateAz", () -> ec2.associateClientVpnTargetNetwork(b -> b
                .clientVpnEndpointId(id).subnetId(subnetA2)));
        advance();
        e = describe(ec2, id);
        assertEquals("available", e.status().codeAsString());
        assertEquals(vpc, e.vpcId());
        String defaultGroup = ec2.describeSecurityGroups(b -> b.filters(filter("vpc-id", vpc),
                filter("group-name", "default"))).securityGroups().get(0).groupId();
        assertEquals(List.of(defaultGroup), e.securityGroupIds());
        TargetNetwork t = ec2.describeClientVpnTargetNetworks(b -> b.clientVpnEndpointId(id)).clientVpnTargetNetworks()
                .get(0);
        assertEquals(assoc.associationId(), t.associationId());
        assertEquals("associated", t.status().codeAsString());
        assertEquals(subnetA, t.targetNetworkId());
        assertEquals(vpc, t.vpcId());
        ClientVpnRoute defaultRoute = routes(ec2, id).get(0);
        assertEquals("10.1.0.0/16", defaultRoute.destinationCidr());
        assertEquals(subnetA, defaultRoute.targetSubnet());
        assertEquals("associate", defaultRoute.origin());
        assertEquals("active", defaultRoute.status().codeAsString());
        fails("DependencyViolation", () -> ec2.deleteSubnet(b -> b.subnetId(subnetA)));

        String assocB = ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id).subnetId(subnetB)
                .clientToken("assoc-b")).associationId();
        assertEquals(assocB, ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id).subnetId(subnetB)
                .clientToken("assoc-b")).associationId());
        assertEquals(1, ec2.describeClientVpnTargetNetworks(b -> b.clientVpnEndpointId(id)
                .filters(filter("target-network-id", subnetB))).clientVpnTargetNetworks().size());

        // Routes and authorization rules settle on the clock.
        assertEquals("creating", ec2.createClientVpnRoute(b -> b.clientVpnEndpointId(id)
                .destinationCidrBlock("0.0.0.0/0").targetVpcSubnetId(subnetA).description("internet")).status()
                .codeAsString());
        fails("InvalidClientVpnDuplicateRoute", () -> ec2.createClientVpnRoute(b -> b.clientVpnEndpointId(id)
                .destinationCidrBlock("0.0.0.0/0").targetVpcSubnetId(subnetA)));
        fails("InvalidClientVpnActiveAssociationNotFound", () -> ec2.createClientVpnRoute(b -> b
                .clientVpnEndpointId(id).destinationCidrBlock("192.168.0.0/16").targetVpcSubnetId(subnetA2)));
        fails("InvalidParameterValue", () -> ec2.createClientVpnRoute(b -> b.clientVpnEndpointId(id)
                .destinationCidrBlock("10.200.1.0/24").targetVpcSubnetId(subnetA)));
        fails("InvalidParameterValue", () -> ec2.deleteClientVpnRoute(b -> b.clientVpnEndpointId(id)
                .destinationCidrBlock("10.1.0.0/16").targetVpcSubnetId(subnetA)));
        assertEquals("authorizing", ec2.authorizeClientVpnIngress(b -> b.clientVpnEndpointId(id)
                .targetNetworkCidr("10.1.0.0/16").authorizeAllGroups(true).description("vpc")).status()
                .codeAsString());
        ec2.authorizeClientVpnIngress(b -> b.clientVpnEndpointId(id).targetNetworkCidr("0.0.0.0/0")
                .accessGroupId("engineers"));
        fails("InvalidClientVpnDuplicateAuthorizationRule", () -> ec2.authorizeClientVpnIngress(b -> b
                .clientVpnEndpointId(id).targetNetworkCidr("10.1.0.0/16").authorizeAllGroups(true)));
        fails("InvalidParameterCombination", () -> ec2.authorizeClientVpnIngress(b -> b.clientVpnEndpointId(id)
                .targetNetworkCidr("10.1.0.0/16").authorizeAllGroups(true).accessGroupId("x")));
        advance();
        assertTrue(routes(ec2, id).stream().allMatch(r -> r.status().codeAsString().equals("active")));
        assertEquals(1, ec2.describeClientVpnRoutes(b -> b.clientVpnEndpointId(id).filters(filter("origin",
                "add-route"))).routes().size());
        List<AuthorizationRule> rules = ec2.describeClientVpnAuthorizationRules(b -> b.clientVpnEndpointId(id))
                .authorizationRules();
        assertEquals(2, rules.size());
        assertTrue(rules.get(0).accessAll());
        assertEquals("active", rules.get(0).status().codeAsString());
        assertEquals("engineers", ec2.describeClientVpnAuthorizationRules(b -> b.clientVpnEndpointId(id)
                .filters(filter("destination-cidr", "0.0.0.0/0"))).authorizationRules().get(0).groupId());
        assertEquals("revoking", ec2.revokeClientVpnIngress(b -> b.clientVpnEndpointId(id)
                .targetNetworkCidr("0.0.0.0/0").accessGroupId("engineers")).status().codeAsString());
        fails("InvalidClientVpnEndpointAuthorizationRuleNotFound", () -> ec2.revokeClientVpnIngress(b -> b
                .clientVpnEndpointId(id).targetNetworkCidr("0.0.0.0/0").accessGroupId("engineers")));
        assertEquals("deleting", ec2.deleteClientVpnRoute(b -> b.clientVpnEndpointId(id)
                .destinationCidrBlock("0.0.0.0/0")).status().codeAsString());
        fails("InvalidClientVpnRouteNotFound", () -> ec2.deleteClientVpnRoute(b -> b.clientVpnEndpointId(id)
                .destinationCidrBlock("172.16.0.0/16")));
        advance();
        assertEquals(1, ec2.describeClientVpnAuthorizationRules(b -> b.clientVpnEndpointId(id)).authorizationRules()
                .size());
        assertFalse(routes(ec2, id).stream().anyMatch(r -> r.destinationCidr().equals("0.0.0.0/0")));

        // Security groups of the endpoint's VPC replace the default group.
        String sg = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("cvpn").description("cvpn")).groupId();
        assertEquals(List.of(sg), ec2.applySecurityGroupsToClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id)
                .vpcId(vpc).securityGroupIds(sg)).securityGroupIds());
        assertEquals(List.of(sg), describe(ec2, id).securityGroupIds());
        fails("DependencyViolation", () -> ec2.deleteSecurityGroup(b -> b.groupId(sg)));
        String otherVpc = ec2.createVpc(b -> b.cidrBlock("10.2.0.0/16")).vpc().vpcId();
        fails("InvalidParameterValue", () -> ec2.applySecurityGroupsToClientVpnTargetNetwork(b -> b
                .clientVpnEndpointId(id).vpcId(otherVpc).securityGroupIds(sg)));

        // No VPN client ever connects here.
        assertTrue(ec2.describeClientVpnConnections(b -> b.clientVpnEndpointId(id)).connections().isEmpty());
        fails("InvalidClientVpnConnection.IdNotFound", () -> ec2.terminateClientVpnConnections(b -> b
                .clientVpnEndpointId(id).connectionId("cvpn-connection-0123456789abcdef0")));
        assertTrue(ec2.terminateClientVpnConnections(b -> b.clientVpnEndpointId(id).username("alice"))
                .connectionStatuses().isEmpty());

        // ModifyClientVpnEndpoint changes what may change after creation.
        assertTrue(ec2.modifyClientVpnEndpoint(b -> b.clientVpnEndpointId(id).description("hq").vpnPort(443)
                .splitTunnel(false).dnsServers(d -> d.enabled(false)).sessionTimeoutHours(24)).returnValue());
        e = describe(ec2, id);
        assertEquals("hq", e.description());
        assertEquals(443, e.vpnPort());
        assertFalse(e.splitTunnel());
        assertTrue(e.dnsServers().isEmpty());
        fails("InvalidParameterValue", () -> ec2.modifyClientVpnEndpoint(b -> b.clientVpnEndpointId(id)
                .sessionTimeoutHours(5)));
        fails("InvalidParameterValue", () -> ec2.modifyClientVpnEndpoint(b -> b.clientVpnEndpointId(id)
                .vpcId(otherVpc)));

        // Every target network goes before the endpoint; disassociating takes the association's routes away.
        fails("ClientVpnEndpointAssociationExists", () -> ec2.deleteClientVpnEndpoint(b -> b.clientVpnEndpointId(id)));
        assertEquals("disassociating", ec2.disassociateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id)
                .associationId(assoc.associationId())).status().codeAsString());
        ec2.disassociateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(id).associationId(assocB));
        fails("InvalidClientVpnAssociationIdNotFound", () -> ec2.disassociateClientVpnTargetNetwork(b -> b
                .clientVpnEndpointId(id).associationId(assocB)));
        advance();
        assertTrue(ec2.describeClientVpnTargetNetworks(b -> b.clientVpnEndpointId(id)).clientVpnTargetNetworks()
                .isEmpty());
        assertTrue(routes(ec2, id).isEmpty());
        assertEquals("pending-associate", describe(ec2, id).status().codeAsString());
        assertEquals("deleting", ec2.deleteClientVpnEndpoint(b -> b.clientVpnEndpointId(id)).status()
                .codeAsString());
        fails("InvalidClientVpnEndpointId.NotFound", () -> ec2.associateClientVpnTargetNetwork(b -> b
                .clientVpnEndpointId(id).subnetId(subnetA)));
        assertTrue(acm.describeCertificate(b -> b.certificateArn(cert)).certificate().inUseBy().isEmpty());
        advance();
        e = describe(ec2, id);
        assertEquals("deleted", e.status().codeAsString());
        assertNotNull(e.deletionTime());
        ec2.deleteSubnet(b -> b.subnetId(subnetA));
    }

    @Test
    void createIsCheckedAsAwsChecksIt() {
        String account = newAccount();
        Ec2Client ec2 = ec2(account);
        String cert = importServerCertificate(acm(account));
        String vpc = ec2.createVpc(b -> b.cidrBlock("10.200.0.0/16")).vpc().vpcId();
        String missing = cert.substring(0, cert.lastIndexOf('/') + 1) + "00000000-0000-0000-0000-000000000000";
        assertEquals("Certificate " + missing + " does not exist", fails("InvalidParameterValue",
                () -> ec2.createClientVpnEndpoint(endpoint(missing).authenticationOptions(mutual(cert)).build())));
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.200.0.0/23").build()));
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.0.0.0/11").build()));
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.200.1.0/22").build()));
        // The client CIDR may not overlap the VPC's.
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).vpcId(vpc).build()));
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").vpnPort(80).build()));
        fails("InvalidParameterCombination", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").securityGroupIds("sg-0123456789abcdef0").build()));
        fails("InvalidParameterCombination", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").selfServicePortal("enabled").build()));
        fails("NotImplemented", 501, () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").authenticationOptions(ClientVpnAuthenticationRequest.builder()
                        .type("directory-service-authentication").activeDirectory(d -> d.directoryId("d-1234567890"))
                        .build()).build()));
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").clientConnectOptions(o -> o.enabled(true).lambdaFunctionArn(
                        "arn:aws:lambda:" + REGION + ":" + account + ":function:authorizer")).build()));
        // A well-named handler needs Lambda, which this server does not run.
        fails("NotImplemented", 501, () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").clientConnectOptions(o -> o.enabled(true).lambdaFunctionArn(
                        "arn:aws:lambda:" + REGION + ":" + account + ":function:AWSClientVPN-authorizer")).build()));
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").connectionLogOptions(l -> l.enabled(true).cloudwatchLogGroup("no-such-group"))
                .build()));
        fails("DryRunOperation", 412, () -> ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock(
                "10.100.0.0/22").dryRun(true).build()));
        assertTrue(ec2.describeClientVpnEndpoints(b -> { }).clientVpnEndpoints().isEmpty());

        // ClientToken: the same request answers the same endpoint; other parameters are a mismatch.
        String id = ec2.createClientVpnEndpoint(endpoint(cert).clientToken("t1").build()).clientVpnEndpointId();
        assertEquals(id, ec2.createClientVpnEndpoint(endpoint(cert).clientToken("t1").build()).clientVpnEndpointId());
        fails("IdempotentParameterMismatch", () -> ec2.createClientVpnEndpoint(endpoint(cert).clientToken("t1")
                .description("other").build()));
        fails("InvalidClientVpnEndpointId.NotFound", () -> ec2.describeClientVpnEndpoints(b -> b
                .clientVpnEndpointIds("cvpn-endpoint-0123456789abcdef0")));

        // A subnet of another VPC than the endpoint's; a client CIDR overlapping the subnet's VPC.
        String other = ec2.createVpc(b -> b.cidrBlock("10.3.0.0/16")).vpc().vpcId();
        String otherSubnet = ec2.createSubnet(b -> b.vpcId(other).cidrBlock("10.3.1.0/24")).subnet().subnetId();
        String subnet = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.200.64.0/24")).subnet().subnetId();
        fails("InvalidClientVpnSubnetId.OverlappingCidr", () -> ec2.associateClientVpnTargetNetwork(b -> b
                .clientVpnEndpointId(id).subnetId(subnet)));
        String inVpc = ec2.createClientVpnEndpoint(endpoint(cert).clientCidrBlock("10.100.0.0/22").vpcId(other)
                .build()).clientVpnEndpointId();
        fails("InvalidParameterValue", () -> ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(inVpc)
                .subnetId(subnet)));
        fails("InvalidSubnetID.NotFound", () -> ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(inVpc)
                .subnetId("subnet-0123456789abcdef0")));
        ec2.associateClientVpnTargetNetwork(b -> b.clientVpnEndpointId(inVpc).subnetId(otherSubnet));

        // Pagination over endpoints.
        for (int i = 0; i < 4; i++) {
            ec2.createClientVpnEndpoint(endpoint(cert).build());
        }
        var first = ec2.describeClientVpnEndpoints(b -> b.maxResults(5));
        assertEquals(5, first.clientVpnEndpoints().size());
        assertEquals(1, ec2.describeClientVpnEndpoints(b -> b.maxResults(5).nextToken(first.nextToken()))
                .clientVpnEndpoints().size());
    }

    @Test
    void revocationListsAndTheExportedConfiguration() {
        String account = newAccount();
        Ec2Client ec2 = ec2(account);
        String cert = importServerCertificate(acm(account));
        String id = ec2.createClientVpnEndpoint(endpoint(cert).build()).clientVpnEndpointId();

        String config = ec2.exportClientVpnClientConfiguration(b -> b.clientVpnEndpointId(id)).clientConfiguration();
        assertTrue(config.startsWith("client\ndev tun\nproto udp\nremote " + id + ".prod.clientvpn." + REGION
                + ".amazonaws.com 443\n"), config);
        assertTrue(config.contains("<ca>\n" + resource("ca.crt").strip() + "\n"), config);
        assertFalse(config.contains("auth-federate"));

        assertNull(ec2.exportClientVpnClientCertificateRevocationList(b -> b.clientVpnEndpointId(id))
                .certificateRevocationList());
        fails("InvalidParameterValue", () -> ec2.importClientVpnClientCertificateRevocationList(b -> b
                .clientVpnEndpointId(id).certificateRevocationList("-----BEGIN X509 CRL-----\nAAAA\n"
                        + "-----END X509 CRL-----\n")));
        assertTrue(ec2.importClientVpnClientCertificateRevocationList(b -> b.clientVpnEndpointId(id)
                .certificateRevocationList(resource("crl.pem"))).returnValue());
        var exported = ec2.exportClientVpnClientCertificateRevocationList(b -> b.clientVpnEndpointId(id));
        assertEquals(resource("crl.pem"), exported.certificateRevocationList());
        assertEquals("pending", exported.status().codeAsString());
        advance();
        assertEquals("active", ec2.exportClientVpnClientCertificateRevocationList(b -> b.clientVpnEndpointId(id))
                .status().codeAsString());
    }

    @Test
    void federatedAuthenticationAndConnectionLogsUseIamAndLogs() throws Exception {
        String account = newAccount();
        Ec2Client ec2 = ec2(account);
        String cert = importServerCertificate(acm(account));
        HttpResponse<String> metadata = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                gureum.endpoint() + "/_gureum/sts/saml/metadata")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metadata.statusCode());
        String saml;
        try (IamClient iam = AwsClients.client(IamClient.builder(), gureum.endpoint(), account, REGION)) {
            saml = iam.createSAMLProvider(b -> b.name("vpn-idp").samlMetadataDocument(metadata.body()))
                    .samlProviderArn();
        }
        try (CloudWatchLogsClient logs = AwsClients.client(CloudWatchLogsClient.builder(), gureum.endpoint(),
                account, REGION)) {
            logs.createLogGroup(b -> b.logGroupName("/vpn/connections"));
            logs.createLogStream(b -> b.logGroupName("/vpn/connections").logStreamName("office"));
        }
        ClientVpnAuthenticationRequest federated = ClientVpnAuthenticationRequest.builder()
                .type("federated-authentication").federatedAuthentication(f -> f.samlProviderArn(saml)).build();
        String id = ec2.createClientVpnEndpoint(endpoint(cert).authenticationOptions(federated)
                .selfServicePortal("enabled").connectionLogOptions(l -> l.enabled(true)
                        .cloudwatchLogGroup("/vpn/connections").cloudwatchLogStream("office")).build())
                .clientVpnEndpointId();
        ClientVpnEndpoint e = describe(ec2, id);
        assertEquals(saml, e.authenticationOptions().get(0).federatedAuthentication().samlProviderArn());
        assertEquals("https://self-service.clientvpn.amazonaws.com/endpoints/" + id, e.selfServicePortalUrl());
        assertTrue(e.connectionLogOptions().enabled());
        assertEquals("office", e.connectionLogOptions().cloudwatchLogStream());
        assertTrue(ec2.exportClientVpnClientConfiguration(b -> b.clientVpnEndpointId(id)).clientConfiguration()
                .contains("auth-federate\n"));
        String missingSaml = "arn:aws:iam::" + account + ":saml-provider/none";
        fails("InvalidParameterValue", () -> ec2.createClientVpnEndpoint(endpoint(cert).authenticationOptions(
                ClientVpnAuthenticationRequest.builder().type("federated-authentication")
                        .federatedAuthentication(f -> f.samlProviderArn(missingSaml)).build()).build()));
        fails("InvalidParameterValue", () -> ec2.modifyClientVpnEndpoint(b -> b.clientVpnEndpointId(id)
                .connectionLogOptions(l -> l.enabled(true).cloudwatchLogGroup("/vpn/connections")
                        .cloudwatchLogStream("none"))));
        ec2.modifyClientVpnEndpoint(b -> b.clientVpnEndpointId(id).connectionLogOptions(l -> l.enabled(false)));
        assertFalse(describe(ec2, id).connectionLogOptions().enabled());
    }

    @Test
    void anEndpointHasOneAuthorizationPolicy() {
        String account = newAccount();
        Ec2Client ec2 = ec2(account);
        String cert = importServerCertificate(acm(account));
        String id = ec2.createClientVpnEndpoint(endpoint(cert).connectionLogOptions(l -> l.enabled(false)
                .includeAuthorizationPolicyContext(true)).build()).clientVpnEndpointId();
        assertTrue(describe(ec2, id).connectionLogOptions().includeAuthorizationPolicyContext());
        var none = ec2.getClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id));
        assertEquals(id, none.clientVpnEndpointId());
        assertNull(none.policyDocument());
        fails("MissingParameter", () -> ec2.modifyClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id)
                .description("no document")));
        fails("InvalidParameterValue", () -> ec2.modifyClientVpnEndpointAuthorizationPolicy(b -> b
                .clientVpnEndpointId(id).policyDocument("allow everyone")));
        fails("InvalidParameterValue", () -> ec2.deleteClientVpnEndpointAuthorizationPolicy(b -> b
                .clientVpnEndpointId(id)));
        String policy = "// managed devices only\npermit (principal, action, resource)\nwhen { context.posture"
                + ".managed == true };";
        var created = ec2.modifyClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id)
                .policyDocument(policy).shadowMode("enabled"));
        assertEquals("creating", created.statusAsString());
        advance();
        var p = ec2.getClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id));
        assertEquals(policy, p.policyDocument());
        assertEquals("enabled", p.shadowModeAsString());
        assertEquals("active", p.statusAsString());
        // Values not given stay.
        assertNull(p.description());
        assertEquals("updating", ec2.modifyClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id)
                .description("posture")).statusAsString());
        ec2.modifyClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id).shadowMode("disabled"));
        p = ec2.getClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id));
        assertEquals(policy, p.policyDocument());
        assertEquals("posture", p.description());
        assertEquals("disabled", p.shadowModeAsString());
        assertEquals("deleting", ec2.deleteClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id))
                .statusAsString());
        advance();
        assertNull(ec2.getClientVpnEndpointAuthorizationPolicy(b -> b.clientVpnEndpointId(id)).policyDocument());
    }
}
