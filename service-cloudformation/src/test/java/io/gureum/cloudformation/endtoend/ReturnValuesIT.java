package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The {@code Fn::GetAtt} attributes AWS's resource schemas give and Gureum's handlers lacked (issue #17, "with the
 * return values Ref and Fn::GetAtt give on AWS"), read through a deployed stack's outputs: the schemas' read-only
 * properties ({@code Id} of the legacy types, a maintenance window's {@code WindowId}, a function's
 * {@code SnapStartResponse}), and, for the types whose every property CloudFormation lets {@code Fn::GetAtt} read,
 * properties as the service reports them (a queue's default {@code DelaySeconds}) or as the template gives them.
 */
class ReturnValuesIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Resources:
              Vpc:
                Type: AWS::EC2::VPC
                Properties: {CidrBlock: 10.71.0.0/16, EnableDnsHostnames: true}
              Subnet:
                Type: AWS::EC2::Subnet
                Properties: {VpcId: !Ref Vpc, CidrBlock: 10.71.1.0/24, MapPublicIpOnLaunch: true}
              Web:
                Type: AWS::EC2::SecurityGroup
                Properties: {VpcId: !Ref Vpc, GroupDescription: web tier}
              Dlq:
                Type: AWS::SQS::Queue
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  VisibilityTimeout: 45
                  RedrivePolicy: {deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3}
              QueuePolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Queue]
                  PolicyDocument:
                    Statement: [{Effect: Allow, Principal: '*', Action: 'sqs:SendMessage', Resource: !GetAtt Queue.Arn}]
              Topic:
                Type: AWS::SNS::Topic
                Properties: {DisplayName: Alerts}
              Param:
                Type: AWS::SSM::Parameter
                Properties: {Type: String, Value: v1, Description: the course's parameter}
              Window:
                Type: AWS::SSM::MaintenanceWindow
                Properties:
                  Name: nightly
                  Schedule: rate(1 day)
                  Duration: 2
                  Cutoff: 1
                  AllowUnassociatedTargets: true
              Baseline:
                Type: AWS::SSM::PatchBaseline
                Properties: {Name: course-baseline, OperatingSystem: AMAZON_LINUX_2}
              Ops:
                Type: AWS::IAM::User
              OpsKey:
                Type: AWS::IAM::AccessKey
                Properties: {UserName: !Ref Ops}
              FnRole:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: '2012-10-17'
                    Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: 'sts:AssumeRole'}]
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: !GetAtt FnRole.Arn
                  Code:
                    ZipFile: |
                      def handler(event, context):
                          return 'ok'
              Macro:
                Type: AWS::CloudFormation::Macro
                Properties: {Name: !Sub '${AWS::StackName}-macro', FunctionName: !GetAtt Fn.Arn}
              Handle:
                Type: AWS::CloudFormation::WaitConditionHandle
              Bus:
                Type: AWS::Events::EventBus
                Properties: {Name: !Sub '${AWS::StackName}-orders', Description: orders}
            Outputs:
              VpcDnsHostnames: {Value: !GetAtt Vpc.EnableDnsHostnames}
              VpcDnsSupport: {Value: !GetAtt Vpc.EnableDnsSupport}
              VpcTenancy: {Value: !GetAtt Vpc.InstanceTenancy}
              SubnetPublic: {Value: !GetAtt Subnet.MapPublicIpOnLaunch}
              SubnetIpv6: {Value: !GetAtt Subnet.AssignIpv6AddressOnCreation}
              Web: {Value: !Ref Web}
              WebId: {Value: !GetAtt Web.Id}
              WebName: {Value: !GetAtt Web.GroupName}
              WebDescription: {Value: !GetAtt Web.GroupDescription}
              DlqArn: {Value: !GetAtt Dlq.Arn}
              QueueVisibility: {Value: !GetAtt Queue.VisibilityTimeout}
              QueueDelay: {Value: !GetAtt Queue.DelaySeconds}
              QueueRetention: {Value: !GetAtt Queue.MessageRetentionPeriod}
              QueueDeadLetter: {Value: !GetAtt Queue.RedrivePolicy.deadLetterTargetArn}
              QueueMaxReceive: {Value: !GetAtt Queue.RedrivePolicy.maxReceiveCount}
              QueuePolicy: {Value: !Ref QueuePolicy}
              QueuePolicyId: {Value: !GetAtt QueuePolicy.Id}
              TopicDisplayName: {Value: !GetAtt Topic.DisplayName}
              Param: {Value: !Ref Param}
              ParamName: {Value: !GetAtt Param.Name}
              ParamDescription: {Value: !GetAtt Param.Description}
              Window: {Value: !Ref Window}
              WindowId: {Value: !GetAtt Window.WindowId}
              Baseline: {Value: !Ref Baseline}
              BaselineId: {Value: !GetAtt Baseline.Id}
              OpsKey: {Value: !Ref OpsKey}
              OpsKeyId: {Value: !GetAtt OpsKey.Id}
              FnSnapStartApplyOn: {Value: !GetAtt Fn.SnapStartResponse.ApplyOn}
              FnSnapStartStatus: {Value: !GetAtt Fn.SnapStartResponse.OptimizationStatus}
              BusDescription: {Value: !GetAtt Bus.Description}
              Macro: {Value: !Ref Macro}
              MacroId: {Value: !GetAtt Macro.Id}
              Handle: {Value: !Ref Handle}
              HandleId: {Value: !GetAtt Handle.Id}
            """;

    @Test
    void schemaAttributesReachTheOutputs() {
        String name = unique("attrs");
        String id = cfn.createStack(b -> b.stackName(name).templateBody(TEMPLATE)
                .capabilities(Capability.CAPABILITY_IAM)).stackId();
        Stack s = settle(id);
        assertEquals("CREATE_COMPLETE", s.stackStatusAsString(), s.stackStatusReason());

        assertEquals("true", output(s, "VpcDnsHostnames"));
        assertEquals("true", output(s, "VpcDnsSupport"));
        assertEquals("default", output(s, "VpcTenancy"));
        assertEquals("true", output(s, "SubnetPublic"));
        assertEquals("false", output(s, "SubnetIpv6"));

        String web = output(s, "Web");
        assertTrue(web.startsWith("sg-"), web);
        assertEquals(web, output(s, "WebId"));
        SecurityGroup g = ec2.describeSecurityGroups(b -> b.groupIds(web)).securityGroups().get(0);
        assertEquals(g.groupName(), output(s, "WebName"));
        assertEquals("web tier", output(s, "WebDescription"));

        assertEquals("45", output(s, "QueueVisibility"));
        assertEquals("0", output(s, "QueueDelay"), "the default SQS reports, not written in the template");
        assertEquals("345600", output(s, "QueueRetention"));
        assertEquals(output(s, "DlqArn"), output(s, "QueueDeadLetter"));
        assertEquals("3", output(s, "QueueMaxReceive"));
        assertEquals(output(s, "QueuePolicy"), output(s, "QueuePolicyId"));
        assertEquals("Alerts", output(s, "TopicDisplayName"));

        assertEquals(output(s, "Param"), output(s, "ParamName"));
        assertEquals("the course's parameter", output(s, "ParamDescription"));
        assertTrue(output(s, "Window").startsWith("mw-"), output(s, "Window"));
        assertEquals(output(s, "Window"), output(s, "WindowId"));
        assertTrue(output(s, "Baseline").startsWith("pb-"), output(s, "Baseline"));
        assertEquals(output(s, "Baseline"), output(s, "BaselineId"));
        assertTrue(output(s, "OpsKey").startsWith("AKIA"), output(s, "OpsKey"));
        assertEquals(output(s, "OpsKey"), output(s, "OpsKeyId"));
        assertEquals("None", output(s, "FnSnapStartApplyOn"));
        assertEquals("Off", output(s, "FnSnapStartStatus"));
        assertEquals("orders", output(s, "BusDescription"));
        assertEquals(name + "-macro", output(s, "Macro"));
        assertEquals(output(s, "Macro"), output(s, "MacroId"));
        assertTrue(output(s, "Handle").contains("/_gureum/cloudformation/waitcondition/"), output(s, "Handle"));
        assertEquals(output(s, "Handle"), output(s, "HandleId"));

        // An update in place keeps them, with the new values.
        String updated = TEMPLATE.replace("VisibilityTimeout: 45", "VisibilityTimeout: 50")
                .replace("DisplayName: Alerts", "DisplayName: Pager");
        cfn.updateStack(b -> b.stackName(id).templateBody(updated).capabilities(Capability.CAPABILITY_IAM));
        s = settle(id);
        assertEquals("UPDATE_COMPLETE", s.stackStatusAsString(), s.stackStatusReason());
        assertEquals("50", output(s, "QueueVisibility"));
        assertEquals("0", output(s, "QueueDelay"));
        assertEquals("Pager", output(s, "TopicDisplayName"));
        assertEquals(output(s, "Window"), output(s, "WindowId"));
        assertEquals(output(s, "OpsKey"), output(s, "OpsKeyId"));
        assertEquals("Off", output(s, "FnSnapStartStatus"));

        cfn.deleteStack(b -> b.stackName(id));
        assertEquals("DELETE_COMPLETE", settle(id).stackStatusAsString());
    }
}
