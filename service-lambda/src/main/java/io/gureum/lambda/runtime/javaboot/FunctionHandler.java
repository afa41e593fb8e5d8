package io.gureum.lambda.runtime.javaboot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The function's handler ({@code package.Class::method}, or {@code package.Class} for {@code handleRequest}),
 * resolved once per environment: its class is loaded and initialized and, for an instance method, instantiated
 * with its no-argument constructor (https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html).
 *
 * <p>As in Lambda's Java runtime, a class that is not found and a method that does not fit are reported by
 * each invocation, not at init; a static initializer or constructor that throws fails the init.
 */
final class FunctionHandler {
    /** The init phase failed: the runtime reports {@code document} on {@code /init/error} and exits. */
    static final class InitFailure extends Exception {
        final transient Map<String, Object> document;
        final String errorType;

        InitFailure(Map<String, Object> document, String errorType) {
            super(String.valueOf(document.get("errorMessage")));
            this.document = document;
            this.errorType = errorType;
        }
    }

    /** What one invocation produced: a response body, or an error document with its type. */
    record Result(byte[] body, Map<String, Object> error, String errorType) {
        static Result failed(Map<String, Object> error) {
            Object type = error.get("errorType");
            return new Result(null, error, type == null ? "Runtime.Unknown" : type.toString());
        }
    }

    private final Method method;
    private final Object instance;
    private final Map<String, Object> fault;

    private FunctionHandler(Method method, Object instance, Map<String, Object> fault) {
        this.method = method;
        this.instance = instance;
        this.fault = fault;
    }

    static FunctionHandler load(String setting, ClassLoader loader) throws InitFailure {
        int colons = setting.indexOf("::");
        String className = colons < 0 ? setting : setting.substring(0, colons);
        String methodName = colons < 0 ? "handleRequest" : setting.substring(colons + 2);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            return faulty(ErrorDocuments.of("java.lang.ClassNotFoundException", "Class not found: " + className));
        } catch (NoClassDefFoundError e) {
            return faulty(ErrorDocuments.of(e));
        } catch (Throwable e) {
            throw new InitFailure(ErrorDocuments.of(e), e.getClass().getName());
        }
        Method method = find(type, methodName);
        if (method == null) {
            // Lambda's own wording; its document has no errorType.
            return faulty(ErrorDocuments.of(null, "No public method named " + methodName
                    + " with appropriate method signature found on class " + type.getName()));
        }
        Object instance = null;
        if (!Modifier.isStatic(method.getModifiers())) {
            try {
                Constructor<?> constructor = type.getConstructor();
                instance = constructor.newInstance();
            } catch (NoSuchMethodException e) {
                throw new InitFailure(ErrorDocuments.of("java.lang.NoSuchMethodException",
                        "Class " + type.getName() + " has no public zero-argument constructor"),
                        "java.lang.NoSuchMethodException");
            } catch (InvocationTargetException e) {
                Throwable cause = ErrorDocuments.unwrap(e);
                throw new InitFailure(ErrorDocuments.of(cause), cause.getClass().getName());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new InitFailure(ErrorDocuments.of(e), e.getClass().getName());
            }
        }
        method.setAccessible(true);
        return new FunctionHandler(method, instance, null);
    }

    private static FunctionHandler faulty(Map<String, Object> fault) {
        return new FunctionHandler(null, null, fault);
    }

    /** A public, non-bridge method of that name whose parameters Lambda can supply; the one with most parameters wins. */
    private static Method find(Class<?> type, String name) {
        Method best = null;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(name) && !candidate.isBridge() && !candidate.isSynthetic()
                    && fits(candidate.getParameterTypes())
                    && (best == null || candidate.getParameterCount() > best.getParameterCount())) {
                best = candidate;
            }
        }
        return best;
    }

    private static boolean fits(Class<?>[] params) {
        if (isStream(params)) {
            return true;
        }
        switch (params.length) {
            case 0: return true;
            case 1: return true;
            case 2: return ContextProxies.isContext(params[1]);
            default: return false;
        }
    }

    private static boolean isStream(Class<?>[] params) {
        return params.length >= 2 && params.length <= 3 && params[0] == InputStream.class
                && params[1] == OutputStream.class && (params.length == 2 || ContextProxies.isContext(params[2]));
    }

    Result invoke(byte[] payload, Object context) {
        if (fault != null) {
            return Result.failed(fault);
        }
        Class<?>[] params = method.getParameterTypes();
        Object[] args = new Object[params.length];
        ByteArrayOutputStream streamed = null;
        if (isStream(params)) {
            streamed = new ByteArrayOutputStream();
            args[0] = new ByteArrayInputStream(payload);
            args[1] = streamed;
            if (params.length == 3) {
                args[2] = context;
            }
        } else if (params.length == 1 && ContextProxies.isContext(params[0])) {
            args[0] = context;
        } else if (params.length >= 1) {
            Type input = method.getGenericParameterTypes()[0];
            try {
                String text = new String(payload, StandardCharsets.UTF_8);
                args[0] = JsonBinder.bind(text.isBlank() ? null : Json.parse(text), input);
            } catch (IllegalArgumentException e) {
                return Result.failed(ErrorDocuments.jsonParsing(e));
            }
            if (params.length == 2) {
                args[1] = context;
            }
        }
        Object returned;
        try {
            returned = method.invoke(instance, args);
        } catch (InvocationTargetException e) {
            return Result.failed(ErrorDocuments.of(e.getCause() == null ? e : e.getCause()));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Result.failed(ErrorDocuments.of(e));
        }
        if (streamed != null) {
            return new Result(streamed.toByteArray(), null, null);
        }
        try {
            return new Result(Json.write(JsonRenderer.render(returned)).getBytes(StandardCharsets.UTF_8), null, null);
        } catch (RuntimeException e) {
            return Result.failed(ErrorDocuments.of(e));
        }
    }
}
