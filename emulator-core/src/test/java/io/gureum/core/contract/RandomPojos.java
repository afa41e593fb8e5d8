package io.gureum.core.contract;

import io.gureum.core.protocol.Pojos;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.traits.TimestampFormatTrait;

/**
 * Random but valid SDK model objects, built by walking {@code SdkField} metadata: small strings, numbers,
 * booleans, millisecond timestamps (whole seconds where the wire is RFC-822), blobs, nested structures,
 * lists and maps of one or two entries, and enum members as one of the enum's known values. Never
 * produces an empty structure or collection (those have no unambiguous wire form in every protocol).
 */
final class RandomPojos {
    private static final Map<Class<?>, Map<String, EnumInfo>> ENUMS = new ConcurrentHashMap<>();
    private static final String PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** Characters that test escaping in bodies, query strings and URI labels. */
    private static final String[] SPICE = {" ", "+", "/", "&", "=", "%", "é", "<", ">", "\"", "'", "?", "#", ":"};

    private final Random random;
    private final int maxDepth;
    private final boolean s3;
    private final boolean request;
    private final boolean restPayloadless;

    /**
     * @param request whether a request is built: its checksum algorithms are limited to those the SDK can
     *     compute without the CRT library
     * @param restPayloadless a REST request whose operation has no body members: its PAYLOAD-located
     *     members (S3 CopyObject's SourceBucket/SourceKey) are client-side conveniences, never on the wire
     */
    RandomPojos(long seed, int maxDepth, boolean s3, boolean request, boolean restPayloadless) {
        this.random = new Random(seed);
        this.maxDepth = maxDepth;
        this.s3 = s3;
        this.request = request;
        this.restPayloadless = restPayloadless;
    }

    /**
     * S3 request members that are client-side aliases, never on the wire: CopyObject/UploadPartCopy's
     * SourceBucket/SourceKey/SourceVersionId, which the client folds into x-amz-copy-source.
     */
    static final Set<String> S3_ALIASES = Set.of("SourceBucket", "SourceKey", "SourceVersionId");

    /** Enum values the SDK cannot compute without the CRT library, or refuses (MD5 as a flexible checksum). */
    static final Set<String> CRT_CHECKSUMS = Set.of("CRC64NVME", "XXHASH64", "XXHASH3", "XXHASH128", "MD5");

    /** Where a value travels, which limits what it may hold. */
    private enum Where { BODY, HEADER, PATH, QUERY }

    /** Fills a fresh builder of {@code modelClass} and builds it. */
    Object build(Class<?> modelClass) {
        SdkPojo builder = Pojos.builderSupplier(modelClass).get();
        fill(builder, modelClass, 0, true);
        return Pojos.build(builder);
    }

    private boolean fill(SdkPojo builder, Class<?> modelClass, int depth, boolean top) {
        Map<String, EnumInfo> enums = enumsOf(modelClass);
        boolean any = false;
        for (SdkField<?> field : builder.sdkFields()) {
            Where where = switch (field.location()) {
                case HEADER -> Where.HEADER;
                case PATH, GREEDY_PATH -> Where.PATH;
                case QUERY_PARAM -> Where.QUERY;
                default -> Where.BODY;
            };
            Object value;
            if (top && restPayloadless && field.location() == MarshallLocation.PAYLOAD) {
                continue;
            }
            if (top && s3 && request && S3_ALIASES.contains(field.memberName())) {
                continue;
            }
            if (field.location() == MarshallLocation.STATUS_CODE) {
                value = 200;
            } else {
                value = value(field, enums.get(norm(field.memberName())), depth, where, top);
            }
            if (value != null) {
                Pojos.set(field, builder, value);
                any = true;
            }
        }
        return any;
    }

    private Object value(SdkField<?> field, EnumInfo enumInfo, int depth, Where where, boolean top) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            if (enumInfo != null && enumInfo.scalar != null) {
                List<String> values = enumInfo.scalar;
                if (request && values.contains("CRC32")) {
                    values = values.stream().filter(v -> !CRT_CHECKSUMS.contains(v)).toList();
                }
                return pick(values);
            }
            if (s3 && top && where == Where.PATH && field.locationName().equals("Bucket")) {
                return "bkt-" + word(LOWER, 6);
            }
            return string(where);
        } else if (type == MarshallingType.INTEGER) {
            return random.nextInt(1000);
        } else if (type == MarshallingType.LONG) {
            return (long) random.nextInt(1_000_000);
        } else if (type == MarshallingType.SHORT) {
            return (short) random.nextInt(100);
        } else if (type == MarshallingType.BYTE) {
            return (byte) random.nextInt(100);
        } else if (type == MarshallingType.DOUBLE) {
            return random.nextInt(4000) / 4.0;
        } else if (type == MarshallingType.FLOAT) {
            return random.nextInt(4000) / 4.0f;
        } else if (type == MarshallingType.BIG_DECIMAL) {
            return new BigDecimal(random.nextInt(100000)).movePointLeft(2);
        } else if (type == MarshallingType.BOOLEAN) {
            return random.nextBoolean();
        } else if (type == MarshallingType.INSTANT) {
            return instant(where == Where.HEADER || rfc822(field));
        } else if (type == MarshallingType.SDK_BYTES) {
            byte[] b = new byte[1 + random.nextInt(8)];
            random.nextBytes(b);
            return SdkBytes.fromByteArray(b);
        } else if (type == MarshallingType.DOCUMENT) {
            Map<String, Document> m = new LinkedHashMap<>();
            m.put("k" + word(PLAIN, 3), Document.fromString(word(PLAIN, 4)));
            m.put("n", Document.fromNumber(SdkNumber.fromInteger(random.nextInt(100))));
            m.put("b", Document.fromBoolean(random.nextBoolean()));
            return Document.fromMap(m);
        } else if (type == MarshallingType.SDK_POJO) {
            if (depth >= limit(field)) {
                return null;
            }
            SdkPojo nested = Pojos.newBuilder(field);
            Class<?> nestedClass = modelClassOf(nested);
            return fill(nested, nestedClass, depth + 1, false) ? Pojos.build(nested) : null;
        } else if (type == MarshallingType.LIST) {
            if (depth >= limit(field)) {
                return null;
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            EnumInfo memberEnum = enumInfo == null || enumInfo.element == null ? null : new EnumInfo(enumInfo.element, null, null);
            int n = 1 + random.nextInt(2);
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Object v = value(member, memberEnum, depth + 1, where, false);
                if (v != null) {
                    out.add(v);
                }
            }
            return out.isEmpty() ? null : out;
        } else if (type == MarshallingType.MAP) {
            if (depth >= limit(field)) {
                return null;
            }
            MapTrait trait = field.getRequiredTrait(MapTrait.class);
            EnumInfo valueEnum = enumInfo == null || enumInfo.element == null ? null : new EnumInfo(enumInfo.element, null, null);
            int n = 1 + random.nextInt(2);
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String key;
                if (enumInfo != null && enumInfo.key != null) {
                    key = pick(enumInfo.key);
                } else if (where == Where.HEADER || where == Where.QUERY) {
                    key = "k" + word(LOWER, 5); // header names are case-insensitive
                } else {
                    key = "k" + word(PLAIN, 5);
                }
                Object v = value(trait.valueFieldInfo(), valueEnum, depth + 1, where, false);
                if (v != null) {
                    out.put(key, v);
                }
            }
            return out.isEmpty() ? null : out;
        }
        throw new IllegalArgumentException("Unsupported type " + type + " of " + field.memberName());
    }

    /** Required members (the SDK validates some, e.g. S3's) go deeper than the usual limit. */
    private int limit(SdkField<?> field) {
        return field.containsTrait(RequiredTrait.class) ? maxDepth + 4 : maxDepth;
    }

    private static boolean rfc822(SdkField<?> field) {
        TimestampFormatTrait t = field.getTrait(TimestampFormatTrait.class);
        return t != null && t.format() == TimestampFormatTrait.Format.RFC_822;
    }

    private Instant instant(boolean wholeSeconds) {
        long millis = 1_500_000_000_000L + (long) (random.nextDouble() * 300_000_000_000L);
        if (wholeSeconds) {
            millis -= millis % 1000;
        }
        return Instant.ofEpochMilli(millis);
    }

    private String string(Where where) {
        String base = word(PLAIN, 1 + random.nextInt(8));
        if (where == Where.HEADER || random.nextInt(3) != 0) {
            return base;
        }
        return base + SPICE[random.nextInt(SPICE.length)] + word(PLAIN, 2);
    }

    private String word(String alphabet, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    static Class<?> modelClassOf(SdkPojo builder) {
        // Generated builders are <Model>.BuilderImpl; their outer class is the model.
        Class<?> c = builder.getClass();
        return c.getEnclosingClass() != null ? c.getEnclosingClass() : c;
    }

    static String norm(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** Enum values of a member: of the scalar, of list elements / map values, of map keys. */
    private record EnumInfo(List<String> scalar, List<String> element, List<String> key) {
    }

    private static Map<String, EnumInfo> enumsOf(Class<?> modelClass) {
        return ENUMS.computeIfAbsent(modelClass, RandomPojos::scanEnums);
    }

    private static Map<String, EnumInfo> scanEnums(Class<?> c) {
        Map<String, EnumInfo> out = new HashMap<>();
        for (Method m : c.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Class<?> rt = m.getReturnType();
            if (rt.isEnum()) {
                List<String> values = knownValues(rt);
                if (values != null) {
                    out.put(norm(m.getName()), new EnumInfo(values, null, null));
                }
            } else if (List.class.isAssignableFrom(rt) || Map.class.isAssignableFrom(rt)) {
                Type g = m.getGenericReturnType();
                if (!(g instanceof ParameterizedType p)) {
                    continue;
                }
                Type[] args = p.getActualTypeArguments();
                if (List.class.isAssignableFrom(rt) && args[0] instanceof Class<?> e && e.isEnum()) {
                    List<String> values = knownValues(e);
                    if (values != null) {
                        out.put(norm(m.getName()), new EnumInfo(null, values, null));
                    }
                } else if (Map.class.isAssignableFrom(rt) && args.length == 2) {
                    List<String> keys = args[0] instanceof Class<?> k && k.isEnum() ? knownValues(k) : null;
                    List<String> vals = args[1] instanceof Class<?> v && v.isEnum() ? knownValues(v) : null;
                    if (keys != null || vals != null) {
                        out.put(norm(m.getName()), new EnumInfo(null, vals, keys));
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<String> knownValues(Class<?> enumClass) {
        try {
            Method known = enumClass.getMethod("knownValues");
            Set<Object> values = (Set<Object>) known.invoke(null);
            List<String> out = new ArrayList<>();
            for (Object v : values) {
                out.add(v.toString());
            }
            out.sort(null);
            return out.isEmpty() ? null : out;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
