package io.gureum.ssm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.core.ids.Arn;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.model.InvalidResourceIdException;
import software.amazon.awssdk.services.ssm.model.InvalidResourceTypeException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ResourceTypeForTagging;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.TooManyTagsErrorException;

/** AddTagsToResource, RemoveTagsFromResource, ListTagsForResource on parameters, kept in core's registry. */
class TagsIT extends SsmTestSupport {

    @Test
    void tagsAreAddedOverwrittenRemovedAndRegistered() {
        String name = unique("/tags");
        ssm.putParameter(b -> b.name(name).value("v").type(ParameterType.STRING).tags(t -> t.key("env").value("dev")));
        ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)
                .tags(t -> t.key("env").value("prod"), t -> t.key("team").value("blue")));
        assertEquals(Map.of("env", "prod", "team", "blue"), tags(name));
        Arn arn = Arn.parse(ssm.getParameter(b -> b.name(name)).parameter().arn());
        assertEquals(Map.of("env", "prod", "team", "blue"), gureum.context().registry().tags(arn));

        ssm.removeTagsFromResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)
                .tagKeys("env", "absent"));
        assertEquals(Map.of("team", "blue"), tags(name));

        ssm.deleteParameter(b -> b.name(name));
        assertTrue(gureum.context().registry().byArn(arn).isEmpty(), "deleting a parameter unregisters it");
    }

    @Test
    void fiftyTagsAtMost() {
        String name = put(unique("/many-tags"), "v");
        List<Tag> fifty = IntStream.range(0, 50).mapToObj(i -> Tag.builder().key("k" + i).value("v").build()).toList();
        ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name).tags(fifty));
        assertError(TooManyTagsErrorException.class, "TooManyTagsError", 400, null,
                () -> ssm.addTagsToResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)
                        .tags(t -> t.key("one-more").value("v"))));
        assertEquals(50, tags(name).size());
    }

    @Test
    void unknownParametersAndOtherResourceTypes() {
        assertError(InvalidResourceIdException.class, "InvalidResourceId", 400, null,
                () -> ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER)
                        .resourceId(unique("/nope"))));
        assertError(InvalidResourceTypeException.class, "InvalidResourceType", 400, null,
                () -> ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.OPS_METADATA).resourceId("/aws/ssm/x")));
    }

    static Map<String, String> tags(String name) {
        return ssm.listTagsForResource(b -> b.resourceType(ResourceTypeForTagging.PARAMETER).resourceId(name)).tagList()
                .stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }
}
