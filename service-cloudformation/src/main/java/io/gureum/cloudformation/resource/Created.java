package io.gureum.cloudformation.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource as {@link ResourceHandler#create} or {@link ResourceHandler#update} left it: the physical id
 * ({@code Ref}'s value) and the {@code Fn::GetAtt} attributes by name (strings, or lists for attributes
 * AWS documents as lists, such as a VPC's {@code Ipv6CidrBlocks}).
 */
public record Created(String physicalId, Map<String, JsonNode> attributes) {

    public Created {
        if (physicalId == null || physicalId.isEmpty()) {
            throw new IllegalArgumentException("a physical id is required");
        }
        attributes = Map.copyOf(attributes);
    }

    /** A resource with no attributes yet. */
    public static Created of(String physicalId) {
        return new Created(physicalId, Map.of());
    }

    /** This resource with a string attribute added (a null value leaves the attribute out). */
    public Created attribute(String name, String value) {
        return value == null ? this : attribute(name, JsonNodeFactory.instance.textNode(value));
    }

    /** This resource with an attribute added. */
    public Created attribute(String name, JsonNode value) {
        Map<String, JsonNode> copy = new LinkedHashMap<>(attributes);
        copy.put(name, value);
        return new Created(physicalId, copy);
    }
}
