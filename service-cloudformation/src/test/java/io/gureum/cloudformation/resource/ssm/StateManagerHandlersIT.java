package io.gureum.cloudformation.resource.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import io.gureum.cloudformation.resource.ResourceFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AssociationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceDataSyncInvalidConfigurationException;

/** AWS::SSM::Association, AWS::SSM::ResourceDataSync and AWS::SSM::ResourcePolicy: created, updated, deleted. */
class StateManagerHandlersIT extends HandlerTestSupport {
    static final String CONTENT = "{'schemaVersion':'2.2','description':'d','parameters':{'level':{'type':'String'}},"
            + "'mainSteps':[{'action':'aws:runShellScript','name':'run','inputs':{'runCommand':['echo {{level}}']}}]}";

    @Test
    void associationRefIsItsIdAndUpdatesMakeVersions() {
        SsmClient ssm = client(SsmClient.class);
        Deployed doc = create(new DocumentHandler(), "Doc", props("{'Name':'Configure','Content':" + CONTENT + "}"));
        AssociationHandler h = new AssociationHandler();
        Deployed a = create(h, "Assoc", props("{'Name':'" + doc.id() + "','AssociationName':'cfn-assoc',"
                + "'Targets':[{'Key':'tag:env','Values':['dev']}],'Parameters':{'level':['low']},"
                + "'ScheduleExpression':'rate(1 hour)','ComplianceSeverity':'LOW'}"));
        assertEquals(a.id(), a.att("AssociationId"));
        var d = ssm.describeAssociation(b -> b.associationId(a.id())).associationDescription();
        assertEquals("cfn-assoc", d.associationName());
        assertEquals(Map.of("level", List.of("low")), d.parameters());
        assertEquals("LOW", d.complianceSeverityAsString());

        var changed = props("{'Name':'" + doc.id() + "','AssociationName':'cfn-assoc',"
                + "'Targets':[{'Key':'tag:env','Values':['prod']}],'Parameters':{'level':['high']},"
                + "'ScheduleExpression':'rate(2 hours)','ComplianceSeverity':'LOW'}");
        assertFalse(replaces(a, changed));
        Deployed a2 = update(a, changed);
        var now = ssm.describeAssociation(b -> b.associationId(a.id())).associationDescription();
        assertEquals("2", now.associationVersion());
        assertEquals("rate(2 hours)", now.scheduleExpression());
        assertEquals("LOW", now.complianceSeverityAsString(), "every property is given again");
        assertTrue(replaces(a2, props("{'Name':'" + doc.id() + "','InstanceId':'i-0123456789abcdef0'}")));
        assertEquals("rate(2 hours)", read(a2).get("ScheduleExpression").asText());

        assertThrows(ResourceFailure.class, () -> create(h, "Waits", props("{'Name':'" + doc.id() + "',"
                + "'Targets':[{'Key':'InstanceIds','Values':['*']}],'Parameters':{'level':['x']},"
                + "'WaitForSuccessTimeoutSeconds':60}")));
        delete(a2);
        assertThrows(AssociationDoesNotExistException.class, () -> ssm.describeAssociation(b -> b
                .associationId(a.id())));
        delete(a2);
    }

    @Test
    void resourceDataSyncToABucketAndFromSources() {
        SsmClient ssm = client(SsmClient.class);
        ResourceDataSyncHandler h = new ResourceDataSyncHandler();
        String bucket = "sync-" + account;
        assertThrows(ResourceDataSyncInvalidConfigurationException.class, () -> create(h, "Sync", props(
                "{'SyncName':'inv','BucketName':'" + bucket + "','BucketRegion':'us-east-1','SyncFormat':'JsonSerDe'}")));
        client(S3Client.class).createBucket(b -> b.bucket(bucket));
        Deployed s = create(h, "Sync", props("{'SyncName':'inv','BucketName':'" + bucket + "',"
                + "'BucketRegion':'us-east-1','SyncFormat':'JsonSerDe','BucketPrefix':'p'}"));
        assertEquals("inv", s.id());
        assertEquals("p", ssm.listResourceDataSync(b -> b.syncType("SyncToDestination")).resourceDataSyncItems()
                .get(0).s3Destination().prefix());
        assertTrue(replaces(s, props("{'SyncName':'inv','BucketName':'other','BucketRegion':'us-east-1',"
                + "'SyncFormat':'JsonSerDe'}")));
        delete(s);
        assertTrue(ssm.listResourceDataSync(b -> b.syncType("SyncToDestination")).resourceDataSyncItems().isEmpty());

        Deployed from = create(h, "From", props("{'SyncName':'explorer','SyncType':'SyncFromSource','SyncSource':"
                + "{'SourceType':'SingleAccountMultiRegions','SourceRegions':['us-east-1']}}"));
        var changed = props("{'SyncName':'explorer','SyncType':'SyncFromSource','SyncSource':"
                + "{'SourceType':'SingleAccountMultiRegions','SourceRegions':['us-east-1','eu-west-1'],"
                + "'IncludeFutureRegions':true}}");
        assertFalse(replaces(from, changed));
        Deployed from2 = update(from, changed);
        assertEquals(List.of("us-east-1", "eu-west-1"), ssm.listResourceDataSync(b -> b.syncType("SyncFromSource"))
                .resourceDataSyncItems().get(0).syncSource().sourceRegions());
        delete(from2);
        assertTrue(ssm.listResourceDataSync(b -> b.syncType("SyncFromSource")).resourceDataSyncItems().isEmpty());
    }

    @Test
    void resourcePolicyRefIsItsIdWithItsHash() {
        SsmClient ssm = client(SsmClient.class);
        ssm.putParameter(b -> b.name("/shared/cfn").value("v").type(ParameterType.STRING).tier(ParameterTier.ADVANCED));
        String arn = ssm.getParameter(b -> b.name("/shared/cfn")).parameter().arn();
        String policy = "{'Version':'2012-10-17','Statement':[{'Effect':'Allow','Principal':{'AWS':'111122223333'},"
                + "'Action':'ssm:GetParameter','Resource':'" + arn + "'}]}";
        ResourcePolicyHandler h = new ResourcePolicyHandler();
        Deployed p = create(h, "Policy", props("{'ResourceArn':'" + arn + "','Policy':" + policy + "}"));
        assertEquals(p.id(), p.att("PolicyId"));
        var held = ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies();
        assertEquals(p.att("PolicyHash"), held.get(0).policyHash());

        var changed = props("{'ResourceArn':'" + arn + "','Policy':" + policy.replace("ssm:GetParameter",
                "ssm:GetParameters") + "}");
        assertFalse(replaces(p, changed));
        Deployed p2 = update(p, changed);
        assertEquals(p.id(), p2.id());
        assertNotEquals(p.att("PolicyHash"), p2.att("PolicyHash"));
        assertTrue(ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies().get(0).policy()
                .contains("ssm:GetParameters"));
        delete(p2);
        assertTrue(ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies().isEmpty());
        delete(p2);
    }
}
