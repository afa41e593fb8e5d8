package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorFilter;
import software.amazon.awssdk.services.ec2.model.TrafficMirrorSession;
import software.amazon.awssdk.services.ec2.model.VpcBlockPublicAccessExclusion;

/**
 * AWS::EC2::TrafficMirrorTarget, TrafficMirrorFilter, TrafficMirrorFilterRule, TrafficMirrorSession,
 * VPCBlockPublicAccessOptions, VPCBlockPublicAccessExclusion and SnapshotBlockPublicAccess deployed, updated in place and deleted through
 * CloudFormation, and checked through EC2.
 */
class Ec2MirrorAndBlockPublicAccessTypesIT extends EndToEndSupport {

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    private static String template(int ruleNumber, int packetLength, String services, String exclusionMode,
            String blockMode) {
        return """
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties: {CidrBlock: 10.80.0.0/16}
                  Subnet:
                    Type: AWS::EC2::Subnet
                    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.80.1.0/24}
                  Source:
                    Type: AWS::EC2::NetworkInterface
                    Properties: {SubnetId: !Ref Subnet}
                  Sink:
                    Type: AWS::EC2::NetworkInterface
                    Properties: {SubnetId: !Ref Subnet}
                  Target:
                    Type: AWS::EC2::TrafficMirrorTarget
                    Properties:
                      NetworkInterfaceId: !Ref Sink
                      Description: ids
                      Tags: [{Key: Name, Value: ids}]
                  Filter:
                    Type: AWS::EC2::TrafficMirrorFilter
                    Properties:
                      Description: web
                      NetworkServices: %s
                  Rule:
                    Type: AWS::EC2::TrafficMirrorFilterRule
                    Properties:
                      TrafficMirrorFilterId: !Ref Filter
                      TrafficDirection: ingress
                      RuleNumber: %d
                      RuleAction: accept
                      Protocol: 6
                      DestinationPortRange: {FromPort: 443, ToPort: 443}
                      SourceCidrBlock: 0.0.0.0/0
                      DestinationCidrBlock: 10.80.0.0/16
                  Session:
                    Type: AWS::EC2::TrafficMirrorSession
                    Properties:
                      NetworkInterfaceId: !Ref Source
                      TrafficMirrorTargetId: !Ref Target
                      TrafficMirrorFilterId: !Ref Filter
                      SessionNumber: 1
                      PacketLength: %d
                      VirtualNetworkId: 4242
                  Exclusion:
                    Type: AWS::EC2::VPCBlockPublicAccessExclusion
                    Properties:
                      SubnetId: !Ref Subnet
                      InternetGatewayExclusionMode: %s
                  Options:
                    Type: AWS::EC2::VPCBlockPublicAccessOptions
                    Properties: {InternetGatewayBlockMode: %s}
                  Snapshots:
                    Type: AWS::EC2::SnapshotBlockPublicAccess
                    Properties: {State: %s}
                Outputs:
                  Target: {Value: !Ref Target}
                  TargetId: {Value: !GetAtt Target.Id}
                  Filter: {Value: !Ref Filter}
                  FilterId: {Value: !GetAtt Filter.Id}
                  Rule: {Value: !Ref Rule}
                  RuleId: {Value: !GetAtt Rule.TrafficMirrorFilterRuleId}
                  Session: {Value: !Ref Session}
                  SessionId: {Value: !GetAtt Session.Id}
                  Exclusion: {Value: !Ref Exclusion}
                  ExclusionId: {Value: !GetAtt Exclusion.ExclusionId}
                  Options: {Value: !Ref Options}
                  OptionsAccount: {Value: !GetAtt Options.AccountId}
                  ExclusionsAllowed: {Value: !GetAtt Options.ExclusionsAllowed}
                  Snapshots: {Value: !Ref Snapshots}
                  SnapshotsAccount: {Value: !GetAtt Snapshots.AccountId}
                """.formatted(services, ruleNumber, packetLength, exclusionMode, blockMode,
                blockMode.equals("block-bidirectional") ? "block-all-sharing" : "block-new-sharing");
    }

    @Test
    void deployUpdateAndDelete() {
        String name = unique("mirror");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(template(100, 128, "[amazon-dns]",
                "allow-egress", "block-bidirectional"))).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(id));
        String account = id.split(":")[4];

        String target = output(s, "Target");
        assertTrue(target.startsWith("tmt-"), target);
        assertEquals(target, output(s, "TargetId"));
        assertEquals("ids", ec2.describeTrafficMirrorTargets(b -> b.trafficMirrorTargetIds(target))
                .trafficMirrorTargets().get(0).description());
        String filterId = output(s, "Filter");
        assertEquals(filterId, output(s, "FilterId"));
        String rule = output(s, "Rule");
        assertEquals(rule, output(s, "RuleId"));
        TrafficMirrorFilter f = ec2.describeTrafficMirrorFilters(b -> b.trafficMirrorFilterIds(filterId))
                .trafficMirrorFilters().get(0);
        assertEquals("amazon-dns", f.networkServicesAsStrings().get(0));
        assertEquals(rule, f.ingressFilterRules().get(0).trafficMirrorFilterRuleId());
        assertEquals(100, f.ingressFilterRules().get(0).ruleNumber());
        String session = output(s, "Session");
        assertEquals(session, output(s, "SessionId"));
        TrafficMirrorSession x = ec2.describeTrafficMirrorSessions(b -> b.trafficMirrorSessionIds(session))
                .trafficMirrorSessions().get(0);
        assertEquals(128, x.packetLength());
        assertEquals(4242, x.virtualNetworkId());
        assertEquals(target, x.trafficMirrorTargetId());

        String exclusion = output(s, "Exclusion");
        assertTrue(exclusion.startsWith("vpcbpa-exclude-"), exclusion);
        assertEquals(exclusion, output(s, "ExclusionId"));
        VpcBlockPublicAccessExclusion e = ec2.describeVpcBlockPublicAccessExclusions(b -> b.exclusionIds(exclusion))
                .vpcBlockPublicAccessExclusions().get(0);
        assertEquals("create-complete", e.stateAsString());
        assertEquals("allow-egress", e.internetGatewayExclusionModeAsString());
        assertEquals(account, output(s, "Options"));
        assertEquals(account, output(s, "OptionsAccount"));
        assertEquals("allowed", output(s, "ExclusionsAllowed"));
        var o = ec2.describeVpcBlockPublicAccessOptions(b -> b.build()).vpcBlockPublicAccessOptions();
        assertEquals("block-bidirectional", o.internetGatewayBlockModeAsString());
        assertEquals("update-complete", o.stateAsString());
        assertEquals(account, output(s, "Snapshots"));
        assertEquals(account, output(s, "SnapshotsAccount"));
        assertEquals("block-all-sharing", ec2.getSnapshotBlockPublicAccessState(b -> { }).stateAsString());

        // In place: the same physical ids after the update.
        cfn.updateStack(b -> b.stackName(id).templateBody(template(110, 256, "[]", "allow-bidirectional",
                "block-ingress")));
        Stack u = settle(id);
        assertEquals("UPDATE_COMPLETE", u.stackStatusAsString(), reasons(id));
        assertEquals(rule, output(u, "Rule"));
        assertEquals(session, output(u, "Session"));
        assertEquals(exclusion, output(u, "Exclusion"));
        f = ec2.describeTrafficMirrorFilters(b -> b.trafficMirrorFilterIds(filterId)).trafficMirrorFilters().get(0);
        assertTrue(f.networkServices().isEmpty());
        assertEquals(110, f.ingressFilterRules().get(0).ruleNumber());
        assertEquals(256, ec2.describeTrafficMirrorSessions(b -> b.trafficMirrorSessionIds(session))
                .trafficMirrorSessions().get(0).packetLength());
        assertEquals("allow-bidirectional", ec2.describeVpcBlockPublicAccessExclusions(b -> b.exclusionIds(exclusion))
                .vpcBlockPublicAccessExclusions().get(0).internetGatewayExclusionModeAsString());
        assertEquals("block-ingress", ec2.describeVpcBlockPublicAccessOptions(b -> b.build())
                .vpcBlockPublicAccessOptions().internetGatewayBlockModeAsString());
        assertEquals("block-new-sharing", ec2.getSnapshotBlockPublicAccessState(b -> { }).stateAsString());

        cfn.deleteStack(b -> b.stackName(id));
        Stack gone = settle(id);
        assertEquals("DELETE_COMPLETE", gone.stackStatusAsString(), reasons(id));
        assertTrue(ec2.describeTrafficMirrorSessions(b -> b.filters(filter("traffic-mirror-session-id", session)))
                .trafficMirrorSessions().isEmpty());
        assertTrue(ec2.describeTrafficMirrorTargets(b -> b.filters(filter("traffic-mirror-target-id", target)))
                .trafficMirrorTargets().isEmpty());
        assertTrue(ec2.describeTrafficMirrorFilters(b -> b.filters(filter("traffic-mirror-filter-id", filterId)))
                .trafficMirrorFilters().isEmpty());
        assertTrue(ec2.describeVpcBlockPublicAccessExclusions(b -> b.filters(filter("state", "create-complete",
                "update-complete"))).vpcBlockPublicAccessExclusions().stream()
                .noneMatch(y -> y.exclusionId().equals(exclusion)));
        assertEquals("off", ec2.describeVpcBlockPublicAccessOptions(b -> b.build()).vpcBlockPublicAccessOptions()
                .internetGatewayBlockModeAsString());
        assertEquals("unblocked", ec2.getSnapshotBlockPublicAccessState(b -> { }).stateAsString());
    }
}
