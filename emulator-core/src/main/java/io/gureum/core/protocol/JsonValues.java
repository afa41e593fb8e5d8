package io.gureum.core.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Reads and writes SDK model values as JSON (the awsJson and restJson bodies) or, through Jackson's CBOR
 * parser and generator, as CBOR: the same data model, with blobs as byte strings, timestamps as numbers
 * under tag 1 and non-finite floats as themselves ({@link Flavor}).
 */
public final class JsonValues {
    private JsonValues() {
    }

    /** The document format, where it changes how a value is written. */
    public enum Flavor {
        /** awsJson and restJson: base64 blobs, epoch-seconds timestamps, "NaN" strings. */
        JSON,
        /**
         * awsJson over CBOR (Kinesis's {@code application/x-amz-cbor-1.1}): timestamps are epoch
         * milliseconds, as the SDK's {@code AwsCborProtocolFactory} writes and reads them.
         */
        CBOR_EPOCH_MILLIS,
        /** Smithy rpcv2Cbor: timestamps are epoch seconds (a float), tag 1. */
        CBOR_EPOCH_SECONDS;

        boolean cbor() {
            return this != JSON;
        }
    }

    /** Fills a builder from a JSON object; only body members unless {@code allLocations}. */
    public static void readStruct(JsonNode object, SdkPojo builder, boolean allLocations) {
        readStruct(object, builder, allLocations, Flavor.JSON);
    }

    public static void readStruct(JsonNode object, SdkPojo builder, boolean allLocations, Flavor flavor) {
        if (!object.isObject()) {
            throw new IllegalArgumentException("Expected a JSON object");
        }
        for (SdkField<?> field : builder.sdkFields()) {
            if (!allLocations && field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            JsonNode node = object.get(field.locationName());
            if (node == null || node.isNull()) {
                continue;
            }
            Pojos.set(field, builder, read(field, node, flavor));
        }
    }

    public static Object read(SdkField<?> field, JsonNode node) {
        return read(field, node, Flavor.JSON);
    }

    public static Object read(SdkField<?> field, JsonNode node, Flavor flavor) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            require(node.isTextual(), field, "a string");
            return node.textValue();
        } else if (type == MarshallingType.INTEGER) {
            require(node.isNumber(), field, "a number");
            return node.intValue();
        } else if (type == MarshallingType.LONG) {
            require(node.isNumber(), field, "a number");
            return node.longValue();
        } else if (type == MarshallingType.SHORT) {
            require(node.isNumber(), field, "a number");
            return node.shortValue();
        } else if (type == MarshallingType.BYTE) {
            require(node.isNumber(), field, "a number");
            return (byte) node.intValue();
        } else if (type == MarshallingType.DOUBLE) {
            return node.isTextual() ? special(node.textValue(), field)
                    : node.isFloatingPointNumber() ? node.doubleValue() : number(node, field).doubleValue();
        } else if (type == MarshallingType.FLOAT) {
            return node.isTextual() ? (float) special(node.textValue(), field)
                    : node.isFloatingPointNumber() ? node.floatValue() : number(node, field).floatValue();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return node.isTextual() ? new BigDecimal(node.textValue()) : number(node, field);
        } else if (type == MarshallingType.BOOLEAN) {
            require(node.isBoolean(), field, "a boolean");
            return node.booleanValue();
        } else if (type == MarshallingType.INSTANT) {
            if (node.isNumber() && flavor == Flavor.CBOR_EPOCH_MILLIS) {
                return node.isIntegralNumber() ? Instant.ofEpochMilli(node.longValue())
                        : Timestamps.fromEpochSeconds(node.decimalValue().movePointLeft(3));
            }
            if (node.isNumber()) {
                return Timestamps.fromEpochSeconds(node.decimalValue());
            }
            require(node.isTextual(), field, "a timestamp");
            return Timestamps.parse(node.textValue());
        } else if (type == MarshallingType.SDK_BYTES) {
            if (node.isBinary()) {
                try {
                    return SdkBytes.fromByteArrayUnsafe(node.binaryValue());
                } catch (IOException e) {
                    throw new IllegalArgumentException("Member " + field.locationName() + " is not a byte string");
                }
            }
            require(node.isTextual(), field, "base64 text");
            return SdkBytes.fromByteArrayUnsafe(Base64.getMimeDecoder().decode(node.textValue()));
        } else if (type == MarshallingType.SDK_POJO) {
            require(node.isObject(), field, "an object");
            SdkPojo nested = Pojos.newBuilder(field);
            readStruct(node, nested, true, flavor);
            return Pojos.build(nested);
        } else if (type == MarshallingType.LIST) {
            require(node.isArray(), field, "a list");
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> out = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                out.add(item.isNull() ? null : read(member, item, flavor));
            }
            return out;
        } else if (type == MarshallingType.MAP) {
            require(node.isObject(), field, "a map");
            SdkField<?> value = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().isNull() ? null : read(value, e.getValue(), flavor));
            }
            return out;
        } else if (type == MarshallingType.DOCUMENT) {
            return toDocument(node);
        }
        throw new IllegalArgumentException("Unsupported type " + type + " for " + field.memberName());
    }

    private static BigDecimal number(JsonNode node, SdkField<?> field) {
        require(node.isNumber(), field, "a number");
        return node.decimalValue();
    }

    private static double special(String text, SdkField<?> field) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException(
                    "Member " + field.locationName() + " must be a number, not '" + text + "'");
        };
    }

    private static void require(boolean ok, SdkField<?> field, String what) {
        if (!ok) {
            throw new IllegalArgumentException("Member " + field.locationName() + " must be " + what);
        }
    }

    /** Writes the body members of a POJO as a JSON object. */
    public static void writeStruct(JsonGenerator g, Object pojo, boolean payloadOnly) throws IOException {
        writeStruct(g, pojo, payloadOnly, Flavor.JSON);
    }

    public static void writeStruct(JsonGenerator g, Object pojo, boolean payloadOnly, Flavor flavor)
            throws IOException {
        g.writeStartObject();
        writeMembers(g, pojo, payloadOnly, flavor);
        g.writeEndObject();
    }

    public static void writeMembers(JsonGenerator g, Object pojo, boolean payloadOnly) throws IOException {
        writeMembers(g, pojo, payloadOnly, Flavor.JSON);
    }

    public static void writeMembers(JsonGenerator g, Object pojo, boolean payloadOnly, Flavor flavor)
            throws IOException {
        for (SdkField<?> field : ((SdkPojo) pojo).sdkFields()) {
            if (payloadOnly && field.location() != MarshallLocation.PAYLOAD) {
                continue;
            }
            Object value = Pojos.valueOf(field, pojo);
            if (value == null) {
                continue;
            }
            g.writeFieldName(field.locationName());
            write(g, field, value, flavor);
        }
    }

    public static void write(JsonGenerator g, SdkField<?> field, Object value) throws IOException {
        write(g, field, value, Flavor.JSON);
    }

    public static void write(JsonGenerator g, SdkField<?> field, Object value, Flavor flavor) throws IOException {
        MarshallingType<?> type = field.marshallingType();
        if (value == null) {
            g.writeNull();
        } else if (type == MarshallingType.STRING) {
            g.writeString((String) value);
        } else if (type == MarshallingType.INTEGER || type == MarshallingType.SHORT || type == MarshallingType.BYTE) {
            g.writeNumber(((Number) value).intValue());
        } else if (type == MarshallingType.LONG) {
            g.writeNumber((Long) value);
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
            double d = ((Number) value).doubleValue();
            if (flavor.cbor() && !Double.isFinite(d)) {
                g.writeNumber(d); // CBOR floats carry NaN and the infinities
            } else if (Double.isNaN(d)) {
                g.writeString("NaN");
            } else if (Double.isInfinite(d)) {
                g.writeString(d > 0 ? "Infinity" : "-Infinity");
            } else if (type == MarshallingType.FLOAT) {
                g.writeNumber((Float) value);
            } else {
                g.writeNumber(d);
            }
        } else if (type == MarshallingType.BIG_DECIMAL) {
            g.writeNumber((BigDecimal) value);
        } else if (type == MarshallingType.BOOLEAN) {
            g.writeBoolean((Boolean) value);
        } else if (type == MarshallingType.INSTANT) {
            TimestampFormatTrait.Format f = Timestamps.formatOf(field, TimestampFormatTrait.Format.UNIX_TIMESTAMP);
            if (f == TimestampFormatTrait.Format.UNIX_TIMESTAMP && flavor.cbor()) {
                CborValues.writeTimestamp(g, (Instant) value, flavor == Flavor.CBOR_EPOCH_MILLIS);
            } else if (f == TimestampFormatTrait.Format.UNIX_TIMESTAMP) {
                g.writeNumber(Timestamps.epochSeconds((Instant) value));
            } else {
                g.writeString(Timestamps.format((Instant) value, f));
            }
        } else if (type == MarshallingType.SDK_BYTES && flavor.cbor()) {
            g.writeBinary(((SdkBytes) value).asByteArrayUnsafe());
        } else if (type == MarshallingType.SDK_BYTES) {
            g.writeString(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe()));
        } else if (type == MarshallingType.SDK_POJO) {
            writeStruct(g, value, false, flavor);
        } else if (type == MarshallingType.LIST) {
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            g.writeStartArray();
            List<?> items = (List<?>) value;
            if (items instanceof java.util.RandomAccess) { // the SDK's lists: by index, without an iterator each
                for (int i = 0; i < items.size(); i++) {
                    write(g, member, items.get(i), flavor);
                }
            } else {
                for (Object item : items) {
                    write(g, member, item, flavor);
                }
            }
            g.writeEndArray();
        } else if (type == MarshallingType.MAP) {
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            g.writeStartObject();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, member, e.getValue(), flavor);
            }
            g.writeEndObject();
        } else if (type == MarshallingType.DOCUMENT) {
            writeDocument(g, (Document) value);
        } else {
            throw new IllegalArgumentException("Unsupported type " + type + " for " + field.memberName());
        }
    }

    public static Document toDocument(JsonNode node) {
        if (node == null || node.isNull()) {
            return Document.fromNull();
        } else if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        } else if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromString(node.numberValue().toString()));
        } else if (node.isTextual()) {
            return Document.fromString(node.textValue());
        } else if (node.isArray()) {
            List<Document> items = new ArrayList<>();
            node.forEach(n -> items.add(toDocument(n)));
            return Document.fromList(items);
        }
        Map<String, Document> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), toDocument(e.getValue())));
        return Document.fromMap(map);
    }

    public static void writeDocument(JsonGenerator g, Document d) throws IOException {
        if (d == null || d.isNull()) {
            g.writeNull();
        } else if (d.isBoolean()) {
            g.writeBoolean(d.asBoolean());
        } else if (d.isNumber()) {
            g.writeNumber(d.asNumber().bigDecimalValue());
        } else if (d.isString()) {
            g.writeString(d.asString());
        } else if (d.isList()) {
            g.writeStartArray();
            for (Document item : d.asList()) {
                writeDocument(g, item);
            }
            g.writeEndArray();
        } else {
            g.writeStartObject();
            for (Map.Entry<String, Document> e : d.asMap().entrySet()) {
                g.writeFieldName(e.getKey());
                writeDocument(g, e.getValue());
            }
            g.writeEndObject();
        }
    }
}
