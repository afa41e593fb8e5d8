package io.gureum.ec2common.persist;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.Serializers;
import io.gureum.core.persist.SdkJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The EC2 modules' resource objects as JSON, field by field: every non-static, non-{@code transient} field
 * is data ({@code transient} marks what restore rebuilds, such as an index). A class without a no-argument
 * constructor is made through its shortest constructor with null, zero and false arguments (so its field
 * initialisers run), and its fields — final ones too — are then set from the JSON. SDK model objects kept as
 * they came (a path filter, a RunInstances request) go through core's {@link SdkJson}; instants are ISO-8601.
 */
public final class FieldJson {
    /** Shared and thread-safe once built. */
    public static final ObjectMapper MAPPER = build();

    private FieldJson() {
    }

    /** The value as JSON bytes. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + value.getClass().getName(), e);
        }
    }

    /** A value of {@code type} from {@link #write}'s bytes. */
    public static <T> T read(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.getName(), e);
        }
    }

    /** A value of {@code type} from a JSON tree. */
    public static <T> T read(JsonNode json, Class<T> type) {
        try {
            return MAPPER.treeToValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + type.getName(), e);
        }
    }

    private static ObjectMapper build() {
        SimpleModule module = new SimpleModule("ec2-fields") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addSerializers(new SdkSerializers());
                context.addDeserializers(new SdkDeserializers());
                context.addValueInstantiators(new ShortestConstructor());
            }
        };
        module.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(value.toString());
            }
        });
        module.addDeserializer(Instant.class, new JsonDeserializer<>() {
            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Instant.parse(p.getValueAsString());
            }
        });
        module.addSerializer(BitSet.class, new JsonSerializer<>() {
            @Override
            public void serialize(BitSet value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                long[] words = value.toLongArray();
                gen.writeArray(words, 0, words.length);
            }
        });
        module.addDeserializer(BitSet.class, new JsonDeserializer<>() {
            @Override
            public BitSet deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return BitSet.valueOf(p.readValueAs(long[].class));
            }
        });
        return JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS)
                .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .addModule(module)
                .build();
    }

    /** SDK model objects through core's member tables. */
    private static final class SdkSerializers extends Serializers.Base {
        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
            if (!SdkPojo.class.isAssignableFrom(type.getRawClass())) {
                return null;
            }
            return new JsonSerializer<Object>() {
                @Override
                public void serialize(Object value, JsonGenerator gen, SerializerProvider serializers)
                        throws IOException {
                    gen.writeTree(SdkJson.toJson(value));
                }
            };
        }
    }

    private static final class SdkDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription beanDesc) {
            Class<?> raw = type.getRawClass();
            if (!SdkPojo.class.isAssignableFrom(raw)) {
                return null;
            }
            return new JsonDeserializer<Object>() {
                @Override
                public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                    JsonNode tree = p.readValueAsTree();
                    return SdkJson.fromJson(tree, raw);
                }
            };
        }
    }

    /** Our own classes without a no-argument constructor: made through the shortest one with blank arguments. */
    private static final class ShortestConstructor extends ValueInstantiators.Base {
        @Override
        public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription beanDesc,
                ValueInstantiator defaultInstantiator) {
            Class<?> raw = beanDesc.getBeanClass();
            if (defaultInstantiator.canCreateUsingDefault() || raw.isRecord() || raw.isEnum()
                    || !raw.getName().startsWith("io.gureum.")) {
                return defaultInstantiator;
            }
            Constructor<?> shortest = Arrays.stream(raw.getDeclaredConstructors())
                    .min(Comparator.comparingInt(Constructor::getParameterCount)).orElse(null);
            if (shortest == null) {
                return defaultInstantiator;
            }
            shortest.setAccessible(true);
            return new ValueInstantiator.Base(raw) {
                @Override
                public boolean canCreateUsingDefault() {
                    return true;
                }

                @Override
                public Object createUsingDefault(DeserializationContext ctxt) throws IOException {
                    Object[] args = Arrays.stream(shortest.getParameterTypes()).map(FieldJson::blank).toArray();
                    try {
                        return shortest.newInstance(args);
                    } catch (ReflectiveOperationException e) {
                        throw new IOException("Cannot make " + raw.getName(), e);
                    }
                }
            };
        }
    }

    private static Object blank(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return (char) 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }
}
