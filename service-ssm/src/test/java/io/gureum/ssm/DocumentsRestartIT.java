package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gureum.core.Gureum;
import io.gureum.core.GureumConfig;
import io.gureum.core.testing.AwsClients;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DocumentFormat;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;

/** SSM documents found again after a restart on the same --data-dir: versions, default, sharing, tags. */
class DocumentsRestartIT {
    @TempDir
    Path dataDir;

    private Gureum start() {
        return Gureum.start(GureumConfig.builder().port(0).dataDir(dataDir).build());
    }

    @Test
    void documentsSurviveARestart() {
        String second = DocumentsIT.COMMAND.replace("Says hello", "Again");
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            ssm.createDocument(b -> b.name("Kept").content(DocumentsIT.COMMAND).versionName("one")
                    .tags(t -> t.key("team").value("a")));
            ssm.updateDocument(b -> b.name("Kept").content(second));
            ssm.updateDocumentDefaultVersion(b -> b.name("Kept").documentVersion("2"));
            ssm.modifyDocumentPermission(b -> b.name("Kept").permissionType("Share").accountIdsToAdd("111122223333"));
            ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT).resourceId("Kept")
                    .tags(t -> t.key("env").value("dev")));
            ssm.createDocument(b -> b.name("Gone").content(DocumentsIT.COMMAND_YAML).documentFormat(DocumentFormat.YAML));
            ssm.deleteDocument(b -> b.name("Gone"));
        }
        try (Gureum g = start(); SsmClient ssm = AwsClients.client(SsmClient.builder(), g)) {
            var d = ssm.describeDocument(b -> b.name("Kept")).document();
            assertEquals("2", d.defaultVersion());
            assertEquals("2", d.latestVersion());
            assertEquals(second, ssm.getDocument(b -> b.name("Kept")).content());
            assertEquals(DocumentsIT.COMMAND, ssm.getDocument(b -> b.name("Kept").versionName("one")).content());
            assertEquals(List.of("111122223333"), ssm.describeDocumentPermission(b -> b.name("Kept")
                    .permissionType("Share")).accountIds());
            assertEquals(2, ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT)
                    .resourceId("Kept")).tagList().size());
            assertThrows(InvalidDocumentException.class, () -> ssm.describeDocument(b -> b.name("Gone")));
        }
    }
}
