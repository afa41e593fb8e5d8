package io.gureum.core.protocol;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/** Small helpers over the SDK's generated POJOs and their {@link SdkField} metadata. */
public final class Pojos {
    private static final Map<Class<?>, Supplier<SdkPojo>> BUILDERS = new ConcurrentHashMap<>();

    private Pojos() {
    }

    /** A supplier of fresh builders for a generated model class (its static {@code builder()}). */
    public static Supplier<SdkPojo> builderSupplier(Class<?> modelClass) {
        return BUILDERS.computeIfAbsent(modelClass, c -> {
            try {
                Method m = c.getMethod("builder");
                return () -> {
                    try {
                        return (SdkPojo) m.invoke(null);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                };
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("No builder() on " + c.getName(), e);
            }
        });
    }

    public static Object build(SdkPojo builder) {
        return ((SdkBuilder<?, ?>) builder).build();
    }

    /** A new builder for a nested structure field. */
    public static SdkPojo newBuilder(SdkField<?> field) {
        return field.constructor().get();
    }

    public static List<SdkField<?>> fields(SdkPojo pojo) {
        return pojo.sdkFields();
    }

    /** A field's value, or null when the SDK stands in an "auto construct" empty collection for it. */
    public static Object valueOf(SdkField<?> field, Object pojo) {
        Object value = field.getValueOrDefault(pojo);
        if (value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        return value;
    }

    /** Whether the model class has members that travel in the body (REST protocols). */
    public static boolean hasBodyMembers(SdkPojo pojo) {
        java.util.List<SdkField<?>> fields = pojo.sdkFields();
        for (int i = 0; i < fields.size(); i++) { // by index: the SDK's unmodifiable list made an iterator each time
            if (fields.get(i).location() == software.amazon.awssdk.core.protocol.MarshallLocation.PAYLOAD) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void set(SdkField<?> field, SdkPojo builder, Object value) {
        ((SdkField) field).set(builder, value);
    }
}
