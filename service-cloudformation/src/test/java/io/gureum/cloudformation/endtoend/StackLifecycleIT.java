package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** An update that replaces resources, and a failing resource that rolls the whole stack back. */
class StackLifecycleIT extends EndToEndSupport {
    private static final String NETWORK_AND_QUEUE = """
            Parameters:
              QueueName:
                Type: String
              SubnetCidr:
                Type: String
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.8.0.0/16
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Vpc
                  CidrBlock: !Ref SubnetCidr
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Ref QueueName
            Outputs:
              QueueUrl:
                Value: !Ref Queue
              SubnetId:
                Value: !Ref Subnet
            """;

    private static List<Parameter> parameters(String queue, String cidr) {
        return List.of(Parameter.builder().parameterKey("QueueName").parameterValue(queue).build(),
                Parameter.builder().parameterKey("SubnetCidr").parameterValue(cidr).build());
    }

    @Test
    void anUpdateOfReplacementPropertiesMakesNewResourcesAndDeletesTheOldOnes() {
        String name = unique("replace");
        String firstQueue = unique("first");
        String secondQueue = unique("second");
        cfn.createStack(b -> b.stackName(name).templateBody(NETWORK_AND_QUEUE)
                .parameters(parameters(firstQueue, "10.8.1.0/24")));
        Stack created = settle(name);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), created.stackStatusReason());
        String oldUrl = output(created, "QueueUrl");
        String oldSubnet = output(created, "SubnetId");
        String vpc = physicalId(name, "Vpc");

        // QueueName and CidrBlock are "Update requires: Replacement" (AWS::SQS::Queue, AWS::EC2::Subnet).
        cfn.updateStack(b -> b.stackName(name).templateBody(NETWORK_AND_QUEUE)
                .parameters(parameters(secondQueue, "10.8.2.0/24")));
        Stack updated = settle(name);
        assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
        String newUrl = output(updated, "QueueUrl");
        String newSubnet = output(updated, "SubnetId");
        assertNotEquals(oldUrl, newUrl);
        assertNotEquals(oldSubnet, newSubnet);
        assertEquals(vpc, physicalId(name, "Vpc"), "the VPC is untouched");

        assertTrue(newUrl.endsWith("/000000000000/" + secondQueue), newUrl);
        assertEquals(1, sqs.listQueues(b -> b.queueNamePrefix(secondQueue)).queueUrls().size());
        fails(QueueDoesNotExistException.class, 400, "AWS.SimpleQueueService.NonExistentQueue",
                () -> sqs.getQueueUrl(b -> b.queueName(firstQueue)));
        assertEquals("10.8.2.0/24", ec2.describeSubnets(b -> b.subnetIds(newSubnet)).subnets().get(0).cidrBlock());
        assertTrue(ec2.describeSubnets(b -> b.filters(filter("subnet-id", oldSubnet))).subnets().isEmpty());
        assertEquals(1, ec2.describeSubnets(b -> b.filters(filter("vpc-id", vpc))).subnets().size());

        cfn.deleteStack(b -> b.stackName(name));
        assertEquals("DELETE_COMPLETE", settle(updated.stackId()).stackStatusAsString());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("vpc-id", vpc))).vpcs().isEmpty());
    }

    @Test
    void aFailingResourceRollsTheStackBackLeavingNothing() {
        String name = unique("rollback");
        String queue = unique("doomed");
        // The subnet's CIDR is outside its VPC's: EC2 refuses it once the VPC and the queue exist.
        String id = cfn.createStack(b -> b.stackName(name).templateBody("""
                Resources:
                  Vpc:
                    Type: AWS::EC2::VPC
                    Properties:
                      CidrBlock: 10.9.0.0/16
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: %s
                  Subnet:
                    Type: AWS::EC2::Subnet
                    DependsOn: Queue
                    Properties:
                      VpcId: !Ref Vpc
                      CidrBlock: 192.168.0.0/24
                """.formatted(queue))).stackId();
        Stack s = settle(id);
        assertEquals("ROLLBACK_COMPLETE", s.stackStatusAsString());
        List<String> events = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()).toList();
        assertTrue(events.contains("Subnet CREATE_FAILED"), events.toString());
        assertTrue(events.contains("Queue DELETE_COMPLETE"), events.toString());
        assertTrue(events.contains("Vpc DELETE_COMPLETE"), events.toString());
        String reason = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream()
                .filter(e -> e.logicalResourceId().equals("Subnet") && e.resourceStatusAsString().equals(
                        "CREATE_FAILED")).findFirst().orElseThrow().resourceStatusReason();
        assertTrue(reason.contains("The CIDR '192.168.0.0/24' is invalid."), reason);

        assertTrue(sqs.listQueues(b -> b.queueNamePrefix(queue)).queueUrls().isEmpty());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("tag:aws:cloudformation:stack-name", name))).vpcs()
                .isEmpty());
        assertTrue(ec2.describeVpcs(b -> b.filters(filter("cidr", "10.9.0.0/16"))).vpcs().isEmpty());
    }
}
