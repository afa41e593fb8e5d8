package io.gureum.cloudformation.resource.ec2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The Traffic Mirroring and Block Public Access types through the SPI: what replaces them, what changes in place
 * (RemoveFields for a property taken out of the template), drift reads, and deletes of what is already gone.
 */
class MirrorAndBlockPublicAccessHandlersIT extends HandlerTestSupport {
    /** Moves the core clock while a handler waits for states that settle on it (2 s each), rather than waiting. */
    @org.junit.jupiter.api.extension.RegisterExtension
    final io.gureum.cloudformation.resource.ClockTicker ticker = new io.gureum.cloudformation.resource.ClockTicker(
            () -> gureum);

    Ec2Client ec2() {
        return client(Ec2Client.class);
    }

    @Test
    void mirroring() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        Deployed subnet = create(new SubnetHandler(), "Subnet", props("{'VpcId':'" + vpc.id()
                + "','CidrBlock':'10.0.1.0/24'}"));
        Deployed source = create(new NetworkInterfaceHandler(), "Source", props("{'SubnetId':'" + subnet.id() + "'}"));
        Deployed sink = create(new NetworkInterfaceHandler(), "Sink", props("{'SubnetId':'" + subnet.id() + "'}"));

        String targetProps = "{'NetworkInterfaceId':'" + sink.id() + "','Description':'ids'}";
        Deployed target = create(new TrafficMirrorTargetHandler(), "Target", props(targetProps));
        assertTrue(target.id().startsWith("tmt-"), target.id());
        assertEquals(target.id(), target.att("Id"));
        assertTrue(replaces(target, props("{'NetworkInterfaceId':'" + sink.id() + "','Description':'other'}")));
        assertFalse(replaces(target, props("{'NetworkInterfaceId':'" + sink.id()
                + "','Description':'ids','Tags':[{'Key':'k','Value':'v'}]}")));
        assertEquals("ids", read(target).get("Description").asText());
        // Gureum serves no Elastic Load Balancing: the load balancer does not exist, as AWS would answer.
        assertEquals("NetworkLoadBalancerNotFoundException", assertThrows(AwsServiceException.class,
                () -> create(new TrafficMirrorTargetHandler(), "Nlb", props("{'NetworkLoadBalancerArn':"
                        + "'arn:aws:elasticloadbalancing:us-east-1:" + account + ":loadbalancer/net/x/0123456789abcdef'}")))
                .awsErrorDetails().errorCode());

        Deployed filter = create(new TrafficMirrorFilterHandler(), "Filter", props("{'Description':'web'}"));
        assertTrue(replaces(filter, props("{'Description':'other'}")));
        assertFalse(replaces(filter, props("{'Description':'web','NetworkServices':['amazon-dns']}")));
        filter = update(filter, props("{'Description':'web','NetworkServices':['amazon-dns']}"));
        assertEquals("amazon-dns", read(filter).get("NetworkServices").get(0).asText());

        String fid = filter.id();
        String ruleProps = "{'TrafficMirrorFilterId':'" + fid + "','TrafficDirection':'egress','RuleNumber':5,"
                + "'RuleAction':'accept','Protocol':17,'SourcePortRange':{'FromPort':53,'ToPort':53},"
                + "'SourceCidrBlock':'0.0.0.0/0','DestinationCidrBlock':'0.0.0.0/0','Description':'dns'}";
        Deployed rule = create(new TrafficMirrorFilterRuleHandler(), "Rule", props(ruleProps));
        assertTrue(rule.id().startsWith("tmfr-"), rule.id());
        assertEquals(rule.id(), rule.att("TrafficMirrorFilterRuleId"));
        assertTrue(replaces(rule, props(ruleProps.replace(fid, "tmf-00000000000000000"))));
        // Protocol, port range and description taken out of the template go back to their defaults.
        String bare = "{'TrafficMirrorFilterId':'" + fid + "','TrafficDirection':'egress','RuleNumber':6,"
                + "'RuleAction':'reject','SourceCidrBlock':'0.0.0.0/0','DestinationCidrBlock':'0.0.0.0/0'}";
        assertFalse(replaces(rule, props(bare)));
        rule = update(rule, props(bare));
        var described = ec2().describeTrafficMirrorFilterRules(b -> b.trafficMirrorFilterRuleIds(
                "" + ec2().describeTrafficMirrorFilterRules(x -> x.trafficMirrorFilterId(fid))
                        .trafficMirrorFilterRules().get(0).trafficMirrorFilterRuleId())).trafficMirrorFilterRules().get(0);
        assertEquals(6, described.ruleNumber());
        assertEquals("reject", described.ruleActionAsString());
        assertNull(described.protocol());
        assertNull(described.sourcePortRange());
        assertNull(described.description());

        String sessionProps = "{'NetworkInterfaceId':'" + source.id() + "','TrafficMirrorTargetId':'" + target.id()
                + "','TrafficMirrorFilterId':'" + fid + "','SessionNumber':1,'PacketLength':100,'Description':'tap'}";
        Deployed session = create(new TrafficMirrorSessionHandler(), "Session", props(sessionProps));
        assertTrue(session.id().startsWith("tms-"), session.id());
        assertEquals(session.id(), session.att("Id"));
        assertTrue(replaces(session, props(sessionProps.replace(source.id(), sink.id()))));
        String smaller = "{'NetworkInterfaceId':'" + source.id() + "','TrafficMirrorTargetId':'" + target.id()
                + "','TrafficMirrorFilterId':'" + fid + "','SessionNumber':2}";
        assertFalse(replaces(session, props(smaller)));
        session = update(session, props(smaller));
        var x = ec2().describeTrafficMirrorSessions(b -> b.build()).trafficMirrorSessions().get(0);
        assertEquals(2, x.sessionNumber());
        assertNull(x.packetLength());
        assertNull(x.description());
        assertEquals(2, read(session).get("SessionNumber").asInt());

        for (Deployed d : java.util.List.of(session, rule, filter, target)) {
            delete(d);
            delete(d); // already gone: still deleted
        }
        assertNull(read(session));
        assertNull(read(target));
        for (Deployed d : java.util.List.of(sink, source, subnet, vpc)) {
            delete(d);
        }
    }

    @Test
    void blockPublicAccess() {
        Deployed vpc = create(new VpcHandler(), "Vpc", props("{'CidrBlock':'10.0.0.0/16'}"));
        Deployed e = create(new VpcBlockPublicAccessExclusionHandler(), "Exclusion", props("{'VpcId':'" + vpc.id()
                + "','InternetGatewayExclusionMode':'allow-egress'}"));
        assertTrue(e.id().startsWith("vpcbpa-exclude-"), e.id());
        assertEquals(e.id(), e.att("ExclusionId"));
        assertTrue(replaces(e, props("{'VpcId':'vpc-00000000000000000','InternetGatewayExclusionMode':'allow-egress'}")));
        assertFalse(replaces(e, props("{'VpcId':'" + vpc.id() + "','InternetGatewayExclusionMode':'allow-bidirectional'}")));
        e = update(e, props("{'VpcId':'" + vpc.id() + "','InternetGatewayExclusionMode':'allow-bidirectional'}"));
        assertEquals("allow-bidirectional", read(e).get("InternetGatewayExclusionMode").asText());
        delete(e);
        assertNull(read(e));
        delete(e);

        Deployed o = create(new VpcBlockPublicAccessOptionsHandler(), "Options", props(
                "{'InternetGatewayBlockMode':'block-ingress'}"));
        assertEquals(account, o.id());
        assertEquals("allowed", o.att("ExclusionsAllowed"));
        assertFalse(replaces(o, props("{'InternetGatewayBlockMode':'block-bidirectional'}")));
        o = update(o, props("{'InternetGatewayBlockMode':'block-bidirectional'}"));
        assertEquals("block-bidirectional", read(o).get("InternetGatewayBlockMode").asText());
        delete(o);
        assertEquals("off", ec2().describeVpcBlockPublicAccessOptions(b -> b.build()).vpcBlockPublicAccessOptions()
                .internetGatewayBlockModeAsString());

        Deployed snaps = create(new SnapshotBlockPublicAccessHandler(), "Snapshots", props(
                "{'State':'block-new-sharing'}"));
        assertEquals(account, snaps.att("AccountId"));
        snaps = update(snaps, props("{'State':'block-all-sharing'}"));
        assertEquals("block-all-sharing", read(snaps).get("State").asText());
        delete(snaps);
        assertEquals("unblocked", ec2().getSnapshotBlockPublicAccessState(b -> { }).stateAsString());
        delete(vpc);
    }
}
