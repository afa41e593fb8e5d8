package io.gureum.lambda.runtime.javaboot;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Binds a parsed JSON value ({@link Json}) to a handler's parameter type the way Lambda's Java serializer does
 * (https://github.com/aws/aws-lambda-java-libs, aws-lambda-java-serialization): property names are
 * case-sensitive standard bean names, unknown properties are ignored, a single value is accepted where an
 * array is expected, an empty string reads as null, and an unknown enum constant reads as null.
 */
public final class JsonBinder {
    private JsonBinder() {
    }

    /** @throws IllegalArgumentException when {@code json} cannot be read as {@code type} */
    public static Object bind(Object json, Type type) {
        if (type instanceof ParameterizedType) {
            return parameterized(json, (ParameterizedType) type);
        }
        if (type instanceof GenericArrayType) {
            Type component = ((GenericArrayType) type).getGenericComponentType();
            return array(json, rawClass(component), component);
        }
        if (!(type instanceof Class)) {
            return json; // type variables and wildcards: the plain JSON value
        }
        Class<?> target = (Class<?>) type;
        if (json == null || ("".equals(json) && target != String.class && target != Object.class)) {
            return target.isPrimitive() ? primitiveDefault(target) : null;
        }
        if (target == Object.class || target.isInstance(json) && !(json instanceof Map) && !(json instanceof List)) {
            return json;
        }
        if (target == String.class) {
            if (json instanceof Map || json instanceof List) {
                throw mismatch(json, target);
            }
            return json.toString();
        }
        Object scalar = scalar(json, target);
        if (scalar != null) {
            return scalar;
        }
        if (target.isArray()) {
            return array(json, target.getComponentType(), target.getComponentType());
        }
        if (Map.class.isAssignableFrom(target)) {
            return map(json, target, Object.class);
        }
        if (Collection.class.isAssignableFrom(target)) {
            return collection(json, target, Object.class);
        }
        if (target.isEnum()) {
            return enumConstant(json, target);
        }
        if (json instanceof String text && !target.isInterface()) {
            Object value = fromString(text, target);
            if (value != null) {
                return value;
            }
        }
        if (!(json instanceof Map)) {
            throw mismatch(json, target);
        }
        if (target.isRecord()) {
            return record(asMap(json), target);
        }
        return pojo(asMap(json), target);
    }

    private static Object parameterized(Object json, ParameterizedType type) {
        Class<?> raw = rawClass(type.getRawType());
        Type[] args = type.getActualTypeArguments();
        if (json == null) {
            return raw == Optional.class ? Optional.empty() : null;
        }
        if (raw == Optional.class) {
            return Optional.ofNullable(bind(json, args[0]));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return map(json, raw, args[1]);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return collection(json, raw, args[0]);
        }
        return bind(json, raw);
    }

    private static Object scalar(Object json, Class<?> target) {
        Class<?> boxed = box(target);
        if (boxed == Boolean.class) {
            if (json instanceof Boolean) {
                return json;
            }
            if ("true".equals(json) || "false".equals(json)) {
                return Boolean.valueOf((String) json);
            }
            throw mismatch(json, target);
        }
        if (boxed == Character.class) {
            if (json instanceof String && ((String) json).length() == 1) {
                return ((String) json).charAt(0);
            }
            throw mismatch(json, target);
        }
        if (!Number.class.isAssignableFrom(boxed)) {
            return null;
        }
        BigDecimal number;
        try {
            if (json instanceof Number) {
                number = new BigDecimal(json.toString());
            } else if (json instanceof String) {
                number = new BigDecimal(((String) json).trim());
            } else {
                throw mismatch(json, target);
            }
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("Cannot construct instance of `" + target.getName()
                    + "` from String value '" + json + "': not a valid representation");
        }
        if (boxed == Integer.class) {
            return number.intValue();
        } else if (boxed == Long.class) {
            return number.longValue();
        } else if (boxed == Double.class) {
            return number.doubleValue();
        } else if (boxed == Float.class) {
            return number.floatValue();
        } else if (boxed == Short.class) {
            return number.shortValue();
        } else if (boxed == Byte.class) {
            return number.byteValue();
        } else if (boxed == BigInteger.class) {
            return number.toBigInteger();
        } else if (boxed == BigDecimal.class || boxed == Number.class) {
            return number;
        }
        throw mismatch(json, target);
    }

    private static Object array(Object json, Class<?> componentClass, Type component) {
        List<Object> items = asList(json);
        Object array = Array.newInstance(componentClass, items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, bind(items.get(i), component));
        }
        return array;
    }

    private static Collection<Object> collection(Object json, Class<?> raw, Type element) {
        Collection<Object> out = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
        if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) {
            out = castCollection(instantiate(raw));
        }
        for (Object item : asList(json)) {
            out.add(bind(item, element));
        }
        return out;
    }

    private static Map<Object, Object> map(Object json, Class<?> raw, Type value) {
        if (!(json instanceof Map)) {
            throw mismatch(json, raw);
        }
        Map<Object, Object> out = raw.isAssignableFrom(LinkedHashMap.class) ? new LinkedHashMap<>()
                : raw.isAssignableFrom(TreeMap.class) ? new TreeMap<>() : castMap(instantiate(raw));
        for (Map.Entry<String, Object> entry : asMap(json).entrySet()) {
            out.put(entry.getKey(), bind(entry.getValue(), value));
        }
        return out;
    }

    private static Object enumConstant(Object json, Class<?> target) {
        for (Object constant : target.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(json)) {
                return constant;
            }
        }
        return null;
    }

    private static Object record(Map<String, Object> json, Class<?> target) {
        RecordComponent[] components = target.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = bind(json.get(components[i].getName()), components[i].getGenericType());
        }
        try {
            Constructor<?> canonical = target.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot construct instance of `" + target.getName() + "`", e);
        }
    }

    /**
     * AWS's serializer binds the event classes of aws-lambda-java-events ({@code SQSEvent},
     * {@code SNSEvent} …) with mix-ins that map their JSON names ({@code Records}, {@code Sns},
     * {@code eventSourceARN}) to the classes' bean properties; Gureum matches those names ignoring
     * case, and only for those classes: users' own classes bind case-sensitively, as in AWS
     * (https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html).
     */
    private static boolean eventClass(Class<?> target) {
        return target.getName().startsWith(EVENTS_PACKAGE);
    }

    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";

    private static Object pojo(Map<String, Object> json, Class<?> target) {
        Object instance = instantiate(target);
        boolean ignoreCase = eventClass(target);
        for (Map.Entry<String, Object> entry : json.entrySet()) {
            Method setter = setter(target, entry.getKey(), ignoreCase);
            try {
                if (setter != null) {
                    setter.setAccessible(true);
                    setter.invoke(instance, bind(entry.getValue(), setter.getGenericParameterTypes()[0]));
                    continue;
                }
                Field field = field(target, entry.getKey(), ignoreCase);
                if (field != null) {
                    field.set(instance, bind(entry.getValue(), field.getGenericType()));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot set property '" + entry.getKey() + "' of `"
                        + target.getName() + "`", e);
            }
        }
        return instance;
    }

    private static Method setter(Class<?> target, String property, boolean ignoreCase) {
        Method loose = null;
        for (Class<?> c = target; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (method.getParameterCount() == 1 && !Modifier.isStatic(method.getModifiers())
                        && !method.isBridge() && method.getName().startsWith("set")) {
                    String name = beanName(method.getName().substring(3));
                    if (property.equals(name)) {
                        return method;
                    }
                    if (ignoreCase && loose == null && property.equalsIgnoreCase(name)) {
                        loose = method;
                    }
                }
            }
        }
        return loose;
    }

    private static Field field(Class<?> target, String property, boolean ignoreCase) {
        for (Field field : target.getFields()) {
            boolean named = ignoreCase ? field.getName().equalsIgnoreCase(property) : field.getName().equals(property);
            if (named && !Modifier.isStatic(field.getModifiers())
                    && !Modifier.isFinal(field.getModifiers())) {
                return field;
            }
        }
        return null;
    }

    /** Standard bean naming: {@code FooBar} → {@code fooBar}, but {@code URL} stays {@code URL}. */
    static String beanName(String suffix) {
        if (suffix.isEmpty()) {
            return suffix;
        }
        if (suffix.length() > 1 && Character.isUpperCase(suffix.charAt(0)) && Character.isUpperCase(suffix.charAt(1))) {
            return suffix;
        }
        return Character.toLowerCase(suffix.charAt(0)) + suffix.substring(1);
    }

    /**
     * A value type made from its text by a public one-argument constructor: {@code String}, or
     * {@code Object} for Joda-Time's {@code DateTime}, which the event classes use for timestamps.
     */
    private static Object fromString(String text, Class<?> target) {
        for (Class<?> parameter : new Class<?>[] {String.class, Object.class}) {
            if (parameter == Object.class && !target.getName().startsWith("org.joda.time.")) {
                continue;
            }
            try {
                return target.getConstructor(parameter).newInstance(text);
            } catch (NoSuchMethodException absent) {
                // try the next shape
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("Cannot construct instance of `" + target.getName()
                        + "` from \"" + text + "\"", e);
            }
        }
        return null;
    }

    private static Object instantiate(Class<?> target) {
        try {
            Constructor<?> constructor = target.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("Cannot construct instance of `" + target.getName()
                    + "` (no Creators, like default constructor, exist)");
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot construct instance of `" + target.getName() + "`", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object json) {
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object json) {
        return json instanceof List ? (List<Object>) json : List.of(json);
    }

    @SuppressWarnings("unchecked")
    private static Collection<Object> castCollection(Object collection) {
        return (Collection<Object>) collection;
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> castMap(Object map) {
        return (Map<Object, Object>) map;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class) {
            return (Class<?>) type;
        }
        if (type instanceof ParameterizedType) {
            return rawClass(((ParameterizedType) type).getRawType());
        }
        if (type instanceof GenericArrayType) {
            return Array.newInstance(rawClass(((GenericArrayType) type).getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }

    private static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return Array.get(Array.newInstance(type, 1), 0).getClass();
    }

    private static Object primitiveDefault(Class<?> type) {
        return Array.get(Array.newInstance(type, 1), 0);
    }

    private static IllegalArgumentException mismatch(Object json, Class<?> target) {
        String token = json instanceof Map ? "START_OBJECT" : json instanceof List ? "START_ARRAY"
                : json instanceof String ? "VALUE_STRING" : json instanceof Boolean ? "VALUE_" + json.toString().toUpperCase()
                : "VALUE_NUMBER";
        return new IllegalArgumentException("Cannot deserialize value of type `" + target.getName()
                + "` from " + token + " token");
    }
}
