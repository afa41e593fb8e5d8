package io.gureum.lambda.runtime.javaboot;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a handler's result into a JSON tree for {@link Json#write}, as Lambda's Java serializer does: bean
 * properties (public getters, then public fields) with null properties left out, maps with their nulls kept,
 * {@code byte[]} as base64, {@code Date} as epoch milliseconds, enums by name.
 */
public final class JsonRenderer {
    private final IdentityHashMap<Object, Boolean> visiting = new IdentityHashMap<>();

    private JsonRenderer() {
    }

    /** @throws IllegalArgumentException for a self-referencing object graph */
    public static Object render(Object value) {
        return new JsonRenderer().tree(value);
    }

    private Object tree(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Character || value instanceof Enum) {
            return value instanceof Enum ? ((Enum<?>) value).name() : value.toString();
        }
        if (value instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) value);
        }
        if (value instanceof Date) {
            return ((Date) value).getTime();
        }
        if (value instanceof Optional) {
            return tree(((Optional<?>) value).orElse(null));
        }
        if (value instanceof java.time.temporal.TemporalAccessor || value instanceof java.time.Duration) {
            return value.toString();
        }
        if (visiting.put(value, Boolean.TRUE) != null) {
            throw new IllegalArgumentException("Direct self-reference leading to cycle (through "
                    + value.getClass().getName() + ")");
        }
        try {
            if (value instanceof Map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    out.put(String.valueOf(entry.getKey()), tree(entry.getValue()));
                }
                return out;
            }
            if (value instanceof Collection || value.getClass().isArray()) {
                List<Object> out = new ArrayList<>();
                if (value instanceof Collection) {
                    for (Object item : (Collection<?>) value) {
                        out.add(tree(item));
                    }
                } else {
                    for (int i = 0; i < Array.getLength(value); i++) {
                        out.add(tree(Array.get(value, i)));
                    }
                }
                return out;
            }
            return bean(value);
        } finally {
            visiting.remove(value);
        }
    }

    private Map<String, Object> bean(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        Class<?> type = value.getClass();
        try {
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Method accessor = component.getAccessor();
                    accessor.setAccessible(true);
                    put(out, component.getName(), accessor.invoke(value));
                }
                return out;
            }
            Map<String, Method> getters = new LinkedHashMap<>();
            for (Method method : type.getMethods()) {
                String property = getterProperty(method);
                if (property != null) {
                    getters.putIfAbsent(property, method);
                }
            }
            // Properties in the order their fields are declared (superclass first), then the others.
            List<String> order = new ArrayList<>();
            declaredFields(type, order);
            order.addAll(getters.keySet());
            for (String property : order) {
                Method getter = getters.remove(property);
                if (getter != null) {
                    getter.setAccessible(true);
                    put(out, property, getter.invoke(value));
                }
            }
            for (Field field : type.getFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !out.containsKey(field.getName())) {
                    field.setAccessible(true);
                    put(out, field.getName(), field.get(value));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("Cannot serialize " + type.getName() + ": " + e, e);
        }
        return out;
    }

    private void put(Map<String, Object> out, String name, Object propertyValue) {
        if (propertyValue != null) {
            out.put(name, tree(propertyValue));
        }
    }

    private static void declaredFields(Class<?> type, List<String> names) {
        if (type == null || type == Object.class) {
            return;
        }
        declaredFields(type.getSuperclass(), names);
        for (Field field : type.getDeclaredFields()) {
            names.add(field.getName());
        }
    }

    private static String getterProperty(Method method) {
        if (method.getParameterCount() != 0 || Modifier.isStatic(method.getModifiers())
                || method.getDeclaringClass() == Object.class || method.getReturnType() == void.class) {
            return null;
        }
        String name = method.getName();
        if (name.startsWith("get") && name.length() > 3) {
            return JsonBinder.beanName(name.substring(3));
        }
        if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
            return JsonBinder.beanName(name.substring(2));
        }
        return null;
    }
}
