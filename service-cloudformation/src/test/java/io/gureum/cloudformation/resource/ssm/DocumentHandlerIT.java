package io.gureum.cloudformation.resource.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.cloudformation.resource.HandlerTestSupport;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DocumentFormat;
import software.amazon.awssdk.services.ssm.model.InvalidDocumentException;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;

/** AWS::SSM::Document: created from an object Content, Ref the name, new versions or replacement, deleted. */
class DocumentHandlerIT extends HandlerTestSupport {
    static final String CONTENT = "{'schemaVersion':'2.2','description':'%s','mainSteps':[{'action':"
            + "'aws:runShellScript','name':'run','inputs':{'runCommand':['echo hi']}}]}";

    @Test
    void createdUpdatedWithNewVersionsAndDeleted() throws Exception {
        DocumentHandler h = new DocumentHandler();
        var props = props("{'Name':'RunIt','DocumentType':'Command','DocumentFormat':'YAML','UpdateMethod':'NewVersion',"
                + "'Content':" + CONTENT.formatted("first") + ",'Tags':[{'Key':'env','Value':'dev'}]}");
        Deployed d = create(h, "Doc", props);
        assertEquals("RunIt", d.id());
        SsmClient ssm = client(SsmClient.class);
        var described = ssm.describeDocument(b -> b.name("RunIt")).document();
        assertEquals("YAML", described.documentFormatAsString());
        assertEquals("first", described.description());
        assertEquals("Command", described.documentTypeAsString());
        var json = ssm.getDocument(b -> b.name("RunIt").documentFormat(DocumentFormat.JSON)).content();
        assertEquals(JSON.readTree(CONTENT.formatted("first").replace('\'', '"')), JSON.readTree(json));
        Map<String, String> tags = ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT)
                .resourceId("RunIt")).tagList().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertEquals("dev", tags.get("env"));
        assertEquals("Doc", tags.get("aws:cloudformation:logical-id"));

        var changed = props("{'Name':'RunIt','DocumentType':'Command','DocumentFormat':'YAML',"
                + "'UpdateMethod':'NewVersion','Content':" + CONTENT.formatted("second") + "}");
        assertFalse(replaces(d, changed), "NewVersion updates the content in place");
        Deployed d2 = update(d, changed);
        var now = ssm.describeDocument(b -> b.name("RunIt")).document();
        assertEquals("2", now.defaultVersion());
        assertEquals("second", now.description());
        assertFalse(ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.DOCUMENT).resourceId("RunIt"))
                .tagList().stream().anyMatch(t -> t.key().equals("env")), "the removed tag is gone");
        assertTrue(replaces(d2, props("{'Name':'Other','DocumentType':'Command','UpdateMethod':'NewVersion',"
                + "'Content':" + CONTENT.formatted("second") + "}")), "a new Name replaces it");

        delete(d2);
        assertThrows(InvalidDocumentException.class, () -> ssm.describeDocument(b -> b.name("RunIt")));
    }

    @Test
    void replaceIsTheDefaultUpdateMethodAndNamesAreGenerated() {
        DocumentHandler h = new DocumentHandler();
        Deployed d = create(h, "Doc", props("{'Content':" + CONTENT.formatted("one") + "}"));
        assertTrue(d.id().startsWith(STACK + "-Doc-"), d.id());
        SsmClient ssm = client(SsmClient.class);
        assertEquals("JSON", ssm.describeDocument(b -> b.name(d.id())).document().documentFormatAsString());
        assertTrue(replaces(d, props("{'Content':" + CONTENT.formatted("two") + "}")));
        assertFalse(replaces(d, props("{'Content':" + CONTENT.formatted("one") + ",'Tags':[{'Key':'a','Value':'b'}]}")));
        delete(d);
        assertThrows(InvalidDocumentException.class, () -> ssm.describeDocument(b -> b.name(d.id())));
    }
}
