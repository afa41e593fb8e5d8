package io.gureum.core.persist;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One piece of a service's state: {@code (service, account, region, kind, key) → value}, the value a
 * JSON document of the service's own record class ({@link java.time.Instant}s as ISO-8601 text). {@code account} and {@code region} are empty for
 * what is not scoped by them (a global service's region, core's clock).
 */
public record StateRecord(String service, String account, String region, String kind, String key, byte[] value) {

    /** Values are JSON; unknown fields are ignored so a newer field added to a record class reads old files. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new com.fasterxml.jackson.databind.module.SimpleModule("instants")
                    .addSerializer(java.time.Instant.class,
                            com.fasterxml.jackson.databind.ser.std.ToStringSerializer.instance)
                    .addDeserializer(java.time.Instant.class,
                            new com.fasterxml.jackson.databind.deser.std.FromStringDeserializer<java.time.Instant>(
                                    java.time.Instant.class) {
                                @Override
                                protected java.time.Instant _deserialize(String value,
                                        com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                                    return java.time.Instant.parse(value);
                                }
                            }))
            .build();

    public StateRecord {
        Objects.requireNonNull(service, "service");
        account = account == null ? "" : account;
        region = region == null ? "" : region;
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
    }

    /** A record whose value is {@code value} written as JSON. */
    public static StateRecord of(String service, String account, String region, String kind, String key, Object value) {
        return new StateRecord(service, account, region, kind, key, toJson(value));
    }

    /** The value read as {@code type}. */
    public <T> T value(Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + service + " " + kind + " record " + key, e);
        }
    }

    static byte[] toJson(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** The record's identity, without its value. */
    public Id id() {
        return new Id(service, account, region, kind, key);
    }

    /** Where a record lives: what a later put replaces and a delete removes. */
    public record Id(String service, String account, String region, String kind, String key) {
    }
}
