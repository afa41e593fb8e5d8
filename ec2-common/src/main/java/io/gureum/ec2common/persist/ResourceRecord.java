package io.gureum.ec2common.persist;

import com.fasterxml.jackson.databind.JsonNode;
import io.gureum.core.state.RegisteredTags;

/**
 * A resource's record: its fields (tags included) and whether it is in core's resource registry (a deleted
 * volume or terminated instance is still described for a while, but no longer taggable).
 */
public final class ResourceRecord {
    public boolean registered;
    public Object resource;

    ResourceRecord() {
    }

    private ResourceRecord(boolean registered, Object resource) {
        this.registered = registered;
        this.resource = resource;
    }

    /** The record of a resource whose tags are {@code tags}. */
    public static ResourceRecord of(Object resource, RegisteredTags tags) {
        return new ResourceRecord(tags.attached(), resource);
    }

    /** Whether the record's resource was registered. */
    public static boolean registered(JsonNode record) {
        return record.path("registered").asBoolean();
    }

    /** The resource of a record. */
    public static <T> T resource(JsonNode record, Class<T> type) {
        return FieldJson.read(record.get("resource"), type);
    }
}
