package io.gureum.ecr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ecrpublic.EcrPublicClient;
import software.amazon.awssdk.services.ecrpublic.model.AuthorizationData;
import software.amazon.awssdk.services.ecrpublic.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.ecrpublic.model.DescribeRepositoriesResponse;
import software.amazon.awssdk.services.ecrpublic.model.InvalidParameterException;
import software.amazon.awssdk.services.ecrpublic.model.InvalidTagParameterException;
import software.amazon.awssdk.services.ecrpublic.model.Registry;
import software.amazon.awssdk.services.ecrpublic.model.Repository;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogData;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryCatalogDataNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryNotEmptyException;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecrpublic.model.Tag;
import software.amazon.awssdk.services.ecrpublic.model.TooManyTagsException;
import software.amazon.awssdk.services.ecrpublic.model.UnsupportedCommandException;

/** ECR Public's repositories, registries, catalog data, policies, tags and tokens through the SDK's client. */
class EcrPublicRepositoriesIT extends EcrPublicTestSupport {
    static final String POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"AWS\":\"*\"},\"Action\":\"ecr-public:DescribeImages\"}]}";

    @Test
    void repositoryHasThePublicShapesAndTheRegistryItsAlias() {
        EcrPublicClient fresh = client("210987654321", "us-east-1");
        // No registry before the first repository: it gets its default alias then.
        assertTrue(fresh.describeRegistries(b -> { }).registries().isEmpty());
        CreateRepositoryResponse created = fresh.createRepository(b -> b.repositoryName("team/web")
                .catalogData(c -> c.description("A web server").architectures("x86-64", "ARM 64")
                        .operatingSystems("Linux").aboutText("# About").usageText("docker pull …")));
        Repository repo = created.repository();
        Registry registry = fresh.describeRegistries(b -> { }).registries().get(0);
        String alias = registry.aliases().get(0).name();
        assertTrue(alias.matches("[a-z][0-9][a-z][0-9][a-z][0-9][a-z][0-9]"), alias);
        assertEquals("arn:aws:ecr-public::210987654321:repository/team/web", repo.repositoryArn());
        assertEquals("public.ecr.aws/" + alias + "/team/web", repo.repositoryUri());
        assertEquals("210987654321", repo.registryId());
        assertNotNull(repo.createdAt());
        assertEquals("210987654321", registry.registryId());
        assertEquals("arn:aws:ecr-public::210987654321:registry/210987654321", registry.registryArn());
        assertEquals("public.ecr.aws/" + alias, registry.registryUri());
        assertFalse(registry.verified());
        assertEquals("ACTIVE", registry.aliases().get(0).statusAsString());
        assertTrue(registry.aliases().get(0).primaryRegistryAlias());
        assertTrue(registry.aliases().get(0).defaultRegistryAlias());
        RepositoryCatalogData catalog = created.catalogData();
        assertEquals("A web server", catalog.description());
        assertEquals(List.of("x86-64", "ARM 64"), catalog.architectures());
        assertEquals(List.of("Linux"), catalog.operatingSystems());
        assertFalse(catalog.marketplaceCertified());
        assertNull(catalog.logoUrl());
        assertEquals(catalog, fresh.getRepositoryCatalogData(b -> b.repositoryName("team/web")).catalogData());
        // A second repository keeps the alias.
        Repository second = fresh.createRepository(b -> b.repositoryName("other")).repository();
        assertEquals("public.ecr.aws/" + alias + "/other", second.repositoryUri());
        assertEquals(List.of(repo, second), fresh.describeRepositories(b -> { }).repositories());
        fresh.close();
    }

    @Test
    void duplicateInvalidAndUnknownRepositoriesAreRefused() {
        String name = repository("dup");
        String account = ecr.describeRepositories(b -> b.repositoryNames(name)).repositories().get(0).registryId();
        assertError(RepositoryAlreadyExistsException.class, "RepositoryAlreadyExistsException", 400,
                "The repository with name '" + name + "' already exists in the registry with id '" + account + "'",
                () -> ecr.createRepository(b -> b.repositoryName(name)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression"
                        + " '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''",
                () -> ecr.createRepository(b -> b.repositoryName("Upper")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.createRepository(b -> b.repositoryName("a".repeat(206))));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400,
                "The repository with name 'missing' does not exist in the registry with id '" + account + "'",
                () -> ecr.describeRepositories(b -> b.repositoryNames("missing")));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.describeRepositories(b -> b.maxResults(1001)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.describeRepositories(b -> b.registryId("not-an-account")));
    }

    @Test
    void describePaginates() {
        EcrPublicClient other = client("310987654321", "us-east-1");
        for (int i = 0; i < 3; i++) {
            String n = "page-" + i;
            other.createRepository(b -> b.repositoryName(n));
        }
        List<String> names = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            DescribeRepositoriesResponse page = other.describeRepositories(b -> b.maxResults(2).nextToken(t));
            page.repositories().forEach(r -> names.add(r.repositoryName()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertEquals(List.of("page-0", "page-1", "page-2"), names);
        assertEquals(2, pages);
        other.close();
    }

    @Test
    void deleteNeedsForceForARepositoryWithImages() {
        String name = repository("del");
        String manifest = manifest(name, "del-layer");
        ecr.putImage(b -> b.repositoryName(name).imageManifest(manifest).imageTag("v1"));
        assertError(RepositoryNotEmptyException.class, "RepositoryNotEmptyException", 400, null,
                () -> ecr.deleteRepository(b -> b.repositoryName(name)));
        assertEquals(name, ecr.deleteRepository(b -> b.repositoryName(name).force(true)).repository()
                .repositoryName());
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.deleteRepository(b -> b.repositoryName(name)));
        String empty = repository("empty");
        ecr.deleteRepository(b -> b.repositoryName(empty));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.describeRepositories(b -> b.repositoryNames(empty)));
    }

    @Test
    void repositoryPolicySetGetDelete() {
        String name = repository("policy");
        assertError(RepositoryPolicyNotFoundException.class, "RepositoryPolicyNotFoundException", 400, null,
                () -> ecr.getRepositoryPolicy(b -> b.repositoryName(name)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.setRepositoryPolicy(b -> b.repositoryName(name).policyText("{\"not\":\"a policy\"}")));
        assertEquals(POLICY, ecr.setRepositoryPolicy(b -> b.repositoryName(name).policyText(POLICY)).policyText());
        assertEquals(POLICY, ecr.getRepositoryPolicy(b -> b.repositoryName(name)).policyText());
        assertEquals(POLICY, ecr.deleteRepositoryPolicy(b -> b.repositoryName(name)).policyText());
        assertError(RepositoryPolicyNotFoundException.class, "RepositoryPolicyNotFoundException", 400, null,
                () -> ecr.deleteRepositoryPolicy(b -> b.repositoryName(name)));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.setRepositoryPolicy(b -> b.repositoryName("missing").policyText(POLICY)));
    }

    @Test
    void repositoryCatalogDataWithALogo() throws Exception {
        String name = repository("catalog");
        assertError(RepositoryCatalogDataNotFoundException.class, "RepositoryCatalogDataNotFoundException", 400, null,
                () -> ecr.getRepositoryCatalogData(b -> b.repositoryName(name)));
        byte[] logo = "\u0089PNG fake logo".getBytes(StandardCharsets.ISO_8859_1);
        RepositoryCatalogData put = ecr.putRepositoryCatalogData(b -> b.repositoryName(name).catalogData(c -> c
                .description("described").logoImageBlob(SdkBytes.fromByteArray(logo)))).catalogData();
        assertEquals("described", put.description());
        assertEquals(put, ecr.getRepositoryCatalogData(b -> b.repositoryName(name)).catalogData());
        HttpResponse<byte[]> got = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(put.logoUrl()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertArrayEquals(logo, got.body());
        // A put replaces the whole catalog data.
        RepositoryCatalogData replaced = ecr.putRepositoryCatalogData(b -> b.repositoryName(name)
                .catalogData(c -> c.usageText("usage"))).catalogData();
        assertNull(replaced.description());
        assertNull(replaced.logoUrl());
        assertEquals("usage", replaced.usageText());
        assertError(InvalidParameterException.class, "InvalidParameterException", 400,
                "Invalid parameter at 'catalogData.description' failed to satisfy constraint: 'Member must have length"
                        + " less than or equal to 1024'",
                () -> ecr.putRepositoryCatalogData(b -> b.repositoryName(name)
                        .catalogData(c -> c.description("d".repeat(1025)))));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.putRepositoryCatalogData(b -> b.repositoryName(name).catalogData(c -> c.architectures(""))));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.getRepositoryCatalogData(b -> b.repositoryName("missing")));
    }

    @Test
    void registryCatalogDataKeepsTheDisplayName() {
        EcrPublicClient other = client("410987654321", "us-east-1");
        assertNull(other.getRegistryCatalogData(b -> { }).registryCatalogData().displayName());
        assertEquals("Example Corp", other.putRegistryCatalogData(b -> b.displayName("Example Corp"))
                .registryCatalogData().displayName());
        assertEquals("Example Corp", other.getRegistryCatalogData(b -> { }).registryCatalogData().displayName());
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> other.putRegistryCatalogData(b -> b.displayName("x".repeat(101))));
        other.close();
    }

    @Test
    void tagsByRepositoryArn() {
        String name = unique("tags");
        String arn = ecr.createRepository(b -> b.repositoryName(name).tags(Tag.builder().key("team").value("a")
                .build())).repository().repositoryArn();
        ecr.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build()));
        assertEquals(List.of(Tag.builder().key("team").value("a").build(), Tag.builder().key("env").value("dev")
                .build()), ecr.listTagsForResource(b -> b.resourceArn(arn)).tags());
        ecr.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertEquals(List.of("env"), ecr.listTagsForResource(b -> b.resourceArn(arn)).tags().stream().map(Tag::key)
                .toList());
        assertError(InvalidTagParameterException.class, "InvalidTagParameterException", 400, null,
                () -> ecr.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("aws:x").value("y").build())));
        assertError(InvalidTagParameterException.class, "InvalidTagParameterException", 400, null,
                () -> ecr.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("k".repeat(129)).value("y")
                        .build())));
        List<Tag> many = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            many.add(Tag.builder().key("k" + i).value("v").build());
        }
        assertError(TooManyTagsException.class, "TooManyTagsException", 400, null,
                () -> ecr.tagResource(b -> b.resourceArn(arn).tags(many)));
        assertError(InvalidParameterException.class, "InvalidParameterException", 400, null,
                () -> ecr.listTagsForResource(b -> b.resourceArn("arn:aws:ecr:us-east-1:000000000000:repository/x")));
        assertError(RepositoryNotFoundException.class, "RepositoryNotFoundException", 400, null,
                () -> ecr.listTagsForResource(b -> b.resourceArn(arn + "-missing")));
    }

    @Test
    void authorizationTokenOfThePublicShape() {
        Instant now = gureum.context().clock().now();
        AuthorizationData data = ecr.getAuthorizationToken(b -> { }).authorizationData();
        String decoded = new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8);
        assertTrue(decoded.startsWith("AWS:") && decoded.length() > 20, decoded);
        assertEquals(now.plusSeconds(12 * 3600).getEpochSecond(), data.expiresAt().getEpochSecond(), 2);
    }

    @Test
    void otherRegionsAreRefused() {
        try (EcrPublicClient west = client("000000000000", "us-west-2")) {
            assertError(UnsupportedCommandException.class, "UnsupportedCommandException", 400,
                    "GetAuthorizationToken command is only supported in us-east-1.",
                    () -> west.getAuthorizationToken(b -> { }));
            assertError(UnsupportedCommandException.class, "UnsupportedCommandException", 400,
                    "CreateRepository command is only supported in us-east-1.",
                    () -> west.createRepository(b -> b.repositoryName("west")));
        }
    }
}
