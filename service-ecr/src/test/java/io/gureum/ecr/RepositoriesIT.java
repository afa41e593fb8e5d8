package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecr.model.EncryptionType;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.Tag;
import software.amazon.awssdk.services.ecr.model.TooManyTagsException;

class RepositoriesIT extends EcrTestSupport {

    @Test
    void createdRepositoryHasAwsShapeAndDefaults() {
        String name = unique("team/app");
        Repository repo = ecr.createRepository(b -> b.repositoryName(name)).repository();
        String account = repo.registryId();
        assertEquals("arn:aws:ecr:us-east-1:" + account + ":repository/" + name, repo.repositoryArn());
        assertEquals(account + ".dkr.ecr.us-east-1.amazonaws.com/" + name, repo.repositoryUri());
        assertEquals(ImageTagMutability.MUTABLE, repo.imageTagMutability());
        assertFalse(repo.imageScanningConfiguration().scanOnPush());
        assertEquals(EncryptionType.AES256, repo.encryptionConfiguration().encryptionType());
        assertNotNull(repo.createdAt());
        assertEquals(repo, ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0));
    }

    @Test
    void createTakesImmutabilityScanningEncryptionAndTags() {
        String name = unique("configured");
        Repository repo = ecr.createRepository(b -> b.repositoryName(name).imageTagMutability("IMMUTABLE")
                .imageScanningConfiguration(s -> s.scanOnPush(true))
                .encryptionConfiguration(e -> e.encryptionType("KMS").kmsKey("arn:aws:kms:us-east-1:1:key/k"))
                .tags(Tag.builder().key("team").value("a").build())).repository();
        assertEquals(ImageTagMutability.IMMUTABLE, repo.imageTagMutability());
        assertTrue(repo.imageScanningConfiguration().scanOnPush());
        assertEquals("arn:aws:kms:us-east-1:1:key/k", repo.encryptionConfiguration().kmsKey());
        assertEquals(List.of(Tag.builder().key("team").value("a").build()),
                ecr.listTagsForResource(b -> b.resourceArn(repo.repositoryArn())).tags());
        var scanning = ecr.batchGetRepositoryScanningConfiguration(b -> b.repositoryNames(name, "missing-one"));
        assertEquals("SCAN_ON_PUSH", scanning.scanningConfigurations().get(0).scanFrequencyAsString());
        assertEquals("REPOSITORY_NOT_FOUND", scanning.failures().get(0).failureCodeAsString());
    }

    @Test
    void duplicateAndInvalidNamesAreRefused() {
        String name = repository("dup");
        String account = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0).registryId();
        assertError(RepositoryAlreadyExistsException.class, "RepositoryAlreadyExistsException", 400,
                "The repository with name '" + name + "' already exists in the registry with id '" + account + "'",
                () -> ecr.createRepository(b -> b.repositoryName(name)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression"
                        + " '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''",
                () -> ecr.createRepository(b -> b.repositoryName("Upper-Case")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepository(b -> b.repositoryName(unique("aes")).encryptionConfiguration(
                        e -> e.encryptionType("AES256").kmsKey("k"))));
    }

    @Test
    void describeNamesAMissingRepositoryAndPaginates() {
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.describeRepositories(b -> b.repositoryNames("does-not-exist")));
        String prefix = unique("page");
        for (int i = 0; i < 3; i++) {
            String n = prefix + "-" + i;
            ecr.createRepository(b -> b.repositoryName(n));
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        do {
            String t = token;
            DescribeRepositoriesResponse page = ecr.describeRepositories(b -> b.maxResults(1).nextToken(t));
            assertTrue(page.repositories().size() <= 1);
            page.repositories().forEach(r -> seen.add(r.repositoryName()));
            token = page.nextToken();
        } while (token != null);
        assertTrue(seen.containsAll(List.of(prefix + "-0", prefix + "-1", prefix + "-2")), seen.toString());
        assertEquals(seen.size(), seen.stream().distinct().count());
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.describeRepositories(b -> b.nextToken("garbage!")));
    }

    @Test
    void deleteRefusesImagesWithoutForce() {
        String name = repository("delete");
        push(name, "v1", "layer-" + name);
        assertError(RepositoryNotEmptyException.class, "RepositoryNotEmptyException", 400, null,
                () -> ecr.deleteRepository(b -> b.repositoryName(name)));
        assertEquals(name, ecr.deleteRepository(b -> b.repositoryName(name).force(true)).repository()
                .repositoryName());
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.deleteRepository(b -> b.repositoryName(name)));
        String empty = repository("empty");
        ecr.deleteRepository(b -> b.repositoryName(empty));
        assertTrue(ecr.describeRepositories(b -> b.maxResults(1000)).repositories().stream()
                .noneMatch(r -> r.repositoryName().equals(empty)));
    }

    @Test
    void mutabilityAndScanningAreChangedInPlace() {
        String name = repository("settings");
        assertEquals(ImageTagMutability.IMMUTABLE, ecr.putImageTagMutability(b -> b.repositoryName(name)
                .imageTagMutability("IMMUTABLE")).imageTagMutability());
        assertTrue(ecr.putImageScanningConfiguration(b -> b.repositoryName(name)
                .imageScanningConfiguration(s -> s.scanOnPush(true))).imageScanningConfiguration().scanOnPush());
        Repository repo = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0);
        assertEquals(ImageTagMutability.IMMUTABLE, repo.imageTagMutability());
        assertTrue(repo.imageScanningConfiguration().scanOnPush());
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.putImageTagMutability(b -> b.repositoryName("nope-nope").imageTagMutability("MUTABLE")));
    }

    @Test
    void tagsAreAddedRemovedAndLimited() {
        String name = repository("tags");
        String arn = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0).repositoryArn();
        ecr.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("a").value("1").build(),
                Tag.builder().key("b").value("2").build()));
        ecr.untagResource(b -> b.resourceArn(arn).tagKeys("a"));
        Map<String, String> tags = ecr.listTagsForResource(b -> b.resourceArn(arn)).tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals(Map.of("b", "2"), tags);
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertError(TooManyTagsException.class, "TooManyTagsException", 400, null,
                () -> ecr.tagResource(b -> b.resourceArn(arn).tags(many)));
        assertError(InvalidTagParameterException.class, "InvalidTagParameterException", 400, null,
                () -> ecr.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("aws:x").value("v").build())));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.listTagsForResource(b -> b.resourceArn(arn.replace(name, "gone-repo"))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.listTagsForResource(b -> b.resourceArn("arn:aws:sqs:us-east-1:1:q")));
    }
}
