package io.gureum.dynamodb;

import io.gureum.core.error.ModeledErrors;
import io.gureum.core.ids.Arn;
import io.gureum.core.state.ResourceRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.ListTagsOfResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.TagResourceResponse;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceRequest;
import software.amazon.awssdk.services.dynamodb.model.UntagResourceResponse;

/** TagResource, UntagResource and ListTagsOfResource on tables, found by ARN in the caller's region. */
final class TableTags {
    private final DynamoDbState state;

    TableTags(DynamoDbState state) {
        this.state = state;
    }

    private Table byArn(Database db, String arn) {
        if (arn != null) {
            for (Table t : db.tables.values()) {
                if (t.arn.equals(arn)) {
                    return t;
                }
            }
        }
        throw ModeledErrors.of(ResourceNotFoundException.class,
                "Requested resource not found: ResourcArn: " + arn + " not found");
    }

    /** A table's tags live in core's registry, the one record every service's tags share. */
    public TagResourceResponse tagResource(TagResourceRequest r) {
        Database db = state.database();
        Table t = byArn(db, r.resourceArn());
        Arn arn = Arn.parse(t.arn);
        Map<String, String> merged = new LinkedHashMap<>(registry().tags(arn));
        r.tags().forEach(tag -> merged.put(tag.key(), tag.value()));
        if (merged.size() > 50) {
            throw DynamoErrors.validation("One or more parameter values were invalid: The number of tags exceeds the limit of 50");
        }
        registry().replaceTags(arn, merged);
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        Database db = state.database();
        Table t = byArn(db, r.resourceArn());
        registry().untag(Arn.parse(t.arn), r.tagKeys());
        return UntagResourceResponse.builder().build();
    }

    public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest r) {
        Database db = state.database();
        Table t = byArn(db, r.resourceArn());
        List<Tag> tags = new ArrayList<>();
        registry().tags(Arn.parse(t.arn)).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        return ListTagsOfResourceResponse.builder().tags(tags).build();
    }

    private ResourceRegistry registry() {
        return state.context.registry();
    }
}
