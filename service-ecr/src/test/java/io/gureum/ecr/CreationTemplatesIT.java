package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.RepositoryCreationTemplate;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TemplateAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.TemplateNotFoundException;

/** Repository creation templates: create, describe, update, delete and what is refused. */
class CreationTemplatesIT extends EcrTestSupport {
    static final String LIFECYCLE = "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"untagged\","
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":5},\"action\":{\"type\":\"expire\"}}]}";

    @Test
    void templateLifecycle() {
        RepositoryCreationTemplate created = ecr.createRepositoryCreationTemplate(b -> b.prefix("ROOT")
                .appliedForWithStrings("PULL_THROUGH_CACHE", "REPLICATION").description("all")
                .imageTagMutability("IMMUTABLE").lifecyclePolicy(LIFECYCLE).repositoryPolicy(PoliciesIT.POLICY)
                .resourceTags(Tag.builder().key("team").value("a").build())).repositoryCreationTemplate();
        assertEquals("ROOT", created.prefix());
        assertEquals("AES256", created.encryptionConfiguration().encryptionTypeAsString());
        assertEquals(List.of("PULL_THROUGH_CACHE", "REPLICATION"), created.appliedForAsStrings());
        assertNotNull(created.createdAt());
        assertError(TemplateAlreadyExistsException.class, "TemplateAlreadyExistsException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("ROOT").appliedForWithStrings(
                        "CREATE_ON_PUSH")));
        ecr.createRepositoryCreationTemplate(b -> b.prefix("prod/team").appliedForWithStrings("CREATE_ON_PUSH")
                .encryptionConfiguration(e -> e.encryptionType("KMS")
                        .kmsKey("arn:aws:kms:us-east-1:123456789012:key/abcd-1234")));

        List<RepositoryCreationTemplate> all = ecr.describeRepositoryCreationTemplates(b -> { })
                .repositoryCreationTemplates();
        assertEquals(List.of("ROOT", "prod/team"), all.stream().map(RepositoryCreationTemplate::prefix).toList());
        var page = ecr.describeRepositoryCreationTemplates(b -> b.maxResults(1));
        assertEquals(1, page.repositoryCreationTemplates().size());
        assertEquals("prod/team", ecr.describeRepositoryCreationTemplates(b -> b.nextToken(page.nextToken()))
                .repositoryCreationTemplates().get(0).prefix());

        RepositoryCreationTemplate updated = ecr.updateRepositoryCreationTemplate(b -> b.prefix("ROOT")
                .imageTagMutability("MUTABLE")).repositoryCreationTemplate();
        assertEquals("MUTABLE", updated.imageTagMutabilityAsString());
        assertEquals("all", updated.description());
        assertEquals(LIFECYCLE, updated.lifecyclePolicy());
        assertEquals("a", updated.resourceTags().get(0).value());

        assertEquals("prod/team", ecr.deleteRepositoryCreationTemplate(b -> b.prefix("prod/team"))
                .repositoryCreationTemplate().prefix());
        assertError(TemplateNotFoundException.class, "TemplateNotFoundException", 400, null,
                () -> ecr.deleteRepositoryCreationTemplate(b -> b.prefix("prod/team")));
        assertError(TemplateNotFoundException.class, "TemplateNotFoundException", 400, null,
                () -> ecr.updateRepositoryCreationTemplate(b -> b.prefix("prod/team").description("x")));
        assertError(TemplateNotFoundException.class, "TemplateNotFoundException", 400, null,
                () -> ecr.describeRepositoryCreationTemplates(b -> b.prefixes("prod/team")));
        assertNull(ecr.deleteRepositoryCreationTemplate(b -> b.prefix("ROOT")).repositoryCreationTemplate()
                .customRoleArn());
    }

    @Test
    void invalidTemplatesAreRefused() {
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("Bad_Prefix")
                        .appliedForWithStrings("REPLICATION")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("noapplied")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("aes").appliedForWithStrings("REPLICATION")
                        .encryptionConfiguration(e -> e.encryptionType("AES256")
                                .kmsKey("arn:aws:kms:us-east-1:123456789012:key/abcd"))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("policy").appliedForWithStrings("REPLICATION")
                        .repositoryPolicy("not json")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("lifecycle")
                        .appliedForWithStrings("REPLICATION").lifecyclePolicy("{\"rules\":[]}")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("excl").appliedForWithStrings("REPLICATION")
                        .imageTagMutability("IMMUTABLE_WITH_EXCLUSION")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepositoryCreationTemplate(b -> b.prefix("awstag").appliedForWithStrings("REPLICATION")
                        .resourceTags(Tag.builder().key("aws:x").value("y").build())));
        assertEquals(0, ecr.describeRepositoryCreationTemplates(b -> { }).repositoryCreationTemplates().size());
    }
}
