package io.gureum.lambda.runtime.javaboot;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Error documents as Lambda's Java runtime writes them: {@code errorMessage}, {@code errorType} (the exception's
 * class), {@code stackTrace} (the user's frames) and the cause as a nested document
 * (https://docs.aws.amazon.com/lambda/latest/dg/java-exceptions.html).
 */
public final class ErrorDocuments {
    private ErrorDocuments() {
    }

    /** The document of {@code error}, its causes nested under {@code cause}. */
    public static Map<String, Object> of(Throwable error) {
        Throwable shown = unwrap(error);
        Map<String, Object> doc = new LinkedHashMap<>();
        if (shown.getMessage() != null) {
            doc.put("errorMessage", shown.getMessage());
        }
        doc.put("errorType", shown.getClass().getName());
        doc.put("stackTrace", userFrames(shown));
        Throwable cause = shown.getCause();
        if (cause != null && cause != shown) {
            doc.put("cause", of(cause));
        }
        return doc;
    }

    /** A document with a message and type and no stack trace. */
    public static Map<String, Object> of(String errorType, String errorMessage) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("errorMessage", errorMessage);
        if (errorType != null) {
            doc.put("errorType", errorType);
        }
        return doc;
    }

    /**
     * An input the handler's parameter type cannot take: Lambda answers "An error occurred during JSON parsing"
     * with the serializer's complaint as the cause (https://docs.aws.amazon.com/lambda/latest/dg/java-exceptions.html).
     */
    public static Map<String, Object> jsonParsing(Exception error) {
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("errorMessage", String.valueOf(error.getMessage()));
        cause.put("errorType", error.getClass().getName());
        cause.put("stackTrace", List.of());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("errorMessage", "An error occurred during JSON parsing");
        doc.put("errorType", "java.lang.RuntimeException");
        doc.put("stackTrace", List.of());
        doc.put("cause", cause);
        return doc;
    }

    static Throwable unwrap(Throwable error) {
        Throwable shown = error;
        while (shown instanceof InvocationTargetException && shown.getCause() != null) {
            shown = shown.getCause();
        }
        return shown;
    }

    /** Frames down to where the runtime called into the function (reflection and this package left out). */
    private static List<String> userFrames(Throwable error) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : error.getStackTrace()) {
            String cls = frame.getClassName();
            if (cls.startsWith(ErrorDocuments.class.getPackageName() + ".") || cls.startsWith("jdk.internal.reflect.")
                    || cls.startsWith("java.lang.reflect.Method")) {
                break;
            }
            frames.add(frame.toString());
        }
        return frames;
    }
}
