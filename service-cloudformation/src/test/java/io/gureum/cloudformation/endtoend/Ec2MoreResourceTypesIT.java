package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.CapacityReservation;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.NetworkInsightsPath;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * AWS::EC2::VPNGatewayRoutePropagation, GatewayRouteTableAssociation, CapacityReservation, NetworkInsightsPath,
 * NetworkInsightsAccessScope, their analyses and TransitGatewayVpcAttachment deployed by CreateStack, changed in
 * place and by replacement with UpdateStack, removed by DeleteStack, each read back through EC2.
 */
class Ec2MoreResourceTypesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Count: {Type: Number}
              IngressTable: {Type: String, AllowedValues: [first, second]}
              Propagate: {Type: String, AllowedValues: [one, both]}
              Port: {Type: Number}
              Team: {Type: String}
              Filter: {Type: String, Default: none}
              Analyze: {Type: String, Default: 'yes'}
            Conditions:
              ToSecond: !Equals [!Ref IngressTable, second]
              Both: !Equals [!Ref Propagate, both]
              Filtered: !Equals [!Ref Filter, filtered]
              Analyzed: !Equals [!Ref Analyze, 'yes']
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.40.0.0/16}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Vpc
                  CidrBlock: 10.40.1.0/24
                  AvailabilityZone: !Select [0, !GetAZs '']
              First:
                Type: AWS::EC2::RouteTable
                Properties: {VpcId: !Ref Vpc}
              Second:
                Type: AWS::EC2::RouteTable
                Properties: {VpcId: !Ref Vpc}
              Igw:
                Type: AWS::EC2::InternetGateway
              IgwAttachment:
                Type: AWS::EC2::VPCGatewayAttachment
                Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
              Vgw:
                Type: AWS::EC2::VPNGateway
                Properties: {Type: ipsec.1}
              VgwAttachment:
                Type: AWS::EC2::VPCGatewayAttachment
                Properties: {VpcId: !Ref Vpc, VpnGatewayId: !Ref Vgw}
              Propagation:
                Type: AWS::EC2::VPNGatewayRoutePropagation
                DependsOn: VgwAttachment
                Properties:
                  VpnGatewayId: !Ref Vgw
                  RouteTableIds: !If [Both, [!Ref First, !Ref Second], [!Ref First]]
              Ingress:
                Type: AWS::EC2::GatewayRouteTableAssociation
                DependsOn: IgwAttachment
                Properties:
                  GatewayId: !Ref Igw
                  RouteTableId: !If [ToSecond, !Ref Second, !Ref First]
              Reservation:
                Type: AWS::EC2::CapacityReservation
                Properties:
                  InstanceType: t3.micro
                  InstancePlatform: Linux/UNIX
                  AvailabilityZone: !Select [0, !GetAZs '']
                  InstanceCount: !Ref Count
                  TagSpecifications:
                    - ResourceType: capacity-reservation
                      Tags: [{Key: team, Value: course}]
              Eni:
                Type: AWS::EC2::NetworkInterface
                Properties: {SubnetId: !Ref Subnet}
              Path:
                Type: AWS::EC2::NetworkInsightsPath
                Properties:
                  Source: !Ref Eni
                  Destination: !Ref Igw
                  Protocol: tcp
                  DestinationPort: !Ref Port
                  Tags: [{Key: team, Value: !Ref Team}]
              Analysis:
                Type: AWS::EC2::NetworkInsightsAnalysis
                Condition: Analyzed
                Properties:
                  NetworkInsightsPathId: !Ref Path
                  FilterInArns: !If
                    - Filtered
                    - [!Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:internet-gateway/${Igw}']
                    - !Ref AWS::NoValue
              Scope:
                Type: AWS::EC2::NetworkInsightsAccessScope
                Properties:
                  MatchPaths:
                    - Source: {ResourceStatement: {ResourceTypes: ['AWS::EC2::NetworkInterface']}}
                      Destination: {ResourceStatement: {ResourceTypes: ['AWS::EC2::InternetGateway']}}
              ScopeAnalysis:
                Type: AWS::EC2::NetworkInsightsAccessScopeAnalysis
                Properties: {NetworkInsightsAccessScopeId: !Ref Scope}
              Tgw:
                Type: AWS::EC2::TransitGateway
              TgwAttachment:
                Type: AWS::EC2::TransitGatewayVpcAttachment
                Properties:
                  TransitGatewayId: !Ref Tgw
                  VpcId: !Ref Vpc
                  SubnetIds: [!Ref Subnet]
                  Tags: [{Key: team, Value: !Ref Team}]
            Outputs:
              Vgw: {Value: !Ref Vgw}
              Igw: {Value: !Ref Igw}
              IgwArn: {Value: !Sub 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:internet-gateway/${Igw}'}
              First: {Value: !Ref First}
              Second: {Value: !Ref Second}
              PropagationRef: {Value: !Ref Propagation}
              IngressRef: {Value: !Ref Ingress}
              IngressId: {Value: !GetAtt Ingress.AssociationId}
              ReservationRef: {Value: !Ref Reservation}
              ReservationTotal: {Value: !GetAtt Reservation.TotalInstanceCount}
              ReservationAvailable: {Value: !GetAtt Reservation.AvailableInstanceCount}
              ReservationType: {Value: !GetAtt Reservation.InstanceType}
              ReservationZone: {Value: !GetAtt Reservation.AvailabilityZone}
              ReservationTenancy: {Value: !GetAtt Reservation.Tenancy}
              PathRef: {Value: !Ref Path}
              PathArn: {Value: !GetAtt Path.NetworkInsightsPathArn}
              PathSourceArn: {Value: !GetAtt Path.SourceArn}
              AnalysisRef: {Value: !Ref Analysis, Condition: Analyzed}
              AnalysisStatus: {Value: !GetAtt Analysis.Status, Condition: Analyzed}
              AnalysisFound: {Value: !GetAtt Analysis.NetworkPathFound, Condition: Analyzed}
              ScopeRef: {Value: !Ref Scope}
              ScopeArn: {Value: !GetAtt Scope.NetworkInsightsAccessScopeArn}
              ScopeAnalysisRef: {Value: !Ref ScopeAnalysis}
              ScopeAnalysisStatus: {Value: !GetAtt ScopeAnalysis.Status}
              ScopeFindings: {Value: !GetAtt ScopeAnalysis.FindingsFound}
              TgwAttachmentRef: {Value: !Ref TgwAttachment}
              TgwAttachmentId: {Value: !GetAtt TgwAttachment.Id}
            """;

    private static List<Parameter> parameters(int count, String ingress, String propagate, int port, String team) {
        return parameters(count, ingress, propagate, port, team, "none");
    }

    private static List<Parameter> parameters(int count, String ingress, String propagate, int port, String team,
            String filter) {
        return parameters(count, ingress, propagate, port, team, filter, "yes");
    }

    private static List<Parameter> parameters(int count, String ingress, String propagate, int port, String team,
            String filter, String analyze) {
        return List.of(p("Count", String.valueOf(count)), p("IngressTable", ingress), p("Propagate", propagate),
                p("Port", String.valueOf(port)), p("Team", team), p("Filter", filter), p("Analyze", analyze));
    }

    private static Parameter p(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    private static Stack settled(String stack, String expected) {
        Stack s = settle(stack);
        assertEquals(expected, s.stackStatusAsString(), cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents()
                .stream().filter(e -> e.resourceStatusReason() != null).map(e -> e.logicalResourceId() + ": "
                        + e.resourceStatusReason()).collect(Collectors.joining("\n")));
        return s;
    }

    private static RouteTable table(String id) {
        return ec2.describeRouteTables(b -> b.routeTableIds(id)).routeTables().get(0);
    }

    private static List<String> propagating(String table) {
        return table(table).propagatingVgws().stream().map(v -> v.gatewayId()).toList();
    }

    private static List<String> gatewayAssociations(String table) {
        return table(table).associations().stream().map(RouteTableAssociation::gatewayId)
                .filter(g -> g != null).toList();
    }

    private static CapacityReservation reservation(String id) {
        return ec2.describeCapacityReservations(b -> b.capacityReservationIds(id)).capacityReservations().get(0);
    }

    private static String tag(List<Tag> tags, String key) {
        return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    @Test
    void typesAreCreatedUpdatedReplacedAndDeleted() {
        String name = unique("ec2-more");
        cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters(1, "first", "one", 443,
                "a")));
        Stack created = settled(name, "CREATE_COMPLETE");
        String vgw = output(created, "Vgw");
        String igw = output(created, "Igw");
        String first = output(created, "First");
        String second = output(created, "Second");

        assertTrue(output(created, "PropagationRef").startsWith(name + "-Propagation-"), output(created,
                "PropagationRef"));
        assertEquals(List.of(vgw), propagating(first));
        assertEquals(List.of(), propagating(second));

        assertEquals(igw, output(created, "IngressRef"));
        String association = output(created, "IngressId");
        assertTrue(association.startsWith("rtbassoc-"), association);
        assertEquals(List.of(igw), gatewayAssociations(first));

        String reservation = output(created, "ReservationRef");
        assertTrue(reservation.startsWith("cr-"), reservation);
        assertEquals("1", output(created, "ReservationTotal"));
        assertEquals("1", output(created, "ReservationAvailable"));
        assertEquals("t3.micro", output(created, "ReservationType"));
        assertEquals("us-east-1a", output(created, "ReservationZone"));
        assertEquals("default", output(created, "ReservationTenancy"));
        CapacityReservation cr = reservation(reservation);
        assertEquals("course", tag(cr.tags(), "team"));
        assertEquals(name, tag(cr.tags(), "aws:cloudformation:stack-name"));

        String path = output(created, "PathRef");
        NetworkInsightsPath nip = ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(path))
                .networkInsightsPaths().get(0);
        assertEquals(nip.networkInsightsPathArn(), output(created, "PathArn"));
        assertEquals(nip.sourceArn(), output(created, "PathSourceArn"));
        assertEquals(443, nip.destinationPort());
        assertEquals("a", tag(nip.tags(), "team"));
        String analysis = output(created, "AnalysisRef");
        assertTrue(analysis.startsWith("nia-"), analysis);
        assertEquals("succeeded", output(created, "AnalysisStatus"));
        assertEquals(String.valueOf(ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(analysis))
                .networkInsightsAnalyses().get(0).networkPathFound()), output(created, "AnalysisFound"));

        String scope = output(created, "ScopeRef");
        assertTrue(scope.startsWith("nis-"), scope);
        assertTrue(output(created, "ScopeArn").endsWith(scope), output(created, "ScopeArn"));
        String scopeAnalysis = output(created, "ScopeAnalysisRef");
        assertTrue(scopeAnalysis.startsWith("nisa-"), scopeAnalysis);
        assertEquals("succeeded", output(created, "ScopeAnalysisStatus"));
        assertEquals(ec2.describeNetworkInsightsAccessScopeAnalyses(b -> b.networkInsightsAccessScopeAnalysisIds(
                scopeAnalysis)).networkInsightsAccessScopeAnalyses().get(0).findingsFoundAsString(),
                output(created, "ScopeFindings"));

        String attachment = output(created, "TgwAttachmentRef");
        assertEquals(attachment, output(created, "TgwAttachmentId"));
        assertEquals("a", tag(ec2.describeTransitGatewayVpcAttachments(b -> b.transitGatewayAttachmentIds(attachment))
                .transitGatewayVpcAttachments().get(0).tags(), "team"));

        // In place: the count, the ingress table, the propagated tables, the tags.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters(2, "second", "both", 443,
                "b")));
        Stack inPlace = settled(name, "UPDATE_COMPLETE");
        assertEquals(reservation, output(inPlace, "ReservationRef"));
        assertEquals("2", output(inPlace, "ReservationTotal"));
        assertEquals(2, reservation(reservation).totalInstanceCount());
        assertEquals(output(created, "PropagationRef"), output(inPlace, "PropagationRef"));
        assertEquals(List.of(vgw), propagating(first));
        assertEquals(List.of(vgw), propagating(second));
        assertEquals(List.of(), gatewayAssociations(first));
        assertEquals(List.of(igw), gatewayAssociations(second));
        assertEquals(igw, output(inPlace, "IngressRef"));
        assertEquals(output(inPlace, "IngressId"), table(second).associations().stream()
                .filter(a -> igw.equals(a.gatewayId())).findFirst().orElseThrow().routeTableAssociationId());
        assertEquals(path, output(inPlace, "PathRef"));
        assertEquals("b", tag(ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(path))
                .networkInsightsPaths().get(0).tags(), "team"));
        assertEquals(analysis, output(inPlace, "AnalysisRef"));
        assertEquals(attachment, output(inPlace, "TgwAttachmentRef"));
        assertEquals("b", tag(ec2.describeTransitGatewayVpcAttachments(b -> b.transitGatewayAttachmentIds(attachment))
                .transitGatewayVpcAttachments().get(0).tags(), "team"));

        // Replacement: a filter gives a new analysis of the same path; the old one is deleted.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters(2, "second", "one", 443,
                "b", "filtered")));
        Stack replaced = settled(name, "UPDATE_COMPLETE");
        String analysis2 = output(replaced, "AnalysisRef");
        assertNotEquals(analysis, analysis2);
        assertEquals("succeeded", output(replaced, "AnalysisStatus"));
        assertEquals(List.of(output(replaced, "IgwArn")), ec2.describeNetworkInsightsAnalyses(b -> b
                .networkInsightsAnalysisIds(analysis2)).networkInsightsAnalyses().get(0).filterInArns());
        fails(Ec2Exception.class, 400, "InvalidNetworkInsightsAnalysisId.NotFound",
                () -> ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(analysis)));
        assertEquals(path, output(replaced, "PathRef"));
        assertEquals(List.of(), propagating(second));

        // A new port replaces the path and so its analysis; cleanup deletes the old analysis before the old
        // path it analysed (dependants first), so neither is left DELETE_FAILED.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters(2, "second", "one", 80,
                "b", "filtered")));
        Stack newPath = settled(name, "UPDATE_COMPLETE");
        String path2 = output(newPath, "PathRef");
        assertNotEquals(path, path2);
        assertEquals(80, ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(path2)).networkInsightsPaths()
                .get(0).destinationPort());
        String analysis3 = output(newPath, "AnalysisRef");
        assertNotEquals(analysis2, analysis3);
        assertEquals(path2, ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(analysis3))
                .networkInsightsAnalyses().get(0).networkInsightsPathId());
        fails(Ec2Exception.class, 400, "InvalidNetworkInsightsAnalysisId.NotFound",
                () -> ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(analysis2)));
        fails(Ec2Exception.class, 400, "InvalidNetworkInsightsPathId.NotFound",
                () -> ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(path)));
        assertEquals(List.of(), cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream()
                .filter(e -> "DELETE_FAILED".equals(e.resourceStatusAsString())).map(e -> e.logicalResourceId())
                .toList());

        // Without its analysis (the condition off), the stack removes the analysis.
        cfn.updateStack(b -> b.stackName(name).templateBody(TEMPLATE).parameters(parameters(2, "second", "one", 80,
                "b", "filtered", "no")));
        settled(name, "UPDATE_COMPLETE");
        fails(Ec2Exception.class, 400, "InvalidNetworkInsightsAnalysisId.NotFound",
                () -> ec2.describeNetworkInsightsAnalyses(b -> b.networkInsightsAnalysisIds(analysis3)));

        cfn.deleteStack(b -> b.stackName(name));
        settled(newPath.stackId(), "DELETE_COMPLETE");
        assertEquals("cancelled", reservation(reservation).stateAsString());
        fails(Ec2Exception.class, 400, "InvalidNetworkInsightsPathId.NotFound",
                () -> ec2.describeNetworkInsightsPaths(b -> b.networkInsightsPathIds(path2)));
        fails(Ec2Exception.class, 400, "InvalidNetworkInsightsAccessScopeId.NotFound",
                () -> ec2.describeNetworkInsightsAccessScopes(b -> b.networkInsightsAccessScopeIds(scope)));
    }
}
