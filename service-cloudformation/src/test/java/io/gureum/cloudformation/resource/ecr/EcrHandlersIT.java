package io.gureum.cloudformation.resource.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RegistryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogData;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryPolicyNotFoundException;

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

    /** AWS::ECR::PublicRepository through ECR Public: create, update in place, replacement, delete. */
    @Test
    void publicRepository() throws Exception {
        EcrPublicClient ecr = client(EcrPublicClient.class);
        Deployed repo = create(new PublicRepositoryHandler(), "Public", props("{'RepositoryName':'team/web',"
                + "'RepositoryCatalogData':{'RepositoryDescription':'web','Architectures':['x86-64'],"
                + "'OperatingSystems':['Linux'],'AboutText':'about','UsageText':'usage'},"
                + "'RepositoryPolicyText':" + POLICY + ",'Tags':[{'Key':'env','Value':'dev'}]}"));
        assertEquals("team/web", repo.id());
        assertEquals("arn:aws:ecr-public::" + account + ":repository/team/web", repo.att("Arn"));
        RepositoryCatalogData catalog = ecr.getRepositoryCatalogData(b -> b.repositoryName("team/web")).catalogData();
        assertEquals("web", catalog.description());
        assertEquals(java.util.List.of("x86-64"), catalog.architectures());
        assertEquals("usage", catalog.usageText());
        assertTrue(ecr.getRepositoryPolicy(b -> b.repositoryName("team/web")).policyText().contains("Pull"));
        Map<String, String> tags = publicTags(ecr, repo.att("Arn"));
        assertEquals("dev", tags.get("env"));
        assertEquals("teststack", tags.get("aws:cloudformation:stack-name"));

        Deployed changed = update(repo, props("{'RepositoryName':'team/web','RepositoryCatalogData':"
                + "{'RepositoryDescription':'changed'},'Tags':[{'Key':'owner','Value':'me'}]}"));
        RepositoryCatalogData after = ecr.getRepositoryCatalogData(b -> b.repositoryName("team/web")).catalogData();
        assertEquals("changed", after.description());
        assertNull(after.usageText());
        assertThrows(RepositoryPolicyNotFoundException.class,
                () -> ecr.getRepositoryPolicy(b -> b.repositoryName("team/web")));
        Map<String, String> retagged = publicTags(ecr, repo.att("Arn"));
        assertEquals("me", retagged.get("owner"));
        assertFalse(retagged.containsKey("env"));
        assertTrue(replaces(changed, props("{'RepositoryName':'team/other'}")));
        assertFalse(replaces(changed, props("{'RepositoryName':'team/web'}")));

        // A repository with an image fails to delete, as on AWS (the type has no EmptyOnDelete); once empty it goes.
        byte[] layer = "layer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String upload = ecr.initiateLayerUpload(b -> b.repositoryName("team/web")).uploadId();
        ecr.uploadLayerPart(b -> b.repositoryName("team/web").uploadId(upload).partFirstByte(0L)
                .partLastByte((long) layer.length - 1).layerPartBlob(SdkBytes.fromByteArray(layer)));
        String sha256 = "sha256:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                .getInstance("SHA-256").digest(layer));
        String digest = ecr.completeLayerUpload(b -> b.repositoryName("team/web").uploadId(upload)
                .layerDigests(sha256)).layerDigest();
        ecr.putImage(b -> b.repositoryName("team/web").imageTag("v1").imageManifest("{\"schemaVersion\":2,"
                + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[{\"digest\":\"" + digest
                + "\",\"size\":5}]}"));
        assertThrows(software.amazon.awssdk.services.ecrpublic.model.RepositoryNotEmptyException.class,
                () -> delete(changed));
        ecr.batchDeleteImage(b -> b.repositoryName("team/web").imageIds(i -> i.imageTag("v1")));
        delete(changed);
        assertThrows(software.amazon.awssdk.services.ecrpublic.model.RepositoryNotFoundException.class,
                () -> ecr.describeRepositories(b -> b.repositoryNames("team/web")));
        delete(changed);

        // Without a name, a lower-case one is generated from the stack and logical id.
        Deployed unnamed = create(new PublicRepositoryHandler(), "Unnamed", props("{}"));
        assertTrue(unnamed.id().startsWith("teststack-unnamed-"), unnamed.id());
        delete(unnamed);
    }

    private static Map<String, String> publicTags(EcrPublicClient ecr, String arn) {
        return ecr.listTagsForResource(b -> b.resourceArn(arn)).tags().stream().collect(Collectors.toMap(
                software.amazon.awssdk.services.ecrpublic.model.Tag::key,
                software.amazon.awssdk.services.ecrpublic.model.Tag::value));
    }
}
