package io.gureum.core.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * AWS timestamp formats. The defaults depend on where the value travels and are not in the SDK
 * metadata: JSON bodies use epoch seconds, XML bodies and query strings ISO-8601, headers RFC-822.
 */
public final class Timestamps {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static TimestampFormatTrait.Format formatOf(SdkField<?> field, TimestampFormatTrait.Format protocolDefault) {
        TimestampFormatTrait trait = field.getTrait(TimestampFormatTrait.class);
        if (trait != null) {
            return trait.format();
        }
        return field.location() == MarshallLocation.HEADER ? TimestampFormatTrait.Format.RFC_822 : protocolDefault;
    }

    public static String format(Instant instant, TimestampFormatTrait.Format format) {
        return switch (format) {
            case RFC_822 -> RFC_822.format(instant);
            case UNIX_TIMESTAMP -> epochSeconds(instant).toPlainString();
            case UNIX_TIMESTAMP_MILLIS -> Long.toString(instant.toEpochMilli());
            default -> ISO.format(instant);
        };
    }

    public static String iso8601(Instant instant) {
        return ISO.format(instant);
    }

    public static String rfc822(Instant instant) {
        return RFC_822.format(instant);
    }

    public static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3).stripTrailingZeros();
    }

    /** Parses any of AWS's timestamp spellings; throws IllegalArgumentException when none fits. */
    public static Instant parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty timestamp");
        }
        char c = t.charAt(0);
        if (Character.isDigit(c) && t.indexOf('-') < 0) {
            return fromEpochSeconds(new BigDecimal(t));
        }
        try {
            if (Character.isDigit(c)) {
                try {
                    return OffsetDateTime.parse(t).toInstant();
                } catch (DateTimeParseException e) {
                    return Instant.parse(t.endsWith("Z") ? t : t + "Z");
                }
            }
            return ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Invalid timestamp: " + text, e);
        }
    }

    public static Instant fromEpochSeconds(BigDecimal seconds) {
        BigDecimal millis = seconds.movePointRight(3);
        return Instant.ofEpochMilli(millis.longValue());
    }
}
