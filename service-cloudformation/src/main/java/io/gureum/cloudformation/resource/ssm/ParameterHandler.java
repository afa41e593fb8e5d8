package io.gureum.cloudformation.resource.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceFailure;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.ResourceTag;
import io.gureum.cloudformation.resource.common.Drift;
import io.gureum.cloudformation.resource.common.PropertyAttributes;
import io.gureum.cloudformation.resource.common.Served;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.Tag;

/**
 * {@code AWS::SSM::Parameter}. {@code Ref} is the parameter name; {@code Fn::GetAtt} gives {@code Type} and
 * {@code Value}, and, as CloudFormation lets it read this type's properties, {@code Name}, {@code DataType} and the
 * template's other scalar properties ({@link PropertyAttributes}). {@code Name} replaces it; the rest is put again in place (a new version). CloudFormation
 * creates {@code String} and {@code StringList} parameters only, not {@code SecureString}
 * (AWS::SSM::Parameter, Type). {@code Tags} is a map here, not a list.
 */
public final class ParameterHandler implements ResourceHandler {
    /** The properties this handler applies; any other fails the resource ({@link Served}). */
    private static final Set<String> SERVED = Set.of(
            "AllowedPattern", "DataType", "Description", "Name", "Policies", "Tags", "Tier", "Type", "Value");

    @Override
    public String type() {
        return "AWS::SSM::Parameter";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of("Name");
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.has("Name") ? r.text("Name") : "CFN-" + r.logicalId() + "-" + r.nameSuffix();
        put(r, name, false);
        List<Tag> tags = new ArrayList<>();
        tags(r).forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        if (!tags.isEmpty()) {
            r.client(SsmClient.class).addTagsToResource(b -> b.resourceType("Parameter").resourceId(name).tags(tags));
        }
        return result(r, name);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        String name = r.physicalId();
        put(r, name, true);
        if (r.changedProperties().contains("Tags")) {
            SsmClient ssm = r.client(SsmClient.class);
            Map<String, String> now = tags(r);
            List<String> removed = new ArrayList<>();
            ssm.listTagsForResource(b -> b.resourceType("Parameter").resourceId(name)).tagList()
                    .forEach(t -> {
                        if (!now.containsKey(t.key())) {
                            removed.add(t.key());
                        }
                    });
            if (!removed.isEmpty()) {
                ssm.removeTagsFromResource(b -> b.resourceType("Parameter").resourceId(name).tagKeys(removed));
            }
            List<Tag> tags = new ArrayList<>();
            now.forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
            if (!tags.isEmpty()) {
                ssm.addTagsToResource(b -> b.resourceType("Parameter").resourceId(name).tags(tags));
            }
        }
        return result(r, name);
    }

    @Override
    public void delete(ResourceRequest r) {
        try {
            r.client(SsmClient.class).deleteParameter(b -> b.name(r.physicalId()));
        } catch (ParameterNotFoundException gone) {
            // Already deleted.
        }
    }

    private static void put(ResourceRequest r, String name, boolean overwrite) {
        String type = r.requiredText("Type");
        if ("SecureString".equals(type)) {
            throw new ResourceFailure("Properties validation failed for resource " + r.logicalId()
                    + " with message: #/Type: SecureString is not a valid enum value");
        }
        r.client(SsmClient.class).putParameter(PutParameterRequest.builder().name(name).type(type)
                .value(r.requiredText("Value")).description(r.text("Description"))
                .allowedPattern(r.text("AllowedPattern")).tier(r.text("Tier")).dataType(r.text("DataType"))
                .policies(r.text("Policies")).overwrite(overwrite ? true : null).build());
    }

    /** The stack's tags, including the {@code aws:cloudformation:*} ones, then the template's map. */
    private static Map<String, String> tags(ResourceRequest r) {
        Map<String, String> map = new LinkedHashMap<>();
        for (ResourceTag t : r.tags()) {
            map.put(t.key(), t.value());
        }
        JsonNode given = r.property("Tags");
        if (given != null) {
            given.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    private static Created result(ResourceRequest r, String name) {
        var p = r.client(SsmClient.class).getParameter(b -> b.name(name)).parameter();
        return PropertyAttributes.add(Created.of(name).attribute("Type", p.typeAsString()).attribute("Value", p.value())
                .attribute("Name", name).attribute("DataType", p.dataType()), r);
    }

    @Override
    public boolean readable() {
        return true;
    }

    @Override
    public JsonNode read(ResourceRequest r) {
        software.amazon.awssdk.services.ssm.model.ParameterMetadata meta = r.client(SsmClient.class)
                .describeParameters(b -> b.parameterFilters(f -> f.key("Name").values(r.physicalId()))).parameters()
                .stream().findFirst().orElse(null);
        if (meta == null) {
            return null;
        }
        var p = r.client(SsmClient.class).getParameter(b -> b.name(r.physicalId())).parameter();
        return new Drift(r).put("Name", p.name()).put("Type", p.typeAsString()).put("Value", p.value())
                .put("Description", meta.description()).put("AllowedPattern", meta.allowedPattern())
                .put("Tier", meta.tierAsString()).put("DataType", meta.dataType()).result();
    }
}
