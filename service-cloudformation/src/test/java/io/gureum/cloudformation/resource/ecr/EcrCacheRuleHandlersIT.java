package io.gureum.cloudformation.resource.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRule;
import software.amazon.awssdk.services.ecr.model.PullThroughCacheRuleNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** AWS::ECR::PullThroughCacheRule and AWS::ECR::RepositoryCreationTemplate through the ECR module. */
class EcrCacheRuleHandlersIT extends HandlerTestSupport {
    @Test
    void pullThroughCacheRule() {
        EcrClient ecr = client(EcrClient.class);
        String first = client(SecretsManagerClient.class).createSecret(b -> b.name("ecr-pullthroughcache/hub")
                .clientRequestToken(java.util.UUID.randomUUID().toString()).secretString("{\"username\":\"u\",\"accessToken\":\"t\"}")).arn();
        String second = client(SecretsManagerClient.class).createSecret(b -> b.name("ecr-pullthroughcache/hub2")
                .clientRequestToken(java.util.UUID.randomUUID().toString()).secretString("{\"username\":\"u\",\"accessToken\":\"t2\"}")).arn();
        Deployed rule = create(new PullThroughCacheRuleHandler(), "Hub", props("{'EcrRepositoryPrefix':'docker-hub',"
                + "'UpstreamRegistry':'docker-hub','UpstreamRegistryUrl':'registry-1.docker.io','CredentialArn':'"
                + first + "'}"));
        assertEquals("docker-hub", rule.id());
        PullThroughCacheRule described = ecr.describePullThroughCacheRules(b -> b.ecrRepositoryPrefixes("docker-hub"))
                .pullThroughCacheRules().get(0);
        assertEquals(first, described.credentialArn());

        Deployed changed = update(rule, props("{'EcrRepositoryPrefix':'docker-hub','UpstreamRegistry':'docker-hub',"
                + "'UpstreamRegistryUrl':'registry-1.docker.io','CredentialArn':'" + second + "'}"));
        assertEquals(second, ecr.describePullThroughCacheRules(b -> b.ecrRepositoryPrefixes("docker-hub"))
                .pullThroughCacheRules().get(0).credentialArn());
        assertTrue(replaces(changed, props("{'EcrRepositoryPrefix':'hub','UpstreamRegistryUrl':'registry-1.docker.io',"
                + "'CredentialArn':'" + second + "'}")));
        delete(changed);
        assertThrows(PullThroughCacheRuleNotFoundException.class,
                () -> ecr.describePullThroughCacheRules(b -> b.ecrRepositoryPrefixes("docker-hub")));
        delete(changed);
    }

    @Test
    void repositoryCreationTemplate() {
        EcrClient ecr = client(EcrClient.class);
        Deployed t = create(new RepositoryCreationTemplateHandler(), "Template", props("{'Prefix':'ROOT',"
                + "'AppliedFor':['PULL_THROUGH_CACHE'],'Description':'d','ImageTagMutability':'IMMUTABLE',"
                + "'RepositoryPolicy':" + EcrHandlersIT.POLICY + ",'ResourceTags':[{'Key':'team','Value':'a'}]}"));
        assertEquals("ROOT", t.id());
        assertNotNull(t.att("CreatedAt"));
        RepositoryCreationTemplate described = ecr.describeRepositoryCreationTemplates(b -> b.prefixes("ROOT"))
                .repositoryCreationTemplates().get(0);
        assertEquals("IMMUTABLE", described.imageTagMutabilityAsString());
        assertTrue(described.repositoryPolicy().contains("Pull"));
        assertEquals("a", described.resourceTags().get(0).value());

        Deployed changed = update(t, props("{'Prefix':'ROOT','AppliedFor':['PULL_THROUGH_CACHE','REPLICATION']}"));
        RepositoryCreationTemplate after = ecr.describeRepositoryCreationTemplates(b -> b.prefixes("ROOT"))
                .repositoryCreationTemplates().get(0);
        assertEquals(2, after.appliedFor().size());
        assertEquals("MUTABLE", after.imageTagMutabilityAsString());
        assertNull(after.description());
        assertNull(after.repositoryPolicy());
        assertTrue(after.resourceTags().isEmpty());
        assertTrue(replaces(changed, props("{'Prefix':'prod','AppliedFor':['REPLICATION']}")));
        delete(changed);
        assertThrows(TemplateNotFoundException.class,
                () -> ecr.describeRepositoryCreationTemplates(b -> b.prefixes("ROOT")));
        delete(changed);
    }
}
