package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.FlowLog;
import software.amazon.awssdk.services.ec2.model.Tag;

/** {@code AWS::EC2::FlowLog} deployed, retagged and removed through CloudFormation, checked through EC2. */
class Ec2FlowLogIT extends EndToEndSupport {
    private static String template(String team, String vpcFormat, String prefix) {
        return """
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties: {CidrBlock: 10.0.0.0/16}
                  ToLogs:
                    Type: AWS::EC2::FlowLog
                    Properties:
                      ResourceId: !Ref Vpc
                      ResourceType: VPC
                      TrafficType: ALL
                      LogGroupName: cfn-flows
                      DeliverLogsPermissionArn: arn:aws:iam::123456789012:role/flow-logs
                      Tags: [{Key: team, Value: %s}]
                  ToBucket:
                    Type: AWS::EC2::FlowLog
                    Properties:
                      ResourceId: !Ref Vpc
                      ResourceType: VPC
                      TrafficType: REJECT
                      LogDestinationType: s3
                      LogDestination: arn:aws:s3:::flow-bucket/%s
                      LogFormat: '%s'
                      MaxAggregationInterval: 60
                      DestinationOptions: {FileFormat: parquet, HiveCompatiblePartitions: true, PerHourPartition: false}
                Outputs:
                  LogsRef: {Value: !Ref ToLogs}
                  LogsId: {Value: !GetAtt ToLogs.Id}
                  BucketRef: {Value: !Ref ToBucket}
                """.formatted(team, prefix, vpcFormat);
    }

    private static String reasons(String stack) {
        return cfn.describeStackEvents(b -> b.stackName(stack)).stackEvents().stream()
                .filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString() + ": " + e.resourceStatusReason())
                .collect(Collectors.joining("\n"));
    }

    @Test
    void flowLogsDeployUpdateAndDelete() {
        String name = unique("flowlogs");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(template("a", "${version} ${srcaddr}", "prefix")))
                .stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), reasons(name));
        String logs = output(s, "LogsRef");
        String bucket = output(s, "BucketRef");
        assertEquals(logs, output(s, "LogsId"));
        FlowLog f = ec2.describeFlowLogs(b -> b.flowLogIds(logs)).flowLogs().get(0);
        assertEquals("cfn-flows", f.logGroupName());
        assertEquals(physicalId(name, "Vpc"), f.resourceId());
        assertTrue(f.tags().contains(Tag.builder().key("team").value("a").build()), f.tags().toString());
        FlowLog b3 = ec2.describeFlowLogs(b -> b.flowLogIds(bucket)).flowLogs().get(0);
        assertEquals("arn:aws:s3:::flow-bucket/prefix", b3.logDestination());
        assertEquals("${version} ${srcaddr}", b3.logFormat());
        assertEquals("parquet", b3.destinationOptions().fileFormatAsString());
        assertEquals(60, b3.maxAggregationInterval());

        // Tags change in place; a new format and prefix replace the flow log (the new one is made before the old
        // one goes, so a change of LogFormat alone would meet FlowLogAlreadyExists: same destination and traffic).
        cfn.updateStack(b -> b.stackName(name).templateBody(template("b", "${version} ${dstaddr}", "other")));
        s = settle(name);
        assertEquals("UPDATE_COMPLETE", s.stackStatusAsString(), reasons(name));
        assertEquals(logs, output(s, "LogsRef"));
        assertTrue(ec2.describeFlowLogs(b -> b.flowLogIds(logs)).flowLogs().get(0).tags()
                .contains(Tag.builder().key("team").value("b").build()));
        String replaced = output(s, "BucketRef");
        assertTrue(!replaced.equals(bucket), "replaced");
        assertEquals(List.of(), ec2.describeFlowLogs(b -> b.flowLogIds(bucket)).flowLogs());

        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString(), reasons(id));
        assertEquals(List.of(), ec2.describeFlowLogs(b -> b.flowLogIds(logs, replaced)).flowLogs());
    }

    @Test
    void anUnsuccessfulItemFailsTheResource() {
        String name = unique("flowlog-bad");
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Log:
                    Type: AWS::EC2::FlowLog
                    Properties:
                      ResourceId: vpc-0123456789abcdef0
                      ResourceType: VPC
                      TrafficType: ALL
                      LogDestinationType: s3
                      LogDestination: arn:aws:s3:::b
                """)).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString(), reasons(name));
        assertTrue(reasons(name).contains("vpc-0123456789abcdef0"), reasons(name));
    }
}
