package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AssociationDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/** Associations (versions, tags), resource data syncs and resource policies found again after a restart. */
class StateManagerRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void associationsSyncsAndPoliciesSurviveARestart() {
        String id;
        String gone;
        String arn;
        String policyId;
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            ssm.createDocument(b -> b.name("Configure").content(StateManagerTestSupport.COMMAND));
            id = ssm.createAssociation(b -> b.name("Configure").associationName("kept")
                    .targets(t -> t.key("tag:env").values("dev")).parameters(Map.of("level", List.of("low")))
                    .tags(t -> t.key("team").value("ops"))).associationDescription().associationId();
            ssm.updateAssociation(b -> b.associationId(id).name("Configure").associationName("kept2")
                    .targets(t -> t.key("tag:env").values("dev")).parameters(Map.of("level", List.of("high"))));
            gone = ssm.createAssociation(b -> b.name("Configure").targets(t -> t.key("InstanceIds").values("*"))
                    .parameters(Map.of("level", List.of("low")))).associationDescription().associationId();
            ssm.deleteAssociation(b -> b.associationId(gone));
            ssm.createResourceDataSync(b -> b.syncName("explorer").syncType("SyncFromSource").syncSource(s -> s
                    .sourceType("SingleAccountMultiRegions").sourceRegions("us-east-1")));
            ssm.putParameter(b -> b.name("/shared/x").value("v").type(ParameterType.STRING)
                    .tier(ParameterTier.ADVANCED));
            arn = ssm.getParameter(b -> b.name("/shared/x")).parameter().arn();
            String policy = ResourcePoliciesIT.POLICY.formatted(arn);
            policyId = ssm.putResourcePolicy(b -> b.resourceArn(arn).policy(policy)).policyId();
        }
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            var d = ssm.describeAssociation(b -> b.associationId(id)).associationDescription();
            assertEquals("2", d.associationVersion());
            assertEquals("kept2", d.associationName());
            assertEquals(Map.of("level", List.of("high")), d.parameters());
            assertEquals("kept", ssm.describeAssociation(b -> b.associationId(id).associationVersion("1"))
                    .associationDescription().associationName());
            assertEquals(1, ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.ASSOCIATION)
                    .resourceId(id)).tagList().size());
            assertThrows(AssociationDoesNotExistException.class,
                    () -> ssm.describeAssociation(b -> b.associationId(gone)));
            assertEquals(List.of("explorer"), ssm.listResourceDataSync(b -> b.syncType("SyncFromSource"))
                    .resourceDataSyncItems().stream().map(i -> i.syncName()).toList());
            assertEquals(List.of(policyId), ssm.getResourcePolicies(b -> b.resourceArn(arn)).policies().stream()
                    .map(p -> p.policyId()).toList());
        }
    }
}
