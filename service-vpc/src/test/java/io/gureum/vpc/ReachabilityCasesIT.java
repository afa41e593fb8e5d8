package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsAnalysis;
import software.amazon.awssdk.services.ec2.model.PathComponent;

/**
 * The course's designs analyzed case by case: each case names a source, a destination (or a destination
 * address), a protocol and port, and expects a path or AWS's explanation code for why there is none.
 */
class ReachabilityCasesIT extends Ec2TestBase {
    private static Ec2Client ec2;
    private static CourseNetworks net;

    /**
     * @param source a resource name of {@link CourseNetworks}
     * @param destination a resource name, or null when {@code destinationIp} names an address
     * @param destinationIp an address name of {@link CourseNetworks#addresses}, or a literal address
     * @param through resource names the analysis must traverse (FilterInArns), or that the found path must
     *     include when {@code filter} is false
     * @param code the explanation code when no path is found, null when one is
     */
    record Case(String name, String source, String destination, String destinationIp, String protocol, Integer port,
            List<String> through, boolean filter, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case found(String name, String src, String dst, int port, String... through) {
        return new Case(name, src, dst, null, "tcp", port, List.of(through), false, null);
    }

    private static Case blocked(String name, String src, String dst, int port, String code) {
        return new Case(name, src, dst, null, "tcp", port, List.of(), false, code);
    }

    private static Case protocol(String name, String src, String dst, String protocol, int port, String code) {
        return new Case(name, src, dst, null, protocol, port, List.of(), false, code);
    }

    private static Case toAddress(String name, String src, String ip, int port, String code, String... through) {
        return new Case(name, src, null, ip, "tcp", port, List.of(through), false, code);
    }

    private static Case filtered(String name, String src, String dst, int port, String code, String... filterIn) {
        return new Case(name, src, dst, null, "tcp", port, List.of(filterIn), true, code);
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // 3-tier VPC: web reachable from the internet on 443 only.
        c.add(found("internet to web on 443", "igw", "web", 443, "igw", "webSg", "web"));
        c.add(blocked("internet to web on 80", "igw", "web", 80, "ENI_SG_RULES_MISMATCH"));
        c.add(blocked("internet to web on 22", "igw", "web", 22, "ENI_SG_RULES_MISMATCH"));
        c.add(blocked("internet to web without a public address", "igw", "web2", 443, "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"));
        c.add(blocked("internet to app", "igw", "app", 80, "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"));
        c.add(blocked("internet to db", "igw", "db", 3306, "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS"));
        // App only from web on 80.
        c.add(found("web to app on 80", "web", "app", 80, "appSg", "publicRt"));
        c.add(found("web to app in the other zone", "web", "app2", 80, "publicRt"));
        c.add(blocked("web to app on 8080", "web", "app", 8080, "ENI_SG_RULES_MISMATCH"));
        c.add(blocked("db to app on 80", "db", "app", 80, "ENI_SG_RULES_MISMATCH"));
        c.add(blocked("web2 to app on 22", "web2", "app", 22, "ENI_SG_RULES_MISMATCH"));
        // Db only from app on 3306.
        c.add(found("app to db on 3306", "app", "db", 3306, "dbSg"));
        c.add(found("app in the other zone to db", "app2", "db", 3306, "dbSg"));
        c.add(blocked("web to db on 3306", "web", "db", 3306, "ENI_SG_RULES_MISMATCH"));
        c.add(blocked("app to db on 5432", "app", "db", 5432, "ENI_SG_RULES_MISMATCH"));
        c.add(protocol("app to db over udp", "app", "db", "udp", 3306, "ENI_SG_RULES_MISMATCH"));
        // Private instances reach the internet through the NAT gateway of their zone.
        c.add(found("app to the internet through natA", "app", "igw", 443, "natA", "privA"));
        c.add(found("app2 to the internet through natB", "app2", "igw", 443, "natB", "privB"));
        c.add(found("db to the internet through natA", "db", "igw", 443, "natA"));
        c.add(toAddress("app to an internet address", "app", "8.8.8.8", 443, null, "natA", "igw"));
        c.add(filtered("app2 does not use natA", "app2", "igw", 443, "COMPONENT_FILTER_RESTRICTION", "natA"));
        c.add(filtered("app uses natA", "app", "igw", 443, null, "natA"));
        c.add(found("web to the internet directly", "web", "igw", 443, "publicRt"));
        c.add(blocked("web2 without a public address to the internet", "web2", "igw", 443,
                "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS"));
        c.add(toAddress("web to a private address outside the VPC", "web", "192.168.5.5", 443,
                "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS"));
        c.add(found("app to web on 443", "app", "web", 443, "webSg"));
        // S3 gateway endpoint in the zone-A private route table.
        c.add(found("app to the S3 gateway endpoint", "app", "s3Endpoint", 443, "s3Endpoint", "privA"));
        c.add(found("db to the S3 gateway endpoint", "db", "s3Endpoint", 443, "s3Endpoint"));
        c.add(toAddress("app to an S3 address", "app", "s3Address", 443, null, "s3Endpoint"));
        c.add(protocol("udp to the S3 gateway endpoint", "app", "s3Endpoint", "udp", 443,
                "VPCE_GATEWAY_PROTOCOL_RESTRICTION"));
        c.add(blocked("app2 has no route to the S3 endpoint", "app2", "s3Endpoint", 443, "NO_ROUTE_TO_DESTINATION"));
        c.add(filtered("app to S3 must pass the endpoint", "app", "s3Endpoint", 443, null, "s3Endpoint"));

        // Network ACLs: stateless, ordered, and the reply needs its ephemeral ports.
        c.add(blocked("internet to strict subnet: reply blocked", "aclIgw", "strictEni", 443, "SUBNET_ACL_RESTRICTION"));
        c.add(found("internet to subnet allowing ephemeral ports", "aclIgw", "goodEni", 443, "goodAcl"));
        c.add(blocked("internet to subnet on a port its ACL does not allow", "aclIgw", "goodEni", 80,
                "SUBNET_ACL_RESTRICTION"));
        c.add(blocked("deny rule before the allow rule", "aclIgw", "denyEni", 443, "SUBNET_ACL_RESTRICTION"));
        c.add(found("deny rule for another port", "aclIgw", "denyEni", 22, "denyFirstAcl"));
        c.add(found("good subnet out to the internet", "goodEni", "aclIgw", 443, "goodAcl"));
        c.add(blocked("strict subnet out: reply blocked", "strictEni", "aclIgw", 443, "SUBNET_ACL_RESTRICTION"));
        c.add(blocked("strict subnet to a plain subnet: reply blocked", "strictEni", "plainEni", 443,
                "SUBNET_ACL_RESTRICTION"));
        c.add(blocked("plain subnet to strict subnet: reply blocked", "plainEni", "strictEni", 443,
                "SUBNET_ACL_RESTRICTION"));
        c.add(blocked("plain subnet to strict subnet on 22", "plainEni", "strictEni", 22, "SUBNET_ACL_RESTRICTION"));
        c.add(found("inside one subnet no ACL applies", "strictEni", "strictEni2", 22, "strictEni2"));
        c.add(found("plain subnet to good subnet", "plainEni", "goodEni", 443, "goodAcl"));

        // Peering: no transitive routing.
        c.add(found("A to B through the peering", "peerEniA", "peerEniB", 22, "pcxAB"));
        c.add(found("B to C through the peering", "peerEniB", "peerEniC", 22, "pcxBC"));
        c.add(found("C to B", "peerEniC", "peerEniB", 443, "pcxBC"));
        c.add(blocked("A to C is not transitive", "peerEniA", "peerEniC", 22, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"));
        c.add(blocked("C to A is not transitive", "peerEniC", "peerEniA", 22, "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR"));
        c.add(found("group reference admits its members", "peerEniC", "peerEniCRef", 5432, "peerSgCRef"));
        c.add(blocked("group reference does not admit a peer", "peerEniB", "peerEniCRef", 5432, "ENI_SG_RULES_MISMATCH"));
        c.add(blocked("peering not accepted", "peerEniA", "peerEniD", 22, "BAD_STATE_ROUTE"));
        c.add(blocked("peer has no route back", "peerEniA", "peerEniE", 22, "NO_ROUTE_TO_DESTINATION"));
        c.add(blocked("B has no route to E", "peerEniB", "peerEniE", 22, "NO_ROUTE_TO_DESTINATION"));

        // Transit gateway hub.
        c.add(found("spoke 1 to spoke 2", "spokeEni1", "spokeEni2", 22, "tgw", "attach1"));
        c.add(found("spoke 2 to spoke 1", "spokeEni2", "spokeEni1", 22, "tgw"));
        c.add(blocked("spoke 3 has no route back", "spokeEni1", "spokeEni3", 22, "NO_ROUTE_TO_DESTINATION"));
        c.add(blocked("spoke 3 has no route out", "spokeEni3", "spokeEni1", 22, "NO_ROUTE_TO_DESTINATION"));
        c.add(blocked("isolated spoke's route table has no route", "spokeEni4", "spokeEni1", 22,
                "NO_ROUTE_TO_DESTINATION"));
        c.add(blocked("reply through the isolated route table", "spokeEni1", "spokeEni4", 22, "NO_ROUTE_TO_DESTINATION"));
        c.add(toAddress("transit gateway blackhole route", "spokeEni1", "10.23.0.5", 22, "TGW_RTB_BAD_STATE_ROUTE"));
        c.add(blocked("attachment has no subnet in the source's zone", "spokeEni1b", "spokeEni2", 22,
                "TGW_ROUTE_AZ_RESTRICTION"));
        c.add(filtered("spoke path must pass the hub", "spokeEni1", "spokeEni2", 22, null, "tgw"));

        // Broken routes and components.
        c.add(blocked("no route to the internet", "isolatedEni", "igw", 443, "NO_ROUTE_TO_DESTINATION"));
        c.add(blocked("route to a detached internet gateway", "detachedEni", "detachedIgw", 443, "BAD_STATE_ROUTE"));
        c.add(blocked("detached internet gateway as source", "detachedIgw", "detachedEni", 443, "UNASSOCIATED_COMPONENT"));
        c.add(blocked("internet gateway of another VPC", "igw", "goodEni", 443, "DISCONNECTED_VPCS"));
        c.add(blocked("group without any rule", "bareEni", "isolatedEni", 22, "SG_HAS_NO_RULES"));
        return c.stream();
    }

    @BeforeAll
    static void buildNetworks() {
        ec2 = ec2();
        net = new CourseNetworks(ec2).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyze(Case c) {
        String destIp = c.destinationIp() == null ? null : net.addresses.getOrDefault(c.destinationIp(), c.destinationIp());
        String pathId = InsightsTestSupport.path(ec2, b -> b.source(net.id(c.source()))
                .destination(c.destination() == null ? null : net.id(c.destination())).destinationIp(destIp)
                .protocol(c.protocol()).destinationPort(c.port()));
        List<String> filterIn = c.filter() ? c.through().stream().map(this::arn).toList() : List.of();
        NetworkInsightsAnalysis a = InsightsTestSupport.analyze(ec2, pathId, filterIn);
        if (c.code() == null) {
            assertTrue(a.networkPathFound(), () -> "expected a path: " + a.explanations());
            assertTrue(a.explanations().isEmpty());
            assertFalse(a.forwardPathComponents().isEmpty());
            assertFalse(a.returnPathComponents().isEmpty());
            for (int i = 0; i < a.forwardPathComponents().size(); i++) {
                assertEquals(i + 1, a.forwardPathComponents().get(i).sequenceNumber());
            }
            List<String> ids = a.forwardPathComponents().stream().map(PathComponent::component)
                    .filter(x -> x != null).map(x -> x.id()).toList();
            for (String t : c.through()) {
                assertTrue(ids.contains(net.id(t)), () -> t + " not on the path " + ids);
            }
        } else {
            assertFalse(a.networkPathFound(), () -> "expected no path: " + a.forwardPathComponents());
            assertEquals(c.code(), a.explanations().get(0).explanationCode(), () -> a.explanations().toString());
            assertTrue(a.forwardPathComponents().isEmpty());
        }
    }

    private String arn(String name) {
        String id = net.id(name);
        return "arn:aws:ec2:ap-northeast-2:000000000000:resource/" + id;
    }
}
