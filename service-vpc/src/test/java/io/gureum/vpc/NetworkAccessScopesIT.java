package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AccessScopeAnalysisFinding;
import software.amazon.awssdk.services.ec2.model.AccessScopePathRequest;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAccessScopeAnalysis;

/** Network Access Analyzer: scopes select sources and destinations; findings are the reachable ones. */
class NetworkAccessScopesIT extends Ec2TestBase {

    private static AccessScopePathRequest internetTo(String... resources) {
        return AccessScopePathRequest.builder()
                .source(s -> s.resourceStatement(r -> r.resourceTypes("AWS::EC2::InternetGateway")))
                .destination(d -> {
                    if (resources.length == 0) {
                        d.resourceStatement(r -> r.resourceTypes("AWS::EC2::NetworkInterface"));
                    } else {
                        d.resourceStatement(r -> r.resources(resources));
                    }
                })
                .build();
    }

    @Test
    void findingsAreReachablePathsTheScopeMatches() {
        try (Ec2Client ec2 = ec2()) {
            String vpc = ec2.createVpc(b -> b.cidrBlock("10.7.0.0/16")).vpc().vpcId();
            String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
            ec2.attachInternetGateway(b -> b.internetGatewayId(igw).vpcId(vpc));
            String sn = ec2.createSubnet(b -> b.vpcId(vpc).cidrBlock("10.7.0.0/24")).subnet().subnetId();
            String rt = ec2.createRouteTable(b -> b.vpcId(vpc)).routeTable().routeTableId();
            ec2.associateRouteTable(b -> b.routeTableId(rt).subnetId(sn));
            ec2.createRoute(b -> b.routeTableId(rt).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
            String open = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("open").description("open")).groupId();
            ec2.authorizeSecurityGroupIngress(b -> b.groupId(open).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                    .fromPort(443).toPort(443).ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
            String closed = ec2.createSecurityGroup(b -> b.vpcId(vpc).groupName("closed").description("closed"))
                    .groupId();
            String exposed = ec2.createNetworkInterface(b -> b.subnetId(sn).groups(open)).networkInterface()
                    .networkInterfaceId();
            String hidden = ec2.createNetworkInterface(b -> b.subnetId(sn).groups(closed)).networkInterface()
                    .networkInterfaceId();
            String noPublicIp = ec2.createNetworkInterface(b -> b.subnetId(sn).groups(open)).networkInterface()
                    .networkInterfaceId();
            for (String eni : List.of(exposed, hidden)) {
                String alloc = ec2.allocateAddress().allocationId();
                ec2.associateAddress(b -> b.allocationId(alloc).networkInterfaceId(eni));
            }

            var created = ec2.createNetworkInsightsAccessScope(b -> b.matchPaths(internetTo()));
            String scope = created.networkInsightsAccessScope().networkInsightsAccessScopeId();
            assertTrue(scope.matches("nis-[0-9a-f]{17}"), scope);
            assertEquals(List.of("AWS::EC2::InternetGateway"), created.networkInsightsAccessScopeContent().matchPaths()
                    .get(0).source().resourceStatement().resourceTypes());
            assertEquals(scope, ec2.getNetworkInsightsAccessScopeContent(b -> b.networkInsightsAccessScopeId(scope))
                    .networkInsightsAccessScopeContent().networkInsightsAccessScopeId());
            assertEquals(1, ec2.describeNetworkInsightsAccessScopes(b -> { }).networkInsightsAccessScopes().size());

            NetworkInsightsAccessScopeAnalysis started = ec2.startNetworkInsightsAccessScopeAnalysis(b -> b
                    .networkInsightsAccessScopeId(scope)).networkInsightsAccessScopeAnalysis();
            assertEquals("running", started.statusAsString());
            advanceClock(Duration.ofSeconds(3));
            String analysis = started.networkInsightsAccessScopeAnalysisId();
            var done = ec2.describeNetworkInsightsAccessScopeAnalyses(b -> b.networkInsightsAccessScopeId(scope))
                    .networkInsightsAccessScopeAnalyses().get(0);
            assertEquals("succeeded", done.statusAsString());
            assertEquals("true", done.findingsFoundAsString());
            List<AccessScopeAnalysisFinding> findings = ec2.getNetworkInsightsAccessScopeAnalysisFindings(b -> b
                    .networkInsightsAccessScopeAnalysisId(analysis)).analysisFindings();
            assertEquals(Set.of(exposed), findings.stream().map(f -> last(f)).collect(Collectors.toSet()),
                    "only the interface with a public address and an open group is reachable from the internet");
            assertEquals(igw, findings.get(0).findingComponents().get(0).component().id());
            assertTrue(noPublicIp.startsWith("eni-"));

            // Excluding the exposed interface leaves no finding.
            String narrowed = ec2.createNetworkInsightsAccessScope(b -> b.matchPaths(internetTo())
                    .excludePaths(internetTo(exposed))).networkInsightsAccessScope().networkInsightsAccessScopeId();
            String second = ec2.startNetworkInsightsAccessScopeAnalysis(b -> b.networkInsightsAccessScopeId(narrowed))
                    .networkInsightsAccessScopeAnalysis().networkInsightsAccessScopeAnalysisId();
            advanceClock(Duration.ofSeconds(3));
            var none = ec2.getNetworkInsightsAccessScopeAnalysisFindings(b -> b.networkInsightsAccessScopeAnalysisId(second));
            assertEquals("succeeded", none.analysisStatusAsString());
            assertTrue(none.analysisFindings().isEmpty());
            assertEquals("false", ec2.describeNetworkInsightsAccessScopeAnalyses(b -> b
                    .networkInsightsAccessScopeAnalysisIds(second)).networkInsightsAccessScopeAnalyses().get(0)
                    .findingsFoundAsString());

            // Deletes, and the errors of unknown IDs.
            ec2.deleteNetworkInsightsAccessScopeAnalysis(b -> b.networkInsightsAccessScopeAnalysisId(second));
            fails("InvalidNetworkInsightsAccessScopeAnalysisId.NotFound", () -> ec2
                    .getNetworkInsightsAccessScopeAnalysisFindings(b -> b.networkInsightsAccessScopeAnalysisId(second)));
            fails("DryRunOperation", 412, () -> ec2.deleteNetworkInsightsAccessScope(b -> b
                    .networkInsightsAccessScopeId(scope).dryRun(true)));
            ec2.deleteNetworkInsightsAccessScope(b -> b.networkInsightsAccessScopeId(scope));
            fails("InvalidNetworkInsightsAccessScopeId.NotFound", () -> ec2.getNetworkInsightsAccessScopeContent(b -> b
                    .networkInsightsAccessScopeId(scope)));
            fails("InvalidNetworkInsightsAccessScopeId.NotFound", () -> ec2.startNetworkInsightsAccessScopeAnalysis(b -> b
                    .networkInsightsAccessScopeId(scope)));
            fails("InvalidNetworkInsightsAccessScopeAnalysisId.NotFound", () -> ec2
                    .describeNetworkInsightsAccessScopeAnalyses(b -> b.networkInsightsAccessScopeAnalysisIds(analysis)));
            fails("DryRunOperation", 412, () -> ec2.createNetworkInsightsAccessScope(b -> b.matchPaths(internetTo())
                    .dryRun(true)));
        }
    }

    private static String last(AccessScopeAnalysisFinding f) {
        var c = f.findingComponents();
        return c.get(c.size() - 1).component().id();
    }
}
