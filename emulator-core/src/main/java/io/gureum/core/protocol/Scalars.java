package io.gureum.core.protocol;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/** Scalar model values as text: query strings, headers, XML text and URI labels. */
public final class Scalars {
    private Scalars() {
    }

    public static boolean isScalar(MarshallingType<?> type) {
        return type != MarshallingType.SDK_POJO && type != MarshallingType.LIST && type != MarshallingType.MAP
                && type != MarshallingType.DOCUMENT;
    }

    /** Parses text into the field's type; throws IllegalArgumentException with a readable message. */
    public static Object parse(SdkField<?> field, String text, TimestampFormatTrait.Format timestampDefault) {
        MarshallingType<?> type = field.marshallingType();
        try {
            if (type == MarshallingType.STRING) {
                return text;
            } else if (type == MarshallingType.INTEGER) {
                return Integer.valueOf(text.trim());
            } else if (type == MarshallingType.LONG) {
                return Long.valueOf(text.trim());
            } else if (type == MarshallingType.SHORT) {
                return Short.valueOf(text.trim());
            } else if (type == MarshallingType.BYTE) {
                return Byte.valueOf(text.trim());
            } else if (type == MarshallingType.DOUBLE) {
                return parseDouble(text.trim());
            } else if (type == MarshallingType.FLOAT) {
                return (float) parseDouble(text.trim());
            } else if (type == MarshallingType.BIG_DECIMAL) {
                return new BigDecimal(text.trim());
            } else if (type == MarshallingType.BOOLEAN) {
                String t = text.trim();
                if (t.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                } else if (t.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("not a boolean");
            } else if (type == MarshallingType.INSTANT) {
                return Timestamps.parse(text);
            } else if (type == MarshallingType.SDK_BYTES) {
                return SdkBytes.fromByteArrayUnsafe(Base64.getMimeDecoder().decode(text.trim()));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Invalid value for " + field.locationName() + ": '" + abbreviate(text) + "'", e);
        }
        throw new IllegalArgumentException("Member " + field.locationName() + " cannot be given as text");
    }

    private static double parseDouble(String t) {
        return switch (t) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(t);
        };
    }

    public static String format(SdkField<?> field, Object value, TimestampFormatTrait.Format timestampDefault) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.INSTANT) {
            return Timestamps.format((Instant) value, Timestamps.formatOf(field, timestampDefault));
        } else if (type == MarshallingType.SDK_BYTES) {
            return Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArrayUnsafe());
        } else if (type == MarshallingType.DOUBLE || type == MarshallingType.FLOAT) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return "NaN";
            } else if (Double.isInfinite(d)) {
                return d > 0 ? "Infinity" : "-Infinity";
            }
            return value.toString();
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return ((BigDecimal) value).toPlainString();
        }
        return value.toString();
    }

    static String abbreviate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
