package io.gureum.cloudformation.resource.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;

/** AWS::ECR::Repository and AWS::ECR::RegistryPolicy through the ECR module. */
class EcrHandlersIT extends HandlerTestSupport {
    static final String POLICY = "{'Version':'2012-10-17','Statement':[{'Sid':'Pull','Effect':'Allow',"
            + "'Principal':{'AWS':'*'},'Action':['ecr:BatchGetImage']}]}";
    static final String LIFECYCLE = "{\\\"rules\\\":[{\\\"rulePriority\\\":1,\\\"selection\\\":{\\\"tagStatus\\\":"
            + "\\\"untagged\\\",\\\"countType\\\":\\\"sinceImagePushed\\\",\\\"countUnit\\\":\\\"days\\\","
            + "\\\"countNumber\\\":1},\\\"action\\\":{\\\"type\\\":\\\"expire\\\"}}]}";

    @Test
    void repositoryAsCdkBootstrapDeclaresIt() {
        EcrClient ecr = client(EcrClient.class);
        Deployed repo = create(new RepositoryHandler(), "ContainerAssetsRepository", props("{'RepositoryName':"
                + "'cdk-hnb659fds-container-assets','ImageTagMutability':'IMMUTABLE','ImageScanningConfiguration':"
                + "{'ScanOnPush':true},'LifecyclePolicy':{'LifecyclePolicyText':'" + LIFECYCLE + "'},"
                + "'RepositoryPolicyText':" + POLICY + ",'Tags':[{'Key':'team','Value':'a'}]}"));
        assertEquals("cdk-hnb659fds-container-assets", repo.id());
        assertEquals("arn:aws:ecr:us-east-1:" + account + ":repository/cdk-hnb659fds-container-assets",
                repo.att("Arn"));
        assertEquals(account + ".dkr.ecr.us-east-1.amazonaws.com/cdk-hnb659fds-container-assets",
                repo.att("RepositoryUri"));
        Repository described = ecr.describeRepositories(b -> b.repositoryNames(repo.id())).repositories().get(0);
        assertEquals("IMMUTABLE", described.imageTagMutabilityAsString());
        assertTrue(described.imageScanningConfiguration().scanOnPush());
        assertTrue(ecr.getRepositoryPolicy(b -> b.repositoryName(repo.id())).policyText().contains("Pull"));
        assertTrue(ecr.getLifecyclePolicy(b -> b.repositoryName(repo.id())).lifecyclePolicyText()
                .contains("untagged"));
        Map<String, String> tags = ecr.listTagsForResource(b -> b.resourceArn(repo.att("Arn"))).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals("a", tags.get("team"));
        assertEquals("ContainerAssetsRepository", tags.get("aws:cloudformation:logical-id"));

        Deployed changed = update(repo, props("{'RepositoryName':'cdk-hnb659fds-container-assets',"
                + "'ImageTagMutability':'MUTABLE'}"));
        assertEquals("MUTABLE", ecr.describeRepositories(b -> b.repositoryNames(repo.id())).repositories().get(0)
                .imageTagMutabilityAsString());
        assertThrows(software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException.class,
                () -> ecr.getRepositoryPolicy(b -> b.repositoryName(repo.id())));
        assertTrue(replaces(changed, props("{'RepositoryName':'another-name'}")));
        delete(changed);
        assertThrows(RepositoryNotFoundException.class,
                () -> ecr.describeRepositories(b -> b.repositoryNames(repo.id())));
        delete(changed);
    }

    @Test
    void generatedNameAndEmptyOnDelete() {
        EcrClient ecr = client(EcrClient.class);
        Deployed kept = create(new RepositoryHandler(), "Images", props("{}"));
        assertTrue(kept.id().startsWith("teststack-images-"), kept.id());
        ecr.putImage(b -> b.repositoryName(kept.id()).imageTag("v1").imageManifest("{\"schemaVersion\":2}"));
        assertThrows(RepositoryNotEmptyException.class, () -> delete(kept));

        Deployed emptied = create(new RepositoryHandler(), "Emptied", props("{'EmptyOnDelete':true}"));
        ecr.putImage(b -> b.repositoryName(emptied.id()).imageTag("v1").imageManifest("{\"schemaVersion\":2}"));
        delete(emptied);
        assertThrows(RepositoryNotFoundException.class,
                () -> ecr.describeRepositories(b -> b.repositoryNames(emptied.id())));
    }

    @Test
    void registryPolicy() {
        EcrClient ecr = client(EcrClient.class);
        Deployed policy = create(new RegistryPolicyHandler(), "Registry", props("{'PolicyText':" + POLICY + "}"));
        assertEquals(account, policy.id());
        assertEquals(account, policy.att("RegistryId"));
        assertTrue(ecr.getRegistryPolicy(b -> { }).policyText().contains("Pull"));
        delete(policy);
        assertThrows(RegistryPolicyNotFoundException.class, () -> ecr.getRegistryPolicy(b -> { }));
    }
}
