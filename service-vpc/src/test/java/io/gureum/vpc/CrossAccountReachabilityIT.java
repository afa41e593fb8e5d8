package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AnalysisComponent;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.PathComponent;
import software.amazon.awssdk.services.ec2.model.Protocol;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Reachability across two accounts of a Region joined by a VPC peering connection: account A analyzes a
 * path from its interface to an interface of account B named by ARN; the walk enters B's VPC only when
 * the analysis lists B in AdditionalAccounts, and B's security groups may reference A's group across the
 * active peering connection.
 */
class CrossAccountReachabilityIT extends Ec2TestBase {
    private static final String REGION = "ap-northeast-2";
    private static String accountA;
    private static String accountB;
    private static Ec2Client a;
    private static Ec2Client b;
    private static String vpcA;
    private static String vpcB;
    private static String sgA;
    private static String eniA;
    private static String eniB;
    private static String eniBClosed;
    private static String pcx;

    @BeforeAll
    static void twoAccounts() {
        accountA = newAccount();
        accountB = newAccount();
        a = ec2(accountA, REGION);
        b = ec2(accountB, REGION);
        vpcA = a.createVpc(r -> r.cidrBlock("10.50.0.0/16")).vpc().vpcId();
        vpcB = b.createVpc(r -> r.cidrBlock("10.51.0.0/16")).vpc().vpcId();
        String subnetA = a.createSubnet(r -> r.vpcId(vpcA).cidrBlock("10.50.0.0/24")).subnet().subnetId();
        String subnetB = b.createSubnet(r -> r.vpcId(vpcB).cidrBlock("10.51.0.0/24")).subnet().subnetId();
        pcx = a.createVpcPeeringConnection(r -> r.vpcId(vpcA).peerVpcId(vpcB).peerOwnerId(accountB))
                .vpcPeeringConnection().vpcPeeringConnectionId();
        b.acceptVpcPeeringConnection(r -> r.vpcPeeringConnectionId(pcx));
        a.createRoute(r -> r.routeTableId(mainRouteTable(a, vpcA)).destinationCidrBlock("10.51.0.0/16")
                .vpcPeeringConnectionId(pcx));
        b.createRoute(r -> r.routeTableId(mainRouteTable(b, vpcB)).destinationCidrBlock("10.50.0.0/16")
                .vpcPeeringConnectionId(pcx));
        // New groups allow all outbound traffic; inbound is what each test varies.
        sgA = a.createSecurityGroup(r -> r.vpcId(vpcA).groupName("client").description("client")).groupId();
        String sgB = b.createSecurityGroup(r -> r.vpcId(vpcB).groupName("server").description("server")).groupId();
        b.authorizeSecurityGroupIngress(r -> r.groupId(sgB).ipPermissions(IpPermission.builder().ipProtocol("tcp")
                .fromPort(22).toPort(22).userIdGroupPairs(UserIdGroupPair.builder().userId(accountA).groupId(sgA)
                        .vpcPeeringConnectionId(pcx).build()).build()));
        String sgClosed = b.createSecurityGroup(r -> r.vpcId(vpcB).groupName("closed").description("closed"))
                .groupId();
        b.authorizeSecurityGroupIngress(r -> r.groupId(sgClosed).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(x -> x.cidrIp("192.168.0.0/16")).build()));
        eniA = a.createNetworkInterface(r -> r.subnetId(subnetA).groups(sgA)).networkInterface().networkInterfaceId();
        eniB = b.createNetworkInterface(r -> r.subnetId(subnetB).groups(sgB)).networkInterface().networkInterfaceId();
        eniBClosed = b.createNetworkInterface(r -> r.subnetId(subnetB).groups(sgClosed)).networkInterface()
                .networkInterfaceId();
    }

    @AfterAll
    static void close() {
        a.close();
        b.close();
    }

    private static String mainRouteTable(Ec2Client c, String vpc) {
        return c.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpc),
                f -> f.name("association.main").values("true"))).routeTables().get(0).routeTableId();
    }

    private static String arnOf(String account, String eni) {
        return "arn:aws:ec2:" + REGION + ":" + account + ":network-interface/" + eni;
    }

    private static String pathTo(String destinationArn) {
        return a.createNetworkInsightsPath(r -> r.source(eniA).destination(destinationArn).protocol(Protocol.TCP)
                .destinationPort(22)).networkInsightsPath().networkInsightsPathId();
    }

    private static NetworkInsightsAnalysis analyze(String pathId, List<String> additionalAccounts) {
        String id = a.startNetworkInsightsAnalysis(r -> r.networkInsightsPathId(pathId)
                .additionalAccounts(additionalAccounts)).networkInsightsAnalysis().networkInsightsAnalysisId();
        advanceClock(Duration.ofSeconds(3));
        NetworkInsightsAnalysis done = a.describeNetworkInsightsAnalyses(r -> r.networkInsightsAnalysisIds(id))
                .networkInsightsAnalyses().get(0);
        assertEquals("succeeded", done.statusAsString(), done.toString());
        assertEquals(additionalAccounts, done.additionalAccounts());
        return done;
    }

    @Test
    void pathIntoTheListedAccountIsFound() {
        String path = pathTo(arnOf(accountB, eniB));
        var described = a.describeNetworkInsightsPaths(r -> r.networkInsightsPathIds(path)).networkInsightsPaths()
                .get(0);
        assertEquals(eniB, described.destination());
        assertEquals(arnOf(accountB, eniB), described.destinationArn());

        NetworkInsightsAnalysis found = analyze(path, List.of(accountB));
        assertTrue(found.networkPathFound(), () -> found.explanations().toString());
        List<AnalysisComponent> forward = found.forwardPathComponents().stream().map(PathComponent::component)
                .filter(c -> c != null).toList();
        List<String> ids = forward.stream().map(AnalysisComponent::id).toList();
        assertTrue(ids.contains(pcx), ids::toString);
        assertEquals(eniB, ids.get(ids.size() - 1), ids::toString);
        // Each component is named in the account that owns it.
        assertEquals(arnOf(accountB, eniB), forward.get(forward.size() - 1).arn());
        assertEquals(arnOf(accountA, eniA), forward.stream().filter(c -> c.id().equals(eniA)).findFirst()
                .orElseThrow().arn());
        assertFalse(found.returnPathComponents().isEmpty());
    }

    @Test
    void accountNotListedEndsTheWalkAtThePeering() {
        NetworkInsightsAnalysis blocked = analyze(pathTo(arnOf(accountB, eniB)), List.of());
        assertFalse(blocked.networkPathFound());
        assertEquals("NO_POSSIBLE_DESTINATION", blocked.explanations().get(0).explanationCode());
        assertEquals(pcx, blocked.explanations().get(0).vpcPeeringConnection().id());
        assertTrue(blocked.forwardPathComponents().isEmpty());
    }

    @Test
    void groupWithoutAReferenceToTheSourceGroupBlocks() {
        NetworkInsightsAnalysis blocked = analyze(pathTo(arnOf(accountB, eniBClosed)), List.of(accountB));
        assertFalse(blocked.networkPathFound());
        var e = blocked.explanations().get(0);
        assertEquals("ENI_SG_RULES_MISMATCH", e.explanationCode());
        assertEquals("ingress", e.direction());
        assertEquals(eniBClosed, e.networkInterface().id());
    }

    @Test
    void resourceOfAnotherAccountMustExist() {
        fails("InvalidNetworkInterfaceID.NotFound", () -> pathTo(arnOf(accountB, "eni-0123456789abcdef0")));
        // An interface of B named by an ARN of account A is not A's.
        fails("InvalidNetworkInterfaceID.NotFound", () -> pathTo(arnOf(accountA, eniB)));
    }

    @Test
    void groupReferenceNeedsAnActivePeering() {
        String lonely = b.createVpc(r -> r.cidrBlock("10.52.0.0/16")).vpc().vpcId();
        String sg = b.createSecurityGroup(r -> r.vpcId(lonely).groupName("lonely").description("lonely")).groupId();
        IpPermission.Builder ssh = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22);
        assertEquals("You have specified two resources that belong to different networks.",
                fails("InvalidParameterValue", () -> b.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                        ssh.userIdGroupPairs(UserIdGroupPair.builder().userId(accountA).groupId(sgA).build())
                                .build()))));
        fails("InvalidGroup.NotFound", () -> b.authorizeSecurityGroupIngress(r -> r.groupId(sg).ipPermissions(
                ssh.userIdGroupPairs(UserIdGroupPair.builder().userId(accountA).groupId("sg-0123456789abcdef0")
                        .build()).build())));
    }

    @Test
    void referenceAcrossThePeeringIsDescribedWithItsOwner() {
        var rules = b.describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values("server")))
                .securityGroups().get(0).ipPermissions();
        UserIdGroupPair pair = rules.get(0).userIdGroupPairs().get(0);
        assertEquals(sgA, pair.groupId());
        assertEquals(accountA, pair.userId());
        assertEquals(vpcA, pair.vpcId());
        assertEquals(pcx, pair.vpcPeeringConnectionId());
        assertEquals("active", pair.peeringStatus());
        String sgB = b.describeSecurityGroups(r -> r.filters(f -> f.name("group-name").values("server")))
                .securityGroups().get(0).groupId();
        var info = b.describeSecurityGroupRules(r -> r.filters(f -> f.name("group-id").values(sgB)))
                .securityGroupRules().stream().filter(x -> !x.isEgress()).findFirst().orElseThrow()
                .referencedGroupInfo();
        assertEquals(sgA, info.groupId());
        assertEquals(accountA, info.userId());
        assertEquals(pcx, info.vpcPeeringConnectionId());
        assertEquals("active", info.peeringStatus());
    }

    @Test
    void sourceInAnUnlistedAccountIsNotAnalyzed() {
        String path = a.createNetworkInsightsPath(r -> r.source(arnOf(accountB, eniB)).destination(eniA)
                .protocol(Protocol.TCP).destinationPort(22)).networkInsightsPath().networkInsightsPathId();
        NetworkInsightsAnalysis blocked = analyze(path, List.of());
        assertFalse(blocked.networkPathFound());
        assertEquals("NO_SOURCE_OR_DESTINATION", blocked.explanations().get(0).explanationCode());
    }
}
