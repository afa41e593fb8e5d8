package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.ec2.model.Subscription;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicy;
import software.amazon.awssdk.services.ec2.model.TransitGatewayMeteringPolicyEntry;
import software.amazon.awssdk.services.ec2.model.VpnConcentrator;
import software.amazon.awssdk.services.ec2.model.VpnConnection;

/**
 * AWS::EC2::TransitGatewayMeteringPolicy and its Entry, VPNConcentrator (with a VPNConnection on it),
 * IPAMPrefixListResolver and its Target (syncing a PrefixList),
 * NetworkPerformanceMetricSubscription and IpPoolRouteTableAssociation deployed, updated (in place and by
 * replacement) and deleted through CloudFormation and checked through EC2; the local gateway virtual interface
 * types fail as on an account without Outposts. EnclaveCertificateIamRoleAssociation (an imported ACM certificate and
 * IAM roles of the stack) is created, replaced by another role and deleted, checked through EC2 and ACM.
 */
class Ec2MiscTypesIT extends EndToEndSupport {

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static final String TEMPLATE = """
            Parameters:
              Pool: {Type: String}
              Middlebox: {Type: String, Default: A}
              Payer: {Type: String, Default: transit-gateway-owner}
              RuleNumber: {Type: Number, Default: 100}
              Destination: {Type: String, Default: us-west-2}
              Team: {Type: String, Default: red}
              Track: {Type: String, Default: 'true'}
            Conditions:
              MiddleboxA: !Equals [!Ref Middlebox, A]
            Resources:
              Tgw:
                Type: AWS::EC2::TransitGateway
                Properties: {Description: hub}
              VpcA:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.50.0.0/16}
              Metering:
                Type: AWS::EC2::TransitGatewayMeteringPolicy
                Properties:
                  TransitGatewayId: !Ref Tgw
                  MiddleboxAttachmentIds: !If [MiddleboxA, [!GetAtt Concentrator.TransitGatewayAttachmentId], []]
                  Tags: [{Key: Team, Value: !Ref Team}]
              Rule:
                Type: AWS::EC2::TransitGatewayMeteringPolicyEntry
                Properties:
                  TransitGatewayMeteringPolicyId: !Ref Metering
                  PolicyRuleNumber: !Ref RuleNumber
                  MeteredAccount: !Ref Payer
                  DestinationTransitGatewayAttachmentType: vpn-concentrator
                  DestinationCidrBlock: 10.51.0.0/16
                  Protocol: '6'
              Concentrator:
                Type: AWS::EC2::VPNConcentrator
                Properties:
                  TransitGatewayId: !Ref Tgw
                  Type: ipsec.1
                  Tags: [{Key: Team, Value: !Ref Team}]
              Site:
                Type: AWS::EC2::CustomerGateway
                Properties: {Type: ipsec.1, IpAddress: 203.0.113.90, BgpAsn: 65090}
              SiteVpn:
                Type: AWS::EC2::VPNConnection
                Properties: {Type: ipsec.1, CustomerGatewayId: !Ref Site, VpnConcentratorId: !Ref Concentrator}
              Latency:
                Type: AWS::EC2::NetworkPerformanceMetricSubscription
                Properties: {Source: us-east-1, Destination: !Ref Destination, Metric: aggregate-latency, Statistic: p50}
              Rtb:
                Type: AWS::EC2::RouteTable
                Properties: {VpcId: !Ref VpcA}
              PoolRoutes:
                Type: AWS::EC2::IpPoolRouteTableAssociation
                Properties: {PublicIpv4Pool: !Ref Pool, RouteTableId: !Ref Rtb}
              Ipam:
                Type: AWS::EC2::IPAM
                Properties: {}
              Resolver:
                Type: AWS::EC2::IPAMPrefixListResolver
                Properties:
                  IpamId: !Ref Ipam
                  AddressFamily: ipv4
                  Description: !Ref Team
                  Rules:
                    - {RuleType: static-cidr, StaticCidr: 192.168.10.0/24}
                    - RuleType: ipam-resource-cidr
                      IpamScopeId: !GetAtt Ipam.PrivateDefaultScopeId
                      ResourceType: vpc
                      Conditions: [{Operation: equals, ResourceId: !Ref VpcA}]
              Plist:
                Type: AWS::EC2::PrefixList
                Properties: {PrefixListName: resolved, AddressFamily: IPv4, MaxEntries: 5}
              ResolverTarget:
                Type: AWS::EC2::IPAMPrefixListResolverTarget
                Properties:
                  IpamPrefixListResolverId: !Ref Resolver
                  PrefixListId: !Ref Plist
                  PrefixListRegion: !Ref AWS::Region
                  TrackLatestVersion: !Ref Track
            Outputs:
              Resolver: {Value: !Ref Resolver}
              ResolverArn: {Value: !GetAtt Resolver.IpamPrefixListResolverArn}
              ResolverTarget: {Value: !Ref ResolverTarget}
              Plist: {Value: !Ref Plist}
              Metering: {Value: !Ref Metering}
              MeteringId: {Value: !GetAtt Metering.TransitGatewayMeteringPolicyId}
              MeteringState: {Value: !GetAtt Metering.State}
              Rule: {Value: !Ref Rule}
              RuleState: {Value: !GetAtt Rule.State}
              Concentrator: {Value: !Ref Concentrator}
              ConcentratorAttachment: {Value: !GetAtt Concentrator.TransitGatewayAttachmentId}
              SiteVpn: {Value: !Ref SiteVpn}
              Latency: {Value: !Ref Latency}
              PoolRoutes: {Value: !Ref PoolRoutes}
              PoolRoutesId: {Value: !GetAtt PoolRoutes.AssociationId}
              Rtb: {Value: !Ref Rtb}
            """;

    private static Parameter param(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static boolean subscribed(String destination) {
        return ec2.describeAwsNetworkPerformanceMetricSubscriptions(b -> b.build()).subscriptions().stream()
                .map(Subscription::destination).anyMatch(destination::equals);
    }

    @Test
    void deployUpdateAndDelete() {
        String pool = ec2.createPublicIpv4Pool(b -> b.build()).poolId();
        String name = unique("misc");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(param("Pool", pool)))
                .stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));

        String metering = output(s, "Metering");
        assertTrue(metering.startsWith("tgw-mp-"), metering);
        assertEquals(metering, output(s, "MeteringId"));
        assertEquals("available", output(s, "MeteringState"));
        TransitGatewayMeteringPolicy p = ec2.describeTransitGatewayMeteringPolicies(b -> b
                .transitGatewayMeteringPolicyIds(metering)).transitGatewayMeteringPolicies().get(0);
        assertEquals(List.of(output(s, "ConcentratorAttachment")), p.middleboxAttachmentIds());
        assertTrue(p.tags().stream().anyMatch(t -> t.key().equals("aws:cloudformation:logical-id")
                && t.value().equals("Metering")));
        assertEquals(metering + "|100", output(s, "Rule"));
        assertEquals("available", output(s, "RuleState"));
        TransitGatewayMeteringPolicyEntry e = ec2.getTransitGatewayMeteringPolicyEntries(b -> b
                .transitGatewayMeteringPolicyId(metering)).transitGatewayMeteringPolicyEntries().get(0);
        assertEquals("transit-gateway-owner", e.meteredAccountAsString());
        assertEquals("10.51.0.0/16", e.meteringPolicyRule().destinationCidrBlock());

        String concentrator = output(s, "Concentrator");
        assertTrue(concentrator.startsWith("vcn-"), concentrator);
        VpnConcentrator c = ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(concentrator)).vpnConcentrators()
                .get(0);
        assertEquals("available", c.state());
        assertEquals(c.transitGatewayAttachmentId(), output(s, "ConcentratorAttachment"));
        VpnConnection vpn = ec2.describeVpnConnections(b -> b.vpnConnectionIds(output(s, "SiteVpn"))).vpnConnections()
                .get(0);
        assertEquals(concentrator, vpn.vpnConcentratorId());
        assertEquals("available", vpn.stateAsString());

        assertEquals("us-east-1|us-west-2|aggregate-latency|p50", output(s, "Latency"));
        assertTrue(subscribed("us-west-2"));
        String association = output(s, "PoolRoutes");
        assertEquals(association, output(s, "PoolRoutesId"));
        assertEquals(pool, ec2.describeRouteTables(b -> b.routeTableIds(output(s, "Rtb"))).routeTables().get(0)
                .associations().stream().filter(a -> association.equals(a.routeTableAssociationId())).findFirst()
                .orElseThrow().publicIpv4Pool());

        String resolver = output(s, "Resolver");
        assertTrue(output(s, "ResolverArn").endsWith(resolver), output(s, "ResolverArn"));
        String plist = output(s, "Plist");
        assertEquals(List.of("10.50.0.0/16", "192.168.10.0/24"), ec2.getManagedPrefixListEntries(b -> b
                .prefixListId(plist)).entries().stream().map(x -> x.cidr()).sorted().toList());
        assertEquals("sync-complete", ec2.describeIpamPrefixListResolverTargets(b -> b
                .ipamPrefixListResolverTargetIds(output(s, "ResolverTarget"))).ipamPrefixListResolverTargets().get(0)
                .stateAsString());

        // In place: the policy's middlebox and the tags; by replacement: the entry and the subscription. The
        // replacing entry is made before the old one goes, so it needs a rule number of its own (as on AWS, where
        // the rule number is part of its identifier).
        cfn.updateStack(b -> b.stackName(id).templateBody(TEMPLATE).parameters(param("Pool", pool),
                param("Middlebox", "B"), param("Payer", "source-attachment-owner"), param("RuleNumber", "110"),
                param("Destination", "eu-west-1"), param("Team", "blue"), param("Track", "false")));
        Stack u = settle(id);
        assertEquals("UPDATE_COMPLETE", u.stackStatusAsString(), reasons(id));
        assertEquals(metering, output(u, "Metering"));
        assertEquals(metering + "|110", output(u, "Rule"));
        TransitGatewayMeteringPolicy p2 = ec2.describeTransitGatewayMeteringPolicies(b -> b
                .transitGatewayMeteringPolicyIds(metering)).transitGatewayMeteringPolicies().get(0);
        assertEquals(List.of(), p2.middleboxAttachmentIds());
        assertTrue(p2.tags().stream().anyMatch(t -> t.key().equals("Team") && t.value().equals("blue")));
        assertEquals(List.of("source-attachment-owner"), ec2.getTransitGatewayMeteringPolicyEntries(b -> b
                .transitGatewayMeteringPolicyId(metering)).transitGatewayMeteringPolicyEntries().stream()
                .map(TransitGatewayMeteringPolicyEntry::meteredAccountAsString).toList());
        assertEquals(concentrator, output(u, "Concentrator"));
        assertTrue(ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(concentrator)).vpnConcentrators().get(0)
                .tags().stream().anyMatch(t -> t.key().equals("Team") && t.value().equals("blue")));
        assertEquals("us-east-1|eu-west-1|aggregate-latency|p50", output(u, "Latency"));
        assertEquals(resolver, output(u, "Resolver"));
        assertEquals("blue", ec2.describeIpamPrefixListResolvers(b -> b.ipamPrefixListResolverIds(resolver))
                .ipamPrefixListResolvers().get(0).description());
        assertEquals(false, ec2.describeIpamPrefixListResolverTargets(b -> b.ipamPrefixListResolverTargetIds(
                output(u, "ResolverTarget"))).ipamPrefixListResolverTargets().get(0).trackLatestVersion());
        assertTrue(subscribed("eu-west-1"));
        assertTrue(!subscribed("us-west-2"));

        cfn.deleteStack(b -> b.stackName(id));
        Stack gone = settle(id);
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(id));
        assertEquals("deleted", ec2.describeTransitGatewayMeteringPolicies(b -> b
                .transitGatewayMeteringPolicyIds(metering)).transitGatewayMeteringPolicies().get(0).stateAsString());
        assertEquals("deleted", ec2.describeVpnConcentrators(b -> b.vpnConcentratorIds(concentrator))
                .vpnConcentrators().get(0).state());
        assertTrue(!subscribed("eu-west-1"));
        assertTrue(ec2.describeRouteTables(b -> b.filters(filter("association.route-table-association-id",
                association))).routeTables().isEmpty());
        assertTrue(ec2.deletePublicIpv4Pool(b -> b.poolId(pool)).returnValue());
        assertEquals(400, fails(software.amazon.awssdk.awscore.exception.AwsServiceException.class, 400,
                "InvalidIpamPrefixListResolverId.NotFound", () -> ec2.describeIpamPrefixListResolvers(b -> b
                        .ipamPrefixListResolverIds(resolver))).statusCode());
    }

    private static final String ENCLAVE = """
            Parameters:
              Cert: {Type: String}
              Which: {Type: String, Default: A}
            Conditions:
              UseA: !Equals [!Ref Which, A]
            Resources:
              RoleA:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
              RoleB:
                Type: AWS::IAM::Role
                Properties:
                  Path: /enclaves/
                  AssumeRolePolicyDocument:
                    Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
              Enclave:
                Type: AWS::EC2::EnclaveCertificateIamRoleAssociation
                Properties:
                  CertificateArn: !Ref Cert
                  RoleArn: !If [UseA, !GetAtt RoleA.Arn, !GetAtt RoleB.Arn]
            Outputs:
              Association: {Value: !Ref Enclave}
              Bucket: {Value: !GetAtt Enclave.CertificateS3BucketName}
              Key: {Value: !GetAtt Enclave.CertificateS3ObjectKey}
              Kms: {Value: !GetAtt Enclave.EncryptionKmsKeyId}
              RoleA: {Value: !GetAtt RoleA.Arn}
              RoleB: {Value: !GetAtt RoleB.Arn}
            """;

    private static java.util.List<String> enclaveRoles(String cert) {
        return ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(cert)).associatedRoles().stream()
                .map(software.amazon.awssdk.services.ec2.model.AssociatedRole::associatedRoleArn).toList();
    }

    @Test
    void enclaveCertificateAssociationIsCreatedReplacedAndDeleted() {
        String cert;
        try (var acm = io.gureum.core.testing.AwsClients.client(software.amazon.awssdk.services.acm.AcmClient
                .builder(), gureum)) {
            byte[] crt = template("elb-certs/app.crt").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] key = template("elb-certs/app.key").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            cert = acm.importCertificate(b -> b.certificate(software.amazon.awssdk.core.SdkBytes.fromByteArray(crt))
                    .privateKey(software.amazon.awssdk.core.SdkBytes.fromByteArray(key))).certificateArn();
            String name = unique("enclave");
            String id = cfn.createStack(b -> b.stackName(name).templateBody(ENCLAVE).capabilitiesWithStrings(
                    "CAPABILITY_IAM").parameters(param("Cert", cert))).stackId();
            Stack s = settle(id);
            assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
            String roleA = output(s, "RoleA");
            assertEquals(cert + "|" + roleA, output(s, "Association"));
            assertEquals(roleA + "/" + cert, output(s, "Key"));
            assertTrue(output(s, "Bucket").startsWith("aws-ec2-enclave-certificate-"), output(s, "Bucket"));
            var associated = ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(cert)).associatedRoles();
            assertEquals(List.of(roleA), associated.stream().map(x -> x.associatedRoleArn()).toList());
            assertEquals(output(s, "Kms"), associated.get(0).encryptionKmsKeyId());
            assertEquals(List.of(roleA), acm.describeCertificate(b -> b.certificateArn(cert)).certificate()
                    .inUseBy());

            // Another role replaces the association.
            cfn.updateStack(b -> b.stackName(id).templateBody(ENCLAVE).capabilitiesWithStrings("CAPABILITY_IAM")
                    .parameters(param("Cert", cert), param("Which", "B")));
            Stack u = settle(id);
            assertEquals("UPDATE_COMPLETE", u.stackStatusAsString(), reasons(id));
            String roleB = output(u, "RoleB");
            assertEquals(cert + "|" + roleB, output(u, "Association"));
            assertEquals(roleB + "/" + cert, output(u, "Key"));
            assertEquals(List.of(roleB), enclaveRoles(cert));

            cfn.deleteStack(b -> b.stackName(id));
            assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
            assertEquals(List.of(), enclaveRoles(cert));
            assertTrue(acm.describeCertificate(b -> b.certificateArn(cert)).certificate().inUseBy().isEmpty());
            acm.deleteCertificate(b -> b.certificateArn(cert));
        }
    }

    private static StackEvent failure(String type, String properties) {
        String name = unique("outposts");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Lgw:
                    Type: %s
                    Properties: %s
                """.formatted(type, properties))).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString(), reasons(id));
        return cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(x -> x.logicalResourceId().equals("Lgw") && x.resourceStatusAsString().equals("CREATE_FAILED"))
                .findFirst().orElseThrow();
    }

    @Test
    void localGatewayVirtualInterfaceTypesFailAsWithoutOutposts() {
        StackEvent group = failure("AWS::EC2::LocalGatewayVirtualInterfaceGroup",
                "{LocalGatewayId: lgw-0123456789abcdef0, LocalBgpAsn: 65001}");
        assertTrue(group.resourceStatusReason().contains("local gateway ID 'lgw-0123456789abcdef0' does not exist"),
                group.resourceStatusReason());
        StackEvent vif = failure("AWS::EC2::LocalGatewayVirtualInterface",
                "{LocalGatewayVirtualInterfaceGroupId: lgw-vif-grp-0123456789abcdef0, OutpostLagId: "
                        + "outpost-lag-0123456789abcdef0, Vlan: 100, LocalAddress: 10.0.0.1/30, PeerAddress: "
                        + "10.0.0.2/30, PeerBgpAsn: 65002}");
        assertTrue(vif.resourceStatusReason().contains("lgw-vif-grp-0123456789abcdef0"), vif.resourceStatusReason());
    }
}
