package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gureum.core.ids.Arn;
import io.gureum.core.testing.AwsClients;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DocumentAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.DocumentDescription;
import software.amazon.awssdk.services.ssm.model.DocumentFormat;
import software.amazon.awssdk.services.ssm.model.DocumentIdentifier;
import software.amazon.awssdk.services.ssm.model.DocumentType;
import software.amazon.awssdk.services.ssm.model.DocumentVersionInfo;
import software.amazon.awssdk.services.ssm.model.DuplicateDocumentContentException;
import software.amazon.awssdk.services.ssm.model.DuplicateDocumentVersionNameException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentContentException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentOperationException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentSchemaVersionException;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentVersionException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/** SSM documents through the SDK: versions, formats, listing, sharing, tags and the errors AWS names. */
class DocumentsIT extends SsmTestSupport {
    static final String COMMAND = """
            {"schemaVersion":"2.2","description":"Says hello","parameters":{"who":{"type":"String",\
            "description":"Whom to greet","default":"world"}},"mainSteps":[{"action":"aws:runShellScript",\
            "name":"hello","inputs":{"runCommand":["echo hello {{who}}"]}}]}""";
    static final String COMMAND_YAML = """
            schemaVersion: '2.2'
            description: Says hello in YAML
            mainSteps:
              - action: aws:runPowerShellScript
                name: hello
                inputs:
                  runCommand:
                    - Write-Output hello
            """;

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static String create(String name) {
        ssm.createDocument(b -> b.name(name).content(COMMAND).documentType(DocumentType.COMMAND));
        return name;
    }

    @Test
    void createDescribesTheDocumentThenItIsActive() throws Exception {
        String name = unique("Hello");
        DocumentDescription d = ssm.createDocument(b -> b.name(name).content(COMMAND).displayName("Hello doc")
                .versionName("v1").targetType("/AWS::EC2::Instance").tags(t -> t.key("team").value("a")))
                .documentDescription();
        assertEquals("Creating", d.statusAsString());
        assertEquals(name, d.name());
        assertEquals(sha256(COMMAND), d.hash());
        assertEquals("Sha256", d.hashTypeAsString());
        assertEquals("Command", d.documentTypeAsString());
        assertEquals("JSON", d.documentFormatAsString());
        assertEquals("2.2", d.schemaVersion());
        assertEquals("Says hello", d.description());
        assertEquals("1", d.documentVersion());
        assertEquals("1", d.latestVersion());
        assertEquals("1", d.defaultVersion());
        assertEquals("v1", d.versionName());
        assertEquals("Hello doc", d.displayName());
        assertEquals("/AWS::EC2::Instance", d.targetType());
        assertEquals(List.of("Linux", "MacOS"), d.platformTypesAsStrings());
        assertEquals(gureum.context().config().defaultAccount(), d.owner());
        assertEquals("who", d.parameters().get(0).name());
        assertEquals("world", d.parameters().get(0).defaultValue());
        assertEquals("String", d.parameters().get(0).typeAsString());
        assertEquals(List.of(Tag.builder().key("team").value("a").build()), d.tags());

        DocumentDescription now = ssm.describeDocument(b -> b.name(name)).document();
        assertEquals("Active", now.statusAsString());
        assertEquals(d.createdDate(), now.createdDate());
        var got = ssm.getDocument(b -> b.name(name));
        assertEquals(COMMAND, got.content());
        assertEquals("Active", got.statusAsString());
        assertEquals("1", got.documentVersion());
        assertEquals("v1", got.versionName());
        Arn arn = Arn.of("ssm", "us-east-1", d.owner(), "document/" + name);
        assertEquals(Map.of("team", "a"), gureum.context().registry().tags(arn));

        assertError(DocumentAlreadyExistsException.class, "DocumentAlreadyExists", 400, null, () -> create(name));
    }

    @Test
    void contentAndNamesAreChecked() {
        assertError(InvalidDocumentContentException.class, "InvalidDocumentContent", 400, null,
                () -> ssm.createDocument(b -> b.name(unique("Bad")).content("{not json")));
        assertError(InvalidDocumentContentException.class, "InvalidDocumentContent", 400, null,
                () -> ssm.createDocument(b -> b.name(unique("Bad")).content(COMMAND + " {}")));
        assertError(InvalidDocumentContentException.class, "InvalidDocumentContent", 400, null,
                () -> ssm.createDocument(b -> b.name(unique("Bad")).content("[1, 2]")), "an object, not an array");
        assertError(InvalidDocumentContentException.class, "InvalidDocumentContent", 400, null,
                () -> ssm.createDocument(b -> b.name(unique("Bad")).content(COMMAND_YAML)),
                "YAML content is not JSON, the default format");
        assertError(InvalidDocumentSchemaVersionException.class, "InvalidDocumentSchemaVersion", 400, null,
                () -> ssm.createDocument(b -> b.name(unique("Bad")).documentType(DocumentType.AUTOMATION)
                        .content(COMMAND)));
        assertError(InvalidDocumentSchemaVersionException.class, "InvalidDocumentSchemaVersion", 400, null,
                () -> ssm.createDocument(b -> b.name(unique("Bad")).content("{\"mainSteps\":[]}")));
        for (String reserved : List.of("AWS-Mine", "aws", "amazon-doc", "AmznThing", "AWSSupport-x")) {
            assertError(ValidationException.class, "ValidationException", 400, null,
                    () -> ssm.createDocument(b -> b.name(reserved + "-" + unique("x")).content(COMMAND)));
        }
        assertError(ValidationException.class, "ValidationException", 400, null,
                () -> ssm.createDocument(b -> b.name("bad name").content(COMMAND)));
        assertError(InvalidDocumentException.class, "InvalidDocument", 400, null,
                () -> ssm.describeDocument(b -> b.name(unique("Missing"))));
        assertError(InvalidDocumentException.class, "InvalidDocument", 400, null,
                () -> ssm.getDocument(b -> b.name(unique("Missing"))));
    }

    @Test
    void yamlDocumentsAndFormatConversion() throws Exception {
        String name = unique("Yaml");
        DocumentDescription d = ssm.createDocument(b -> b.name(name).content(COMMAND_YAML)
                .documentFormat(DocumentFormat.YAML)).documentDescription();
        assertEquals("YAML", d.documentFormatAsString());
        assertEquals(List.of("Windows"), d.platformTypesAsStrings());
        assertEquals("Says hello in YAML", d.description());
        assertEquals(COMMAND_YAML, ssm.getDocument(b -> b.name(name)).content());
        var json = ssm.getDocument(b -> b.name(name).documentFormat(DocumentFormat.JSON));
        assertEquals("JSON", json.documentFormatAsString());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(COMMAND_YAML);
        assertEquals(fromYaml, mapper.readTree(json.content()));

        String jsonName = create(unique("Json"));
        var yaml = ssm.getDocument(b -> b.name(jsonName).documentFormat(DocumentFormat.YAML));
        assertEquals("YAML", yaml.documentFormatAsString());
        assertEquals(mapper.readTree(COMMAND), new ObjectMapper(new YAMLFactory()).readTree(yaml.content()));
    }

    @Test
    void updatesMakeVersionsAndTheDefaultMoves() {
        String name = unique("Versions");
        ssm.createDocument(b -> b.name(name).content(COMMAND).versionName("one"));
        String second = COMMAND.replace("Says hello", "Says hello again");
        DocumentDescription v2 = ssm.updateDocument(b -> b.name(name).content(second).documentVersion("$LATEST")
                .versionName("two")).documentDescription();
        assertEquals("Updating", v2.statusAsString());
        assertEquals("2", v2.documentVersion());
        assertEquals("2", v2.latestVersion());
        assertEquals("1", v2.defaultVersion());
        assertEquals("Says hello", ssm.describeDocument(b -> b.name(name)).document().description(),
                "the default version is still 1");
        assertEquals("Says hello again", ssm.describeDocument(b -> b.name(name).documentVersion("$LATEST")).document()
                .description());
        assertEquals(second, ssm.getDocument(b -> b.name(name).versionName("two")).content());
        assertEquals(COMMAND, ssm.getDocument(b -> b.name(name).documentVersion("1")).content());

        assertError(DuplicateDocumentContentException.class, "DuplicateDocumentContent", 400, null,
                () -> ssm.updateDocument(b -> b.name(name).content(second)));
        assertError(InvalidDocumentVersionException.class, "InvalidDocumentVersion", 400, null,
                () -> ssm.updateDocument(b -> b.name(name).content(COMMAND + " ").documentVersion("1")),
                "only the latest version can be updated");
        assertError(DuplicateDocumentVersionNameException.class, "DuplicateDocumentVersionName", 400, null,
                () -> ssm.updateDocument(b -> b.name(name).content(COMMAND + " ").versionName("one")));
        assertError(InvalidDocumentVersionException.class, "InvalidDocumentVersion", 400, null,
                () -> ssm.getDocument(b -> b.name(name).documentVersion("7")));
        assertError(InvalidDocumentVersionException.class, "InvalidDocumentVersion", 400, null,
                () -> ssm.getDocument(b -> b.name(name).documentVersion("1").versionName("two")));

        var dflt = ssm.updateDocumentDefaultVersion(b -> b.name(name).documentVersion("2")).description();
        assertEquals("2", dflt.defaultVersion());
        assertEquals("two", dflt.defaultVersionName());
        assertEquals(second, ssm.getDocument(b -> b.name(name)).content());
        assertError(InvalidDocumentVersionException.class, "InvalidDocumentVersion", 400, null,
                () -> ssm.updateDocumentDefaultVersion(b -> b.name(name).documentVersion("9")));

        List<DocumentVersionInfo> versions = ssm.listDocumentVersions(b -> b.name(name)).documentVersions();
        assertEquals(List.of("1", "2"), versions.stream().map(DocumentVersionInfo::documentVersion).toList());
        assertEquals(List.of(false, true), versions.stream().map(DocumentVersionInfo::isDefaultVersion).toList());
        var page = ssm.listDocumentVersions(b -> b.name(name).maxResults(1));
        assertEquals("1", page.documentVersions().get(0).documentVersion());
        assertEquals("2", ssm.listDocumentVersions(b -> b.name(name).maxResults(1).nextToken(page.nextToken()))
                .documentVersions().get(0).documentVersion());

        assertError(InvalidDocumentOperationException.class, "InvalidDocumentOperation", 400, null,
                () -> ssm.deleteDocument(b -> b.name(name).documentVersion("2")), "the default version stays");
        ssm.deleteDocument(b -> b.name(name).documentVersion("1"));
        assertEquals(List.of("2"), ssm.listDocumentVersions(b -> b.name(name)).documentVersions().stream()
                .map(DocumentVersionInfo::documentVersion).toList());
        ssm.deleteDocument(b -> b.name(name));
        assertError(InvalidDocumentException.class, "InvalidDocument", 400, null,
                () -> ssm.describeDocument(b -> b.name(name)));
        assertError(InvalidDocumentException.class, "InvalidDocument", 400, null,
                () -> ssm.deleteDocument(b -> b.name(name)));
    }

    @Test
    void listingFiltersAndPages() {
        String prefix = unique("List");
        create(prefix + "-a");
        create(prefix + "-b");
        ssm.createDocument(b -> b.name(prefix + "-c").content("{\"schemaVersion\":\"0.3\",\"mainSteps\":[]}")
                .documentType(DocumentType.AUTOMATION).tags(t -> t.key("env").value("prod")));
        assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"),
                names(ssm.listDocuments(b -> b.filters(f -> f.key("Name").values(prefix))).documentIdentifiers()));
        assertEquals(List.of(prefix + "-c"), names(ssm.listDocuments(b -> b.filters(f -> f.key("Name").values(prefix),
                f -> f.key("DocumentType").values("Automation"))).documentIdentifiers()));
        assertEquals(List.of(prefix + "-c"), names(ssm.listDocuments(b -> b.filters(f -> f.key("Name").values(prefix),
                f -> f.key("tag:env").values("prod", "dev"))).documentIdentifiers()));
        assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), names(ssm.listDocuments(b -> b
                .filters(f -> f.key("Name").values(prefix), f -> f.key("Owner").values("Self"))).documentIdentifiers()));
        assertTrue(ssm.listDocuments(b -> b.filters(f -> f.key("Owner").values("Amazon"))).documentIdentifiers()
                .isEmpty(), "AWS's own documents are not served");
        assertEquals(List.of(prefix + "-a", prefix + "-b", prefix + "-c"), names(ssm.listDocuments(b -> b
                .documentFilterList(f -> f.key("Name").value(prefix))).documentIdentifiers()));

        var first = ssm.listDocuments(b -> b.filters(f -> f.key("Name").values(prefix)).maxResults(2));
        assertEquals(2, first.documentIdentifiers().size());
        var second = ssm.listDocuments(b -> b.filters(f -> f.key("Name").values(prefix)).maxResults(2)
                .nextToken(first.nextToken()));
        assertEquals(List.of(prefix + "-c"), names(second.documentIdentifiers()));
        assertNull(second.nextToken());
        DocumentIdentifier c = second.documentIdentifiers().get(0);
        assertEquals("0.3", c.schemaVersion());
        assertEquals("1", c.documentVersion());
        assertEquals(gureum.context().config().defaultAccount(), c.owner());

        assertError(InvalidFilterKeyException.class, "InvalidFilterKey", 400, null,
                () -> ssm.listDocuments(b -> b.filters(f -> f.key("Colour").values("x"))));
    }

    @Test
    void sharingWithAccountsAndPublicly() {
        String name = create(unique("Shared"));
        ssm.modifyDocumentPermission(b -> b.name(name).permissionType("Share").accountIdsToAdd("111122223333",
                "444455556666"));
        var perms = ssm.describeDocumentPermission(b -> b.name(name).permissionType("Share"));
        assertEquals(List.of("111122223333", "444455556666"), perms.accountIds());
        assertEquals("$DEFAULT", perms.accountSharingInfoList().get(0).sharedDocumentVersion());

        String owner = gureum.context().config().defaultAccount();
        String arn = "arn:aws:ssm:us-east-1:" + owner + ":document/" + name;
        try (SsmClient other = AwsClients.client(SsmClient.builder(), gureum.endpoint(), "111122223333",
                "us-east-1")) {
            assertEquals(COMMAND, other.getDocument(b -> b.name(arn)).content(), "shared by ARN");
            assertEquals(owner, other.describeDocument(b -> b.name(arn)).document().owner());
            assertTrue(names(other.listDocuments(b -> b.filters(f -> f.key("Owner").values("Private")))
                    .documentIdentifiers()).contains(name));
            assertError(InvalidDocumentException.class, "InvalidDocument", 400, null,
                    () -> other.updateDocument(b -> b.name(name).content(COMMAND + " ")), "only its owner updates it");
        }

        assertError(InvalidDocumentOperationException.class, "InvalidDocumentOperation", 400, null,
                () -> ssm.deleteDocument(b -> b.name(name)), "a shared document is not deleted");
        ssm.modifyDocumentPermission(b -> b.name(name).permissionType("Share").accountIdsToAdd("All")
                .accountIdsToRemove("111122223333", "444455556666"));
        assertEquals(List.of("all"), ssm.describeDocumentPermission(b -> b.name(name).permissionType("Share"))
                .accountIds());
        try (SsmClient stranger = AwsClients.client(SsmClient.builder(), gureum.endpoint(), "999988887777",
                "us-east-1")) {
            assertTrue(names(stranger.listDocuments(b -> b.filters(f -> f.key("Owner").values("Public")))
                    .documentIdentifiers()).contains(name));
            assertFalse(names(stranger.listDocuments(b -> b.filters(f -> f.key("Owner").values("Self")))
                    .documentIdentifiers()).contains(name));
        }
        ssm.modifyDocumentPermission(b -> b.name(name).permissionType("Share").accountIdsToRemove("all"));
        ssm.deleteDocument(b -> b.name(name));
    }

    @Test
    void tagsOfDocuments() {
        String name = create(unique("Tagged"));
        ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT).resourceId(name)
                .tags(t -> t.key("a").value("1"), t -> t.key("b").value("2")));
        ssm.removeTagsFromResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT).resourceId(name).tagKeys("a"));
        assertEquals(Map.of("b", "2"), ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT)
                .resourceId(name)).tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value)));
        assertEquals(Map.of("b", "2"), ssm.describeDocument(b -> b.name(name)).document().tags().stream()
                .collect(Collectors.toMap(Tag::key, Tag::value)));
        assertError(software.amazon.awssdk.services.ssm.model.InvalidResourceIdException.class, "InvalidResourceId",
                400, null, () -> ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT)
                        .resourceId(unique("Nope"))));
        Arn arn = Arn.of("ssm", "us-east-1", gureum.context().config().defaultAccount(), "document/" + name);
        assertEquals(Map.of("b", "2"), gureum.context().registry().tags(arn));
        ssm.deleteDocument(b -> b.name(name));
        assertTrue(gureum.context().registry().byArn(arn).isEmpty(), "deleting a document unregisters it");
    }

    /** {@link #assertError} with why the call must fail, for the reader. */
    static <T extends software.amazon.awssdk.awscore.exception.AwsServiceException> T assertError(Class<T> type,
            String code, int status, String message, org.junit.jupiter.api.function.Executable call, String why) {
        return assertError(type, code, status, message, call);
    }

    static List<String> names(List<DocumentIdentifier> ids) {
        return ids.stream().map(DocumentIdentifier::name).toList();
    }
}
