package io.gureum.cloudformation.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.testing.AwsClients;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AssociationDoesNotExistException;

/**
 * AWS::SSM::Association (Ref = AssociationId), AWS::SSM::ResourceDataSync (Ref = SyncName) to a bucket of the
 * stack and AWS::SSM::ResourcePolicy (Ref = PolicyId, GetAtt PolicyHash) on an advanced parameter, deployed by
 * CreateStack, updated and deleted.
 */
class SsmStateManagerStackIT extends EndToEndSupport {
    private static final String TEMPLATE = """
            Parameters:
              Level: {Type: String}
            Resources:
              Configure:
                Type: AWS::SSM::Document
                Properties:
                  DocumentType: Command
                  Content:
                    schemaVersion: '2.2'
                    description: Configures
                    parameters:
                      level: {type: String}
                    mainSteps:
                      - action: aws:runShellScript
                        name: configure
                        inputs:
                          runCommand: ['echo {{level}}']
              Nightly:
                Type: AWS::SSM::Association
                Properties:
                  Name: !Ref Configure
                  AssociationName: !Sub '${AWS::StackName}-nightly'
                  ScheduleExpression: cron(0 2 ? * * *)
                  Targets:
                    - Key: tag:env
                      Values: [dev]
                  Parameters:
                    level: [!Ref Level]
              Inventory:
                Type: AWS::S3::Bucket
              Sync:
                Type: AWS::SSM::ResourceDataSync
                Properties:
                  SyncName: !Sub '${AWS::StackName}-sync'
                  BucketName: !Ref Inventory
                  BucketRegion: !Ref AWS::Region
                  SyncFormat: JsonSerDe
              Shared:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: !Sub '${AWS::StackName}-shared'
                  Type: String
                  Value: v
                  Tier: Advanced
              Sharing:
                Type: AWS::SSM::ResourcePolicy
                Properties:
                  ResourceArn: !Sub 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Shared}'
                  Policy:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Principal: {AWS: '111122223333'}
                        Action: ssm:GetParameter
                        Resource: !Sub 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Shared}'
            Outputs:
              AssociationId: {Value: !Ref Nightly}
              AssociationIdAtt: {Value: !GetAtt Nightly.AssociationId}
              SyncName: {Value: !Ref Sync}
              PolicyId: {Value: !Ref Sharing}
              PolicyHash: {Value: !GetAtt Sharing.PolicyHash}
              ParameterArn: {Value: !Sub 'arn:aws:ssm:${AWS::Region}:${AWS::AccountId}:parameter/${Shared}'}
            """;

    @Test
    void associationSyncAndPolicyAreDeployedUpdatedAndDeleted() {
        String stack = unique("statemgr");
        cfn.createStack(b -> b.stackName(stack).templateBody(TEMPLATE)
                .parameters(p -> p.parameterKey("Level").parameterValue("low")));
        Stack created = settle(stack);
        assertEquals("CREATE_COMPLETE", created.stackStatusAsString(), () -> cfn.describeStackEvents(b -> b
                .stackName(created.stackId())).stackEvents().stream().filter(e -> e.resourceStatusReason() != null)
                .map(e -> e.logicalResourceId() + ": " + e.resourceStatusReason()).toList().toString());
        String id = output(created, "AssociationId");
        assertEquals(id, output(created, "AssociationIdAtt"));
        assertEquals(stack + "-sync", output(created, "SyncName"));
        String arn = output(created, "ParameterArn");
        try (SsmClient ssm = AwsClients.client(SsmClient.builder(), gureum)) {
            var a = ssm.describeAssociation(b -> b.associationId(id)).associationDescription();
            assertEquals(stack + "-nightly", a.associationName());
            assertEquals(Map.of("level", List.of("low")), a.parameters());
            assertTrue(ssm.listResourceDataSync(b -> b.syncType("SyncToDestination")).resourceDataSyncItems().stream()
                    .anyMatch(s -> s.syncName().equals(stack + "-sync")));
            var policies = ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies();
            assertEquals(1, policies.size());
            assertEquals(output(created, "PolicyId"), policies.get(0).policyId());
            assertEquals(output(created, "PolicyHash"), policies.get(0).policyHash());

            cfn.updateStack(b -> b.stackName(stack).templateBody(TEMPLATE)
                    .parameters(p -> p.parameterKey("Level").parameterValue("high")));
            Stack updated = settle(stack);
            assertEquals("UPDATE_COMPLETE", updated.stackStatusAsString(), updated.stackStatusReason());
            assertEquals(id, output(updated, "AssociationId"), "the association is updated in place");
            var now = ssm.describeAssociation(b -> b.associationId(id)).associationDescription();
            assertEquals("2", now.associationVersion());
            assertEquals(Map.of("level", List.of("high")), now.parameters());

            cfn.deleteStack(b -> b.stackName(stack));
            assertEquals("DELETE_COMPLETE", settle(updated.stackId()).stackStatusAsString());
            assertThrows(AssociationDoesNotExistException.class, () -> ssm.describeAssociation(b -> b
                    .associationId(id)));
            assertTrue(ssm.listResourceDataSync(b -> b.syncType("SyncToDestination")).resourceDataSyncItems().stream()
                    .noneMatch(s -> s.syncName().equals(stack + "-sync")));
        }
    }
}
